from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q, Value
from django.urls import reverse
from django.utils import timezone

from articles.richtext import plain_text, reading_minutes, sanitize_body, table_of_contents
from jobs.choices import PayPeriod, Profession
from jobs.pay import pay_range_label

# Slugs that name other /blog/ URLs.
RESERVED_SLUGS = {"feed", "category", "tag", "search", "comments"}


def can_preview_articles(user) -> bool:
    """Editors (and superusers) see drafts and scheduled articles, with a banner."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("articles.view_article")
    )


class Author(models.Model):
    """The person an article is credited to, with a short bio and a photo."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The editor's account, if this author has one.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    job_title = models.CharField(
        max_length=120, blank=True, help_text="For example: Senior editor, CPC."
    )
    bio = models.TextField(max_length=1200, blank=True, help_text="Plain text, a few sentences.")
    photo = models.ImageField(upload_to="articles/authors/", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)
    description = models.CharField(max_length=240, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=70, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: not a draft, and its publish time has come.

        A query on the clock rather than a status flip, so a scheduled article appears at its
        time with nobody (and no worker) doing anything."""
        return self.exclude(status=Article.Status.DRAFT).filter(publish_at__lte=timezone.now())

    def visible_to(self, user):
        return self if can_preview_articles(user) else self.published()

    def for_listing(self):
        return (
            self.select_related("author")
            .prefetch_related("categories")
            .defer("body", "search_vector")
            .order_by("-publish_at", "-pk")
        )

    def matching(self, text: str):
        """Full-text search (title > summary > body), best matches first."""
        query = SearchQuery(text, search_type="websearch", config="english")
        return (
            self.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-publish_at")
        )

    def for_page(self):
        """Everything the article page shows, in a fixed number of queries."""
        return self.select_related("author", "facts", "job_template").prefetch_related(
            "categories",
            "tags",
            "pay_levels",
            "career_stages",
            "pros_cons",
            "faqs",
        )


class Article(models.Model):
    class Kind(models.TextChoices):
        BLOG_POST = "blog_post", "Blog post"
        CAREER_GUIDE = "career_guide", "Career guide"
        HIRING_GUIDE = "hiring_guide", "Hiring guide"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.BLOG_POST)
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=180, unique=True)
    summary = models.TextField(
        max_length=400, help_text="One or two sentences: shown in lists, the feed and search."
    )
    hero_image = models.ImageField(
        upload_to="articles/hero/",
        blank=True,
        width_field="hero_image_width",
        height_field="hero_image_height",
    )
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="What the image shows, for people who cannot see it.",
    )
    body = models.TextField(blank=True, help_text="Cleaned HTML; h2/h3 make the contents list.")
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    categories = models.ManyToManyField(Category, blank=True, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    profession = models.CharField(
        max_length=48,
        choices=Profession.choices,
        blank=True,
        help_text="Guides: the profession whose open jobs and live pay the page shows.",
    )
    job_template = models.ForeignKey(
        "jobs.JobDescriptionTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_guides",
        help_text="Hiring guides: the job description template employers can start a job from.",
    )
    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="+",
        verbose_name="related guides and articles",
    )

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Empty means now. A future time schedules the article.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    seo_title = models.CharField(
        "SEO title", max_length=70, blank=True, help_text="The browser tab and search result."
    )
    seo_description = models.CharField(
        "SEO description", max_length=160, blank=True, help_text="Defaults to the summary."
    )
    canonical_url = models.URLField(
        "canonical URL",
        blank=True,
        help_text="Only when the article first appeared elsewhere; empty means this page.",
    )

    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish"),
            models.Index(fields=["kind", "-publish_at"], name="article_kind_publish"),
            GinIndex(fields=["search_vector"], name="article_search_vector_gin"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        self.reading_minutes = reading_minutes(self.body)
        if self.status != self.Status.DRAFT:
            self.publish_at = self.publish_at or timezone.now()
            # The stored status follows the time, for editors' lists; visibility never needs it.
            is_future = self.publish_at > timezone.now()
            self.status = self.Status.SCHEDULED if is_future else self.Status.PUBLISHED
        super().save(*args, **kwargs)
        Article.objects.filter(pk=self.pk).update(
            search_vector=SearchVector(Value(self.title), weight="A", config="english")
            + SearchVector(Value(self.summary), weight="B", config="english")
            + SearchVector(Value(plain_text(self.body)), weight="C", config="english")
        )

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "This address is used by the blog itself; choose another."
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = "Describe the image for people who cannot see it."
        if self.status == self.Status.SCHEDULED and not self.publish_at:
            errors["publish_at"] = "Choose when the article should appear."
        if errors:
            raise ValidationError(errors)

    def refresh_reading_minutes(self) -> None:
        """Reading time of the whole page: the body and the structured parts (saved after the
        article itself, e.g. by the admin's inlines)."""
        texts = [self.body]
        texts += [f"{s.title} {s.work} {s.focus}" for s in self.career_stages.all()]
        texts += [f"{f.question} {f.answer}" for f in self.faqs.all()]
        texts += [item.text for item in self.pros_cons.all()]
        texts += [f"{level.level} {level.note}" for level in self.pay_levels.all()]
        self.reading_minutes = reading_minutes(*texts)
        Article.objects.filter(pk=self.pk).update(reading_minutes=self.reading_minutes)

    @property
    def is_public(self) -> bool:
        return (
            self.status != self.Status.DRAFT
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def state_label(self) -> str:
        """Draft, Scheduled or Published, as of now (whatever the stored status says)."""
        if self.status == self.Status.DRAFT:
            return "Draft"
        return "Published" if self.is_public else "Scheduled"

    @property
    def toc(self):
        return table_of_contents(self.body)

    @property
    def meta_title(self) -> str:
        return self.seo_title or self.title

    @property
    def meta_description(self) -> str:
        return self.seo_description or self.summary

    @property
    def was_updated(self) -> bool:
        """Worth an "Updated" line: edited at least a day after it appeared."""
        return bool(
            self.publish_at
            and self.updated_at
            and (self.updated_at - self.publish_at).total_seconds() > 86400
        )

    @property
    def is_guide(self) -> bool:
        return self.kind in {self.Kind.CAREER_GUIDE, self.Kind.HIRING_GUIDE}

    def pros(self):
        return [item for item in self.pros_cons.all() if item.kind == ProCon.Kind.PRO]

    def cons(self):
        return [item for item in self.pros_cons.all() if item.kind == ProCon.Kind.CON]


class ArticleImage(models.Model):
    """An image uploaded for use inside an article's body (its URL goes in the editor)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="articles/body/")
    alt_text = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.alt_text


class GuideFacts(models.Model):
    """A career guide's key facts, each optional."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="facts")
    median_pay = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    median_pay_period = models.CharField(
        max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR
    )
    median_pay_source = models.CharField(
        max_length=160,
        blank=True,
        help_text="Who measured it, e.g. U.S. Bureau of Labor Statistics.",
    )
    median_pay_year = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_outlook = models.CharField(
        max_length=160,
        blank=True,
        help_text="For example: 7% from 2023 to 2033, faster than average.",
    )
    annual_openings = models.PositiveIntegerField(null=True, blank=True)
    typical_education = models.CharField(max_length=240, blank=True)

    class Meta:
        verbose_name = "key facts"
        verbose_name_plural = "key facts"

    def __str__(self):
        return str(self.article)

    @property
    def median_pay_label(self) -> str:
        if self.median_pay is None:
            return ""
        return pay_range_label(self.median_pay, self.median_pay, self.median_pay_period, long=True)

    @property
    def annual_openings_label(self) -> str:
        return f"{self.annual_openings:,}" if self.annual_openings is not None else ""

    @property
    def has_any(self) -> bool:
        return any(
            [
                self.median_pay is not None,
                self.growth_outlook,
                self.annual_openings is not None,
                self.typical_education,
            ]
        )


class OrderedPart(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class PayLevel(OrderedPart):
    """One row of the "pay by experience" table."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pay_levels")
    level = models.CharField(max_length=80, help_text="For example: Entry level (0–2 years).")
    pay_low = models.DecimalField(max_digits=10, decimal_places=2)
    pay_high = models.DecimalField(max_digits=10, decimal_places=2)
    pay_period = models.CharField(max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    note = models.CharField(max_length=160, blank=True)

    class Meta(OrderedPart.Meta):
        verbose_name = "pay by experience level"
        verbose_name_plural = "pay by experience level"
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_high__gte=F("pay_low")), name="paylevel_range_valid"
            )
        ]

    def __str__(self):
        return self.level

    @property
    def pay_label(self) -> str:
        return pay_range_label(self.pay_low, self.pay_high, self.pay_period, long=True)


class CareerStage(OrderedPart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="career_stages")
    title = models.CharField(max_length=120)
    years = models.CharField(max_length=40, help_text="For example: 0–2 years.")
    work = models.TextField("what the work is", max_length=1200)
    focus = models.TextField("what to focus on", max_length=1200, blank=True)

    class Meta(OrderedPart.Meta):
        verbose_name = "career path stage"

    def __str__(self):
        return self.title


class ProCon(OrderedPart):
    class Kind(models.TextChoices):
        PRO = "pro", "Pro"
        CON = "con", "Con"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pros_cons")
    kind = models.CharField(max_length=3, choices=Kind.choices, default=Kind.PRO)
    text = models.CharField(max_length=240)

    class Meta(OrderedPart.Meta):
        verbose_name = "pro or con"
        verbose_name_plural = "pros and cons"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"


class FAQ(OrderedPart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=240)
    answer = models.TextField(
        max_length=2000, help_text="Plain text; a blank line starts a new paragraph."
    )

    class Meta(OrderedPart.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQ"

    def __str__(self):
        return self.question


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def threads(self):
        """Approved top-level comments with their approved replies, oldest first."""
        return (
            self.approved()
            .filter(parent__isnull=True)
            .order_by("created_at", "pk")
            .prefetch_related(
                Prefetch(
                    "replies",
                    queryset=Comment.objects.approved().order_by("created_at", "pk"),
                    to_attr="approved_replies",
                )
            )
        )


class Comment(models.Model):
    """A reader's comment: plain text, shown escaped with links made clickable (nofollow ugc)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(max_length=80)
    email = models.EmailField()
    body = models.TextField(max_length=3000)
    by_editor = models.BooleanField(default=False, help_text="Written by one of our editors.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "status"], name="comment_article_status")]

    def __str__(self):
        return f"{self.name} on {self.article}"

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": "Replies go one level deep."})
        if self.parent_id and self.parent.article_id != self.article_id:
            raise ValidationError({"parent": "That comment belongs to another article."})

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"
