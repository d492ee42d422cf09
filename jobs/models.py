import math
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import ASin, Coalesce, Cos, Least, Power, Radians, Sin, Sqrt
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from jobs.choices import (
    CONTRACT_TYPES,
    HOURS_PER_YEAR,
    US_STATES,
    Benefit,
    Credential,
    DifferentialUnit,
    EmploymentType,
    ExperienceLevel,
    FacilityType,
    PayPeriod,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.gazetteer import EARTH_RADIUS_MILES
from jobs.pay import pay_range_label

JOB_LIFETIME_DAYS = 30
# Similar jobs: how many of the nearest (by the index's flat projection) are ranked by true
# distance. The projection (longitude scaled by the job's own latitude) is within a few percent
# of the great-circle distance at the distances that matter, so 20 is ample for 4.
SIMILAR_POOL = 20


def planar_point():
    """The point the similar-jobs index holds: longitude scaled by cos(latitude), latitude, so
    flat distances are close to true distances (one degree of latitude ~ 69 miles)."""
    # Keyword arguments in alphabetical order, as the migration writes them: Django compares
    # them in order, so any other order makes makemigrations see a changed index.
    return Func(
        Func(F("longitude"), Cos(Radians("latitude")), arg_joiner=" * ", function=""),
        F("latitude"),
        function="point",
    )


class PlanarDistance(Func):
    """`planar_point() <-> point(x, y)`: what a K-nearest-neighbour index scan orders by."""

    arg_joiner = " <-> "
    template = "%(expressions)s"
    output_field = FloatField()

    def __init__(self, x: float, y: float):
        target = Func(Value(x), Value(y), function="point", output_field=FloatField())
        super().__init__(planar_point(), target)


def default_expiry():
    return timezone.now() + timedelta(days=JOB_LIFETIME_DAYS)


def live_job_q(prefix: str = "") -> Q:
    """The one definition of a live job: published and not past its expiry date, so candidates
    can find it and apply. `prefix` reaches jobs through a relation (`"jobs__"` from Company)."""
    return Q(**{f"{prefix}status": Job.Status.PUBLISHED, f"{prefix}expires_at__gt": timezone.now()})


def active_job_q(prefix: str = "") -> Q:
    """An active job takes a place in the plan: live, or waiting for staff review (it goes live
    without the employer doing anything more)."""
    return live_job_q(prefix) | Q(**{f"{prefix}status": Job.Status.PENDING_REVIEW})


class JobQuerySet(models.QuerySet):
    def published(self):
        """Live jobs (see `live_job_q`)."""
        return self.filter(live_job_q())

    def active(self):
        """Live jobs and jobs waiting for review (see `active_job_q`)."""
        return self.filter(active_job_q())

    def for_company(self, company):
        return self.filter(company=company)

    def with_company(self):
        return self.select_related("company")

    def featured(self):
        return self.filter(is_featured=True)

    def newest_first(self):
        """The employer's tables: newest first by the date they show (published), or for a
        job not yet published, the day it was written."""
        return self.order_by(Coalesce("published_at", "created_at").desc(), "-created_at", "-pk")

    def text_search(self, text: str):
        """Jobs matching `text` in websearch syntax ("night nurse", "coder -remote", "\"home
        health\""), annotated with `rank`: title weighs more than specialty, more than the rest.

        Uses the stored search_vector (GIN index); the text is unaccented the way the trigger
        unaccents the jobs, so "Pediatria" finds "pediatría"."""
        query = SearchQuery(
            Func(Value(text), function="hc_unaccent", output_field=TextField()),
            search_type="websearch",
            config="english",
        )
        return self.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query, cover_density=True)
        )

    def with_distance(self, latitude: float, longitude: float):
        """Annotate `distance`: great-circle miles from the point (NULL without coordinates)."""
        lat, lng = math.radians(latitude), math.radians(longitude)
        half_dlat = (Radians("latitude") - Value(lat)) / 2
        half_dlng = (Radians("longitude") - Value(lng)) / 2
        haversine = Power(Sin(half_dlat), 2) + Value(math.cos(lat)) * Cos(
            Radians("latitude")
        ) * Power(Sin(half_dlng), 2)
        # LEAST: rounding can push the haversine a hair above 1, outside ASIN's domain. LEAST
        # also skips NULLs, so a job without coordinates (remote) must be NULL explicitly, not
        # half the globe away.
        miles = Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(Least(haversine, Value(1.0))))
        miles = Case(When(latitude__isnull=True, then=None), default=miles)
        return self.annotate(distance=ExpressionWrapper(miles, output_field=FloatField()))

    def similar_to(self, job, limit: int = 4) -> list["Job"]:
        """Up to `limit` other jobs of the same profession: the nearest first for a job with a
        place, remote ones first for a remote job, then the newest.

        Bounded whatever the number of jobs: the nearest come from a K-nearest-neighbour walk of
        the GiST index on (profession, projected point), which stops after SIMILAR_POOL rows,
        and are then ranked by great-circle distance; without a place, two walks of the newest
        jobs of the profession (remote ones, any) stop after `limit` rows each."""
        others = self.filter(profession=job.profession).exclude(pk=job.pk)
        if job.latitude is not None and job.longitude is not None and not job.is_remote:
            x = job.longitude * math.cos(math.radians(job.latitude))
            nearest = (
                others.filter(latitude__isnull=False)
                .alias(planar=PlanarDistance(x, job.latitude))
                .order_by("planar")
                .values("pk")[: max(limit, SIMILAR_POOL)]
            )
            return list(
                self.filter(pk__in=nearest)
                .with_distance(job.latitude, job.longitude)
                .order_by(F("distance").asc(nulls_last=True), "-published_at", "-pk")[:limit]
            )
        newest = others.order_by("-published_at", "-pk")
        remote = list(newest.filter(workplace_type=WorkplaceType.REMOTE)[:limit])
        rest = list(newest.exclude(workplace_type=WorkplaceType.REMOTE)[: limit - len(remote)])
        return (remote + rest)[:limit]

    def counts_by_profession(self):
        """[{"profession": ..., "jobs": n}, ...], the most jobs first."""
        return (
            self.order_by()
            .values("profession")
            .annotate(jobs=Count("pk"))
            .order_by("-jobs", "profession")
        )


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING_REVIEW = "pending_review", "Pending review"
        PUBLISHED = "published", "Published"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"
        EXPIRED = "expired", "Expired"

    class ApplyMethod(models.TextChoices):
        ON_SITE = "on_site", "On healthcareers"
        EXTERNAL = "external", "On the employer's website"

    company = models.ForeignKey("employers.Company", on_delete=models.CASCADE, related_name="jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    title = models.CharField(max_length=160)
    profession = models.CharField(max_length=48, choices=Profession.choices)
    specialty = models.CharField(
        max_length=120,
        blank=True,
        help_text="For example ICU, oncology, risk adjustment, pediatrics.",
    )
    facility_type = models.CharField(max_length=32, choices=FacilityType.choices)
    employment_type = models.CharField(max_length=16, choices=EmploymentType.choices)
    shift = models.CharField(max_length=16, choices=Shift.choices, default=Shift.DAY)
    experience_level = models.CharField(
        max_length=16, choices=ExperienceLevel.choices, default=ExperienceLevel.MID
    )

    workplace_type = models.CharField(
        max_length=8, choices=WorkplaceType.choices, default=WorkplaceType.ONSITE
    )
    remote_states = ArrayField(
        models.CharField(max_length=2, choices=US_STATES),
        default=list,
        blank=True,
        help_text="States a remote hire may live in; empty means anywhere in the US.",
    )
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=2, choices=US_STATES, blank=True)
    zip_code = models.CharField("ZIP code", max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    pay_min = models.DecimalField(max_digits=10, decimal_places=2)
    pay_max = models.DecimalField(max_digits=10, decimal_places=2)
    pay_period = models.CharField(max_length=8, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    # Pay normalized to a year, so hourly and salaried jobs filter and sort together.
    pay_max_annual = models.GeneratedField(
        expression=Case(
            When(pay_period=PayPeriod.HOUR, then=F("pay_max") * HOURS_PER_YEAR),
            default=F("pay_max"),
        ),
        output_field=models.DecimalField(max_digits=12, decimal_places=2),
        db_persist=True,
    )
    sign_on_bonus = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    # Clinical pay people compare: shift differentials on top of the base rate, and for contract
    # and travel jobs the contract and its weekly pay, the taxable part and the stipends apart.
    night_differential = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    night_differential_unit = models.CharField(
        max_length=8, choices=DifferentialUnit.choices, blank=True
    )
    evening_differential = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    evening_differential_unit = models.CharField(
        max_length=8, choices=DifferentialUnit.choices, blank=True
    )
    weekend_differential = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    weekend_differential_unit = models.CharField(
        max_length=8, choices=DifferentialUnit.choices, blank=True
    )
    contract_weeks = models.PositiveSmallIntegerField(
        "contract length (weeks)", null=True, blank=True
    )
    guaranteed_hours = models.PositiveSmallIntegerField(
        "guaranteed hours a week", null=True, blank=True
    )
    weekly_gross = models.DecimalField(
        "weekly gross pay", max_digits=10, decimal_places=2, null=True, blank=True
    )
    taxable_hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    housing_stipend_weekly = models.DecimalField(
        "housing stipend a week", max_digits=10, decimal_places=2, null=True, blank=True
    )
    meals_stipend_weekly = models.DecimalField(
        "meals and incidentals stipend a week",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    cancellation_policy = models.TextField(max_length=1000, blank=True)

    required_credentials = ArrayField(
        models.CharField(max_length=24, choices=Credential.choices), default=list, blank=True
    )
    preferred_credentials = ArrayField(
        models.CharField(max_length=24, choices=Credential.choices), default=list, blank=True
    )
    license_states = ArrayField(
        models.CharField(max_length=2, choices=US_STATES),
        default=list,
        blank=True,
        help_text="States where the required license must be held.",
    )
    visa_sponsorship = models.BooleanField(default=False)
    benefits = ArrayField(
        models.CharField(max_length=24, choices=Benefit.choices), default=list, blank=True
    )
    description = models.TextField(help_text="Sanitized HTML.")

    apply_method = models.CharField(
        max_length=16, choices=ApplyMethod.choices, default=ApplyMethod.ON_SITE
    )
    apply_url = models.URLField(max_length=500, blank=True)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    is_featured = models.BooleanField(default=False)
    review_note = models.TextField(
        blank=True, help_text="Why staff sent the job back; emailed to the employer."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Counted in Redis on each page view and added here in batches (jobs/views_counter.py), so a
    # job page never writes to the database.
    view_count = models.PositiveIntegerField(default=0, editable=False)
    # Clicks on "Apply on the employer's website" (a POST that redirects), counted with one
    # UPDATE ... SET n = n + 1 so two clicks at once are both counted.
    external_apply_clicks = models.PositiveIntegerField(default=0, editable=False)

    # Maintained by a database trigger (migration 0003): weighted title > specialty > the rest.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="job_search_vector_gin"),
            GinIndex(name="job_title_trgm", fields=["title"], opclasses=["gin_trgm_ops"]),
            models.Index(fields=["status", "expires_at"], name="job_status_expires"),
            models.Index(fields=["-published_at"], name="job_published_desc"),
            # Newest-first pages of live jobs (search, home, company pages) walk this and stop
            # at the page, without first stepping over every draft (NULL published_at).
            models.Index(
                fields=["-published_at", "-id"],
                name="job_live_newest",
                condition=Q(status="published"),
            ),
            models.Index(fields=["profession"], name="job_profession"),
            models.Index(fields=["employment_type"], name="job_employment_type"),
            models.Index(fields=["shift"], name="job_shift"),
            models.Index(fields=["workplace_type"], name="job_workplace_type"),
            models.Index(fields=["experience_level"], name="job_experience_level"),
            models.Index(fields=["pay_max_annual"], name="job_pay_max_annual"),
            models.Index(fields=["latitude", "longitude"], name="job_lat_lng"),
            GinIndex(fields=["required_credentials"], name="job_required_credentials"),
            # Similar jobs: the nearest of a profession, walked in distance order (btree_gist
            # lets the profession share the GiST index).
            GistIndex(
                F("profession"),
                planar_point(),
                name="job_similar_nearest",
                condition=Q(status="published"),
            ),
            # Similar jobs without a place, and the company page: newest live jobs first.
            models.Index(
                "profession",
                F("published_at").desc(),
                F("id").desc(),
                name="job_live_profession_newest",
                condition=Q(status="published"),
            ),
            models.Index(
                "company",
                F("published_at").desc(),
                F("id").desc(),
                name="job_live_company_newest",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__gt=0) & Q(pay_max__gte=F("pay_min")),
                name="job_pay_range_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.company}" if self.company_id else self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"slug": self.slug})

    @staticmethod
    def absolute_urls(jobs) -> dict[int, str]:
        """{id: get_absolute_url()} of many jobs from one reverse: a reverse costs a tenth of a
        millisecond, and an alert run lists thousands of jobs."""
        marker = "hc-slug-marker-0"
        pattern = reverse("jobs:detail", kwargs={"slug": marker})
        return {job.pk: pattern.replace(marker, job.slug) for job in jobs}

    @property
    def slug(self) -> str:
        """The URL slug carries the id, so it is unique whatever the title."""
        return f"{slugify(self.title)[:80] or 'job'}-{self.pk}"

    @property
    def is_open(self) -> bool:
        """Live, in Python (the same rule as `live_job_q`)."""
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    @property
    def is_remote(self) -> bool:
        return self.workplace_type == WorkplaceType.REMOTE

    @property
    def location_label(self) -> str:
        if self.is_remote:
            return "Remote"
        place = f"{self.city}, {self.state}" if self.city else self.state
        return f"{place} (hybrid)" if self.workplace_type == WorkplaceType.HYBRID else place

    @property
    def is_travel_contract(self) -> bool:
        """A contract or temporary job with a contract length: what travel clinicians filter."""
        return self.employment_type in CONTRACT_TYPES and self.contract_weeks is not None

    @property
    def pay_label(self) -> str:
        return pay_range_label(self.pay_min, self.pay_max, self.pay_period)


class JobReport(models.Model):
    """A reader's report that a job looks wrong (scam, discriminatory, closed...): a staff queue."""

    class Reason(models.TextChoices):
        SCAM = "scam", "Looks like a scam or asks for money"
        MISLEADING = "misleading", "Pay, location or details are misleading"
        FILLED = "filled", "The position is already filled"
        NEVER_ANSWERED = "never_answered", "I applied and never heard back"
        DISCRIMINATORY = "discriminatory", "Discriminatory or offensive"
        OTHER = "other", "Something else"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(max_length=2000, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reporter_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.job}"


class SearchTerm(models.Model):
    """A word of live jobs' titles and specialties, with how many jobs use it: the vocabulary
    that "Did you mean" picks from (trigram index). Rebuilt by jobs.suggestions.search_terms_refresh
    from the jobs themselves, so it needs no upkeep of its own."""

    word = models.CharField(max_length=64, unique=True)
    job_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            GinIndex(name="searchterm_word_trgm", fields=["word"], opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self):
        return self.word


class VocabularyTerm(models.Model):
    """A word or phrase of the field and what else it means to a searcher: "CNA" is "certified
    nursing assistant", "ultrasound" is "sonography", "therapy" is "therapist". Search expands the
    query with it (jobs.vocabulary), so staff edit the field's language here, not in code.

    Abbreviations expand one way (a search for "RT" finds respiratory therapists and radiologic
    technologists; a search for "respiratory therapist" does not find every "RT"); synonyms and
    word forms work both ways. `professions` are what the term names as a job: those jobs rank
    first (a "nurse" search shows nurses before nursing assistants)."""

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", "Abbreviation (one way)"
        SYNONYM = "synonym", "Synonym (both ways)"
        WORD_FORM = "word_form", "Word form (both ways)"

    term = models.CharField(
        max_length=80,
        unique=True,
        help_text="As searchers type it, in lower case: “cna”, “rad tech”, “x-ray”.",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ABBREVIATION)
    expansions = ArrayField(
        models.CharField(max_length=120),
        help_text="What else it means, separated by commas; each may be a phrase "
        "(“certified nursing assistant, nurse aide”). An ambiguous abbreviation lists every "
        "meaning.",
    )
    professions = ArrayField(
        models.CharField(max_length=48, choices=Profession.choices),
        default=list,
        blank=True,
        help_text="Professions the term names; their jobs rank first for it.",
    )
    is_active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True, help_text="For staff: why it is here.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "search vocabulary term"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        folded = (" ".join(e.lower().split()) for e in self.expansions)
        self.expansions = list(dict.fromkeys(e for e in folded if e and e != self.term))
        super().save(*args, **kwargs)


class JobDescriptionTemplateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class JobDescriptionTemplate(models.Model):
    """A starting point for a job posting, written by editors; an employer picks one on the new
    job form and gets the title, profession, description and credentials filled in.

    List fields hold one item per line."""

    title = models.CharField("job title", max_length=160)
    profession = models.CharField(max_length=48, choices=Profession.choices)
    summary = models.TextField(max_length=2000, help_text="A paragraph or two about the role.")
    responsibilities = models.TextField(max_length=4000, help_text="One per line.")
    qualifications = models.TextField(max_length=4000, help_text="One per line.")
    certifications = ArrayField(
        models.CharField(max_length=24, choices=Credential.choices),
        default=list,
        blank=True,
        help_text="Credentials the job usually requires.",
    )
    is_published = models.BooleanField(
        default=True, help_text="Only published templates are offered to employers."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobDescriptionTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["profession", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_profession_display()})"

    @staticmethod
    def _lines(value: str) -> list[str]:
        return [line.strip(" -•\t") for line in value.splitlines() if line.strip(" -•\t")]

    @property
    def responsibility_list(self) -> list[str]:
        return self._lines(self.responsibilities)

    @property
    def qualification_list(self) -> list[str]:
        return self._lines(self.qualifications)

    @property
    def certification_labels(self) -> list[str]:
        labels = dict(Credential.choices)
        return [labels.get(code, code) for code in self.certifications]

    def as_job_initial(self) -> dict:
        """Initial values of the new-job form when an employer starts from this template."""
        return {
            "title": self.title,
            "profession": self.profession,
            "description": self.as_description_html(),
            "required_credentials": list(self.certifications),
        }

    def as_description_html(self) -> str:
        """The template as job-description HTML (escaped here, sanitized again on save)."""
        paragraphs = "".join(
            format_html("<p>{}</p>", part.strip())
            for part in self.summary.split("\n\n")
            if part.strip()
        )
        responsibilities = format_html_join(
            "", "<li>{}</li>", ((line,) for line in self.responsibility_list)
        )
        qualifications = format_html_join(
            "", "<li>{}</li>", ((line,) for line in self.qualification_list)
        )
        return (
            paragraphs
            + format_html("<h3>Responsibilities</h3><ul>{}</ul>", responsibilities)
            + format_html("<h3>Qualifications</h3><ul>{}</ul>", qualifications)
        )


class PayTransparencyRuleQuerySet(models.QuerySet):
    def in_effect(self, on=None):
        """Rules whose effective date has come (today by default)."""
        return self.filter(effective_date__lte=on or timezone.localdate())


class PayTransparencyRule(models.Model):
    """A state's pay-transparency law as data, so staff keep it current without a deploy:
    which postings it covers and what they must show. Checked by jobs/pay_rules.py on the
    posting form and when a job is published."""

    state = models.CharField(max_length=2, choices=US_STATES)
    name = models.CharField(max_length=160, help_text="How the error names it to employers.")
    effective_date = models.DateField(help_text="Postings must comply from this day on.")
    source_name = models.CharField(max_length=200)
    source_url = models.URLField(max_length=500)
    requires_range = models.BooleanField(
        default=True, help_text="A minimum and a maximum: no “up to $X”, no open-ended “$X+”."
    )
    max_ratio = models.DecimalField(
        "maximum ratio of max to min",
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For example 1.5: the maximum may be at most 1.5 × the minimum. Empty: no limit.",
    )
    requires_pay_unit = models.BooleanField(default=True, help_text="Per hour or per year.")
    requires_benefits = models.BooleanField(
        default=False, help_text="A general description of the benefits offered."
    )
    applies_to_remote = models.BooleanField(
        default=True, help_text="Also covers remote jobs open to hires living in the state."
    )
    notes = models.TextField(blank=True)

    objects = PayTransparencyRuleQuerySet.as_manager()

    class Meta:
        ordering = ["state", "-effective_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "effective_date"], name="paytransparencyrule_state_date"
            ),
            models.CheckConstraint(
                condition=Q(max_ratio__isnull=True) | Q(max_ratio__gte=1),
                name="paytransparencyrule_ratio_at_least_one",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.state}, from {self.effective_date:%Y-%m-%d})"


class PaySummary(models.Model):
    """Pay figures of recent postings, precomputed by jobs.pay_insights.pay_summary_refresh (a
    beat task): one row per profession, and per profession and state, experience level, or
    both. Blank state / experience_level means "all". Pages read these rows, never the jobs."""

    profession = models.CharField(max_length=48, choices=Profession.choices)
    state = models.CharField(max_length=2, choices=US_STATES, blank=True)
    experience_level = models.CharField(max_length=16, choices=ExperienceLevel.choices, blank=True)
    postings = models.PositiveIntegerField()
    hourly_p25 = models.DecimalField(max_digits=10, decimal_places=2)
    hourly_median = models.DecimalField(max_digits=10, decimal_places=2)
    hourly_p75 = models.DecimalField(max_digits=10, decimal_places=2)
    yearly_p25 = models.DecimalField(max_digits=12, decimal_places=2)
    yearly_median = models.DecimalField(max_digits=12, decimal_places=2)
    yearly_p75 = models.DecimalField(max_digits=12, decimal_places=2)
    refreshed_at = models.DateTimeField()

    class Meta:
        ordering = ["profession", "state", "experience_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["profession", "state", "experience_level"], name="paysummary_unique"
            ),
        ]

    def __str__(self):
        return f"{self.profession} {self.state or 'US'} {self.experience_level or 'all'}"


class IndexingNotice(models.Model):
    """One thing to tell search engines about a job page: it is new or changed (URL_UPDATED) or
    gone (URL_DELETED). Written in the transaction of the change, with a unique key per cause,
    and sent by a sweep (jobs.indexing.indexing_notices_send), so each is sent once even if Redis
    is down when it is written or a worker dies while sending."""

    class Kind(models.TextChoices):
        UPDATED = "URL_UPDATED", "Updated"
        DELETED = "URL_DELETED", "Deleted"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="indexingnotice_unsent",
            )
        ]

    def __str__(self):
        return f"{self.kind} job {self.job_id}"


class CompanyJobCount(models.Model):
    """Live jobs per company, kept by jobs/counts.py (beat, and after each job goes live or
    away): the Company List, the home page and a large company's page read it instead of
    counting every job."""

    company = models.OneToOneField(
        "employers.Company", primary_key=True, on_delete=models.CASCADE, related_name="job_count"
    )
    live_jobs = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.company_id}: {self.live_jobs}"


class ProfessionJobCount(models.Model):
    """Live jobs per profession, kept with CompanyJobCount (jobs/counts.py)."""

    profession = models.CharField(max_length=48, primary_key=True, choices=Profession.choices)
    live_jobs = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.profession}: {self.live_jobs}"
