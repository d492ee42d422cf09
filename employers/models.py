from django.conf import settings
from django.db import models
from django.utils.text import slugify


class CompanyQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(is_verified=True)


class Company(models.Model):
    """An employer: a hospital, clinic, practice, insurer or coding company."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    is_verified = models.BooleanField(
        default=False, help_text="Verified by staff; unverified companies' jobs are reviewed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name

    @staticmethod
    def unique_slug_for(name: str) -> str:
        base = slugify(name)[:200] or "company"
        slug, n = base, 2
        while Company.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Membership(models.Model):
    """A user's place on one company's hiring team. An employer user belongs to one company."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        RECRUITER = "recruiter", "Recruiter"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RECRUITER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company", "role", "user__email"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.company}"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER
