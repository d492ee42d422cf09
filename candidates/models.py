"""A job seeker's profile: what they do, what they hold (certifications and state licenses), what
they want, and the jobs they saved. Resumes are applications.Resume (the apply flow sends them).

A profile is hidden until its owner makes it visible to verified employers.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from infra.progress import BackgroundWork
from jobs.choices import US_STATES, Credential, PayPeriod, Profession, Shift, WorkplaceType

# Nurse Licensure Compact members (ncsbn.org, "NLC states", implemented as of 2026): a multistate
# RN or LPN license issued by one of them lets the nurse practise in all of them.
# fmt: off
NLC_STATES = frozenset({
    "AL", "AZ", "AR", "CO", "CT", "DE", "FL", "GA", "ID", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
    "MS", "MO", "MT", "NE", "NH", "NJ", "NM", "NC", "ND", "OH", "OK", "PA", "RI", "SC", "SD", "TN",
    "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
})
# fmt: on


class WorkAuthorization(models.TextChoices):
    CITIZEN = "citizen", "US citizen"
    PERMANENT_RESIDENT = "permanent_resident", "Permanent resident (green card)"
    AUTHORIZED = "authorized", "Authorized to work in the US (visa or EAD)"
    NEEDS_SPONSORSHIP = "needs_sponsorship", "Will need visa sponsorship"


class Visibility(models.TextChoices):
    HIDDEN = "hidden", "Hidden: only I can see my profile"
    VERIFIED_EMPLOYERS = "verified_employers", "Visible to verified employers"


class CandidateProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    headline = models.CharField(
        max_length=140, blank=True, help_text="For example “ICU nurse, 6 years, nights”."
    )
    profession = models.CharField(max_length=48, choices=Profession.choices, blank=True)
    specialties = ArrayField(
        models.CharField(max_length=60),
        default=list,
        blank=True,
        size=10,
        help_text="Separated by commas: ICU, cardiac step-down.",
    )
    years_experience = models.PositiveSmallIntegerField(
        "years of experience", null=True, blank=True
    )
    desired_pay_min = models.DecimalField(
        "desired pay, at least", max_digits=10, decimal_places=2, null=True, blank=True
    )
    desired_pay_period = models.CharField(
        "per", max_length=8, choices=PayPeriod.choices, default=PayPeriod.HOUR
    )
    shifts = ArrayField(
        models.CharField(max_length=16, choices=Shift.choices), default=list, blank=True
    )
    workplace_types = ArrayField(
        models.CharField(max_length=8, choices=WorkplaceType.choices), default=list, blank=True
    )
    locations = ArrayField(
        models.CharField(max_length=80),
        default=list,
        blank=True,
        size=10,
        help_text="Where you want to work, separated by commas: Denver CO, Boulder CO.",
    )
    willing_to_relocate = models.BooleanField(default=False)
    work_authorization = models.CharField(
        max_length=24, choices=WorkAuthorization.choices, blank=True
    )
    visibility = models.CharField(
        max_length=24, choices=Visibility.choices, default=Visibility.HIDDEN
    )
    available_from = models.DateField(
        "available from",
        null=True,
        blank=True,
        help_text="When you could start. Today or earlier: open to work now.",
    )
    # Where the candidate lives: shown to employers as city and state only; the point (from
    # the gazetteer) lets Find Candidates search within a radius.
    city = models.CharField(max_length=80, blank=True)
    state = models.CharField(max_length=2, choices=US_STATES, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["profession"],
                condition=Q(visibility="verified_employers"),
                name="profile_visible_profession",
            )
        ]

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def is_visible(self) -> bool:
        return self.visibility == Visibility.VERIFIED_EMPLOYERS

    @property
    def open_to_work_now(self) -> bool:
        return self.available_from is not None and self.available_from <= timezone.localdate()

    @property
    def shift_labels(self) -> list[str]:
        labels = dict(Shift.choices)
        return [labels.get(value, value) for value in self.shifts]

    @property
    def workplace_labels(self) -> list[str]:
        labels = dict(WorkplaceType.choices)
        return [labels.get(value, value) for value in self.workplace_types]


class Expiring(models.Model):
    """A credential's expiry date (none: it does not expire) and what follows from it."""

    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def days_left(self) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - timezone.localdate()).days

    @property
    def expires_soon(self) -> bool:
        return not self.is_expired and self.days_left is not None and self.days_left <= 60


class Certification(Expiring):
    """A certification such as BLS, ACLS, CPC or ARRT: one of jobs.choices.Credential, or a name
    of its own for the rest."""

    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="certifications"
    )
    credential = models.CharField(
        max_length=24,
        choices=Credential.choices,
        blank=True,
        help_text="Pick it from the list when it is there: employers' requirements use it.",
    )
    name = models.CharField(max_length=120, blank=True, help_text="When it is not in the list.")
    issuer = models.CharField(max_length=120, blank=True, help_text="AHA, AAPC, AHIMA, ARRT…")
    number = models.CharField("certificate number", max_length=60, blank=True)
    issued_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["profile", "expires_on", "pk"]
        indexes = [
            models.Index(
                fields=["expires_on"], condition=Q(expires_on__isnull=False), name="cert_expiry"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(credential="") | ~Q(name=""), name="certification_named"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.get_credential_display() if self.credential else self.name


class License(Expiring):
    """A state license. A verification (the state board's or Nursys' public look-up, when, by
    whom) is recorded by staff in admin; without all three nothing says it was checked."""

    class Type(models.TextChoices):
        # Values of the license kinds in jobs.choices.Credential, so a license meets the
        # requirement a job states with them.
        RN = "rn", "Registered Nurse (RN)"
        LPN = "lpn", "Licensed Practical / Vocational Nurse (LPN/LVN)"
        APRN = "aprn", "Advanced Practice Registered Nurse (APRN)"
        PHARMACIST = "pharmacist_license", "Pharmacist"
        PT = "pt_license", "Physical Therapist"
        OT = "ot_license", "Occupational Therapist"
        PHYSICIAN = "physician", "Physician (MD/DO)"
        PA = "physician_assistant", "Physician Assistant"
        RADIOLOGY = "radiologic_technologist", "Radiologic Technologist"
        RESPIRATORY = "respiratory_therapist", "Respiratory Therapist"
        SLP = "speech_language_pathologist", "Speech-Language Pathologist"
        SOCIAL_WORK = "social_worker", "Clinical Social Worker"
        OTHER = "other", "Other"

    COMPACT_TYPES = (Type.RN, Type.LPN)

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="licenses")
    license_type = models.CharField("type", max_length=32, choices=Type.choices)
    state = models.CharField(max_length=2, choices=US_STATES)
    number = models.CharField("license number", max_length=60)
    is_compact = models.BooleanField(
        "multistate (compact) license",
        default=False,
        help_text="A Nurse Licensure Compact multistate RN or LPN license.",
    )
    verification_url = models.URLField(
        max_length=500, blank=True, help_text="The state board's or Nursys' public look-up."
    )
    verified_at = models.DateField(null=True, blank=True, help_text="When it was checked.")
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who checked it.",
    )

    class Meta:
        ordering = ["profile", "state", "license_type", "pk"]
        indexes = [
            models.Index(
                fields=["expires_on"], condition=Q(expires_on__isnull=False), name="license_expiry"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_compact=False) | Q(license_type__in=["rn", "lpn"]),
                name="license_compact_only_nurses",
            )
        ]

    def __str__(self):
        return f"{self.get_license_type_display()}, {self.state} {self.number}"

    @property
    def label(self) -> str:
        return f"{self.get_license_type_display()} license, {self.get_state_display()}"

    @property
    def is_verified(self) -> bool:
        """Only a check that was recorded in full counts."""
        return bool(self.verification_url and self.verified_at and self.verified_by_id)

    def covered_states(self) -> set[str]:
        """The states this license lets its holder work in."""
        if self.is_compact and self.license_type in self.COMPACT_TYPES:
            return {self.state} | NLC_STATES if self.state in NLC_STATES else {self.state}
        return {self.state}


class Education(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="education"
    )
    school = models.CharField(max_length=160)
    degree = models.CharField(max_length=120, help_text="BSN, MSN, AAS, Certificate…")
    field_of_study = models.CharField(max_length=120, blank=True)
    graduation_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["profile", "-graduation_year", "pk"]
        verbose_name_plural = "education"

    def __str__(self):
        return f"{self.degree}, {self.school}"

    @property
    def label(self) -> str:
        return str(self)


class WorkExperience(models.Model):
    profile = models.ForeignKey(
        CandidateProfile, on_delete=models.CASCADE, related_name="experience"
    )
    title = models.CharField(max_length=160)
    employer = models.CharField(max_length=160)
    location = models.CharField(max_length=80, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, help_text="Empty while you work there.")
    summary = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["profile", models.F("ended_on").desc(nulls_first=True), "-started_on"]
        verbose_name_plural = "work experience"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="experience_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.title}, {self.employer}"

    @property
    def label(self) -> str:
        return str(self)


class SavedJobQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class SavedJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="saves")
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the sweep that tells the candidate the job closed (once per saved job).
    closed_noticed_at = models.DateTimeField(null=True, blank=True)

    objects = SavedJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="one_save_per_job")]
        indexes = [
            models.Index(
                fields=["job"], condition=Q(closed_noticed_at__isnull=True), name="saved_unnoticed"
            )
        ]

    def __str__(self):
        return f"{self.user} saved {self.job_id}"


# Find Candidates ----------------------------------------------------------------------------


class CandidateInvitation(models.Model):
    """A company's invitation to a candidate to apply to one of its jobs. Each counts against
    the plan's monthly contacts; accepting reveals the candidate's name to that company."""

    company = models.ForeignKey(
        "employers.Company", on_delete=models.CASCADE, related_name="candidate_invitations"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="one_invitation_per_job")
        ]
        indexes = [models.Index(fields=["company", "created_at"], name="invitation_company_month")]

    def __str__(self):
        return f"{self.company_id} invited {self.candidate_id} to {self.job_id}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.declined_at is None


class ProfileView(models.Model):
    """One company's view of one profile on one day: the daily cap counts these."""

    company = models.ForeignKey("employers.Company", on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="+")
    viewed_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "viewed_on", "profile"], name="one_view_per_company_day"
            )
        ]

    def __str__(self):
        return f"{self.company_id} viewed {self.profile_id} on {self.viewed_on}"


class CompanyBlock(models.Model):
    """A company a candidate never wants to be found by: by its name, or by an email or website
    domain (their current employer's, say), which covers every company using that domain."""

    class Kind(models.TextChoices):
        NAME = "name", "Company name"
        DOMAIN = "domain", "Email or website domain"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_blocks"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Lower-cased: a name as typed, or a domain without "www." or "@".
    value = models.CharField(max_length=160)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "value"], name="one_block_per_value")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


# Privacy ----------------------------------------------------------------------------------


def export_upload_to(instance, filename: str) -> str:
    import secrets

    return f"exports/{secrets.token_urlsafe(24)}.zip"


def export_storage():
    from django.core.files.storage import storages

    return storages["private"]


class DataExport(BackgroundWork):
    """A zip of everything the site holds about a candidate, built in the background (with its
    progress: one step for the data, one per resume) and downloadable by them alone until it
    expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    file = models.FileField(
        upload_to=export_upload_to, storage=export_storage, max_length=200, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Export {self.pk} of {self.user_id}"

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None and bool(self.file)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


# Job alerts (GUIDE.md section 4; the services are in candidates/alerts.py) -----------------


class JobAlertQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def due(self, now):
        """Confirmed, active alerts whose period has passed since their last run. Instant
        alerts are due at every run (beat, every 5 minutes)."""
        every = JobAlert.Frequency
        return self.filter(is_active=True, confirmed_at__isnull=False).filter(
            Q(frequency=every.INSTANT)
            | Q(frequency=every.DAILY, last_run_at__lte=now - timedelta(days=1))
            | Q(frequency=every.WEEKLY, last_run_at__lte=now - timedelta(days=7))
        )


class JobAlert(models.Model):
    """A saved search emailed to a candidate (user) or a guest (email, once confirmed)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"
        INSTANT = "instant", "As soon as they are posted"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="job_alerts",
    )
    email = models.EmailField(blank=True, help_text="A guest's address; empty for accounts.")
    # The search page's own parameters (normalized), rebuilt into JobSearch at every run.
    query_string = models.CharField(max_length=2000, blank=True)
    label = models.CharField(max_length=200)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    # Jobs published after this are new to the alert; set to the run's time by each run.
    last_run_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="job_alert_has_recipient"
            ),
            models.UniqueConstraint(
                fields=["user", "query_string"],
                condition=Q(user__isnull=False),
                name="one_alert_per_user_search",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "query_string",
                condition=Q(user__isnull=True),
                name="one_alert_per_email_search",
            ),
        ]
        indexes = [
            # The run walks due alerts by id.
            models.Index(
                fields=["frequency", "last_run_at"],
                condition=Q(is_active=True, confirmed_at__isnull=False),
                name="job_alert_due",
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.get_frequency_display()}) for {self.recipient_email}"

    @property
    def recipient_email(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class JobAlertDelivery(models.Model):
    """A job sent by an alert: the unique pair is what makes a job never sent twice."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="deliveries")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "job"], name="one_delivery_per_alert_job")
        ]

    def __str__(self):
        return f"alert {self.alert_id}: job {self.job_id}"
