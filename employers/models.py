from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from employers.choices import US_STATES, CompanySize, FacilityType
from employers.plans import DEFAULT_PLAN, PLAN_CHOICES, Plan, get_plan

INVITATION_LIFETIME = timedelta(days=7)
# Public responsiveness figures and rating averages appear from this many on (GUIDE.md §3).
RESPONSIVENESS_MIN_MATURED = 5
RATINGS_MIN_COUNT = 5


class CompanyQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(is_verified=True)

    def in_state(self, state: str):
        return self.filter(
            Exists(CompanyLocation.objects.filter(company=OuterRef("pk"), state=state))
        )

    def named_like(self, text: str):
        return self.filter(name__icontains=text)

    def for_listing(self):
        """The Company List's rows with their locations, with no N+1 (the open-job counts
        come from jobs.selectors.with_live_job_counts: employers never imports jobs)."""
        return self.prefetch_related("locations")


class Company(models.Model):
    """An employer: a hospital, clinic, practice, insurer or coding company."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    is_verified = models.BooleanField(
        default=False, help_text="Verified by staff; unverified companies' jobs are reviewed."
    )
    require_mfa = models.BooleanField(
        "require two-factor authentication",
        default=False,
        help_text="Set by the owner: every team member needs an authenticator app to reach the "
        "dashboard (employers/mfa.py).",
    )
    renamed_from = models.CharField(
        max_length=200,
        blank=True,
        help_text="The name staff had verified, when the owner's rename removed the Verified "
        "badge; cleared when staff verify the company again.",
    )
    logo = models.ImageField(
        upload_to="logos/",
        blank=True,
        help_text="Re-encoded by the site (WebP, at most 400 x 400).",
    )
    about = models.TextField(blank=True, help_text="Sanitized HTML.")
    website = models.URLField(max_length=300, blank=True)
    size = models.CharField(max_length=16, choices=CompanySize.choices, blank=True)
    facility_type = models.CharField(max_length=32, choices=FacilityType.choices, blank=True)
    benefits = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    plan = models.CharField(
        max_length=16,
        choices=PLAN_CHOICES,
        default=DEFAULT_PLAN,
        help_text="Changed by staff only (invoiced billing); see employers/plans.py.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Responsiveness under the No-Ghosting Policy (GUIDE.md section 3), precomputed by one
    # set-based UPDATE in a beat task (applications/responsiveness.py) so that listing pages
    # read them from the select_related company with no query per result. Rates are whole
    # percentages rounded down; NULL until the company has a matured application.
    response_rate_90d = models.PositiveSmallIntegerField(
        "on-time response rate, 90 days (%)", null=True, blank=True, editable=False
    )
    median_response_hours_90d = models.PositiveIntegerField(
        "median hours to first response, 90 days", null=True, blank=True, editable=False
    )
    matured_applications_90d = models.PositiveIntegerField(default=0, editable=False)
    on_time_rate_30d = models.PositiveSmallIntegerField(
        "on-time response rate, 30 days (%)", null=True, blank=True, editable=False
    )
    matured_applications_30d = models.PositiveIntegerField(default=0, editable=False)
    overdue_applications = models.PositiveIntegerField(
        default=0, editable=False, help_text="Unanswered applications past their deadline."
    )
    on_notice_since = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="On notice (No-Ghosting): may not publish jobs until overdue applications "
        "are answered.",
    )
    rating_speed_avg = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    rating_communication_avg = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    responsiveness_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        indexes = [models.Index(fields=["facility_type"], name="company_facility_type")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:detail", kwargs={"slug": self.slug})

    @property
    def plan_details(self) -> Plan:
        return get_plan(self.plan)

    @property
    def shows_responsiveness(self) -> bool:
        """The public figures appear once enough applications matured to mean something."""
        return (
            self.matured_applications_90d >= RESPONSIVENESS_MIN_MATURED
            and self.response_rate_90d is not None
        )

    @property
    def response_time_label(self) -> str:
        """ "about 2 days", "within a day", from the median time to a first response."""
        hours = self.median_response_hours_90d
        if hours is None:
            return ""
        if hours < 24:
            return "within a day"
        days = round(hours / 24)
        return f"about {days} day{'s' if days != 1 else ''}"

    @property
    def shows_ratings(self) -> bool:
        return self.rating_count >= RATINGS_MIN_COUNT

    @property
    def is_on_notice(self) -> bool:
        return self.on_notice_since is not None

    @staticmethod
    def unique_slug_for(name: str) -> str:
        base = slugify(name)[:200] or "company"
        slug, n = base, 2
        while Company.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class CompanyLocation(models.Model):
    """A place where a company has staff: shown on its page, filtered on in the Company List."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="locations")
    city = models.CharField(max_length=80)
    state = models.CharField(max_length=2, choices=US_STATES)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["company", "position", "pk"]
        indexes = [models.Index(fields=["state"], name="company_location_state")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.city}, {self.state}"


class Membership(models.Model):
    """A user's place on one company's hiring team. An employer user belongs to one company."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        RECRUITER = "recruiter", "Recruiter"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )

    class ApplicationEmails(models.TextChoices):
        PER_APPLICATION = "per_application", "An email for each new application"
        DAILY_DIGEST = "daily_digest", "One daily digest of new applications"

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RECRUITER)
    # How this member hears of new applications to the company's jobs (each member chooses).
    application_emails = models.CharField(
        max_length=16, choices=ApplicationEmails.choices, default=ApplicationEmails.PER_APPLICATION
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["company", "role", "user__email"]
        constraints = [
            # Ownership moves by transfer (demote, then promote), so there is never a second one.
            models.UniqueConstraint(
                fields=["company"], condition=Q(role="owner"), name="one_owner_per_company"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.company}"

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Not accepted, not revoked and not expired: the link still works."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An owner's invitation for someone to join the company's hiring team as a recruiter.

    The emailed link carries a signed id (employers/invitations.py); the row decides whether it
    still works: single-use (accepted_at is set by a conditional UPDATE), revocable, expiring.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["company", "email"], name="invitation_company_email")]

    def __str__(self):
        return f"{self.email} to {self.company}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class UpgradeRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(handled_at__isnull=True)


class UpgradeRequest(models.Model):
    """An employer owner's request for another plan. Staff follow up (invoiced billing) and change
    the company's plan in admin; nothing is charged on the site."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="upgrade_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept on the request so that staff can answer even if the account is deleted later.
    requester_name = models.CharField(max_length=150, blank=True)
    requester_email = models.EmailField()
    current_plan = models.CharField(max_length=16, choices=PLAN_CHOICES)
    plan = models.CharField("requested plan", max_length=16, choices=PLAN_CHOICES)
    message = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UpgradeRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.company}: {self.get_current_plan_display()} → {self.get_plan_display()}"

    @property
    def plan_details(self) -> Plan:
        return get_plan(self.plan)
