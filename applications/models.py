"""Applications: a candidate's application to a job, what happened to it, and the No-Ghosting
deadline it carries (GUIDE.md section 3).

A *response* is an employer action the candidate sees: a stage change that notifies them or a
message. `first_response_at` records the first one; the deadline is `respond_by`.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from infra.progress import BackgroundWork


def resume_upload_to(instance, filename: str) -> str:
    """A random name: nothing in the path says whose resume it is or what it was called."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"resumes/{secrets.token_urlsafe(24)}{suffix}"


def private_storage():
    """Resumes never live under a public media URL (STORAGES["private"] in settings)."""
    from django.core.files.storage import storages

    return storages["private"]


class Resume(models.Model):
    """A resume file a candidate applied with, kept for their next application. Stored privately
    and served only through a view that checks who asks."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes"
    )
    file = models.FileField(upload_to=resume_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200, help_text="As uploaded; shown to its owner.")
    format = models.CharField(max_length=8, choices=Format.choices)
    size = models.PositiveIntegerField(help_text="Bytes.")
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"], condition=Q(is_default=True), name="one_default_resume"
            ),
        ]

    def __str__(self):
        return self.original_name


class ScreeningQuestion(models.Model):
    """A question the employer asks everyone who applies to one job."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Yes or no"
        CHOICE = "choice", "One of several choices"
        TEXT = "text", "Short text"

    job = models.ForeignKey(
        "jobs.Job", on_delete=models.CASCADE, related_name="screening_questions"
    )
    prompt = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.YES_NO)
    choices = models.JSONField(default=list, blank=True, help_text="For 'one of several choices'.")
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["job", "position", "pk"]

    def __str__(self):
        return self.prompt


class Stage(models.TextChoices):
    """Where an application stands, as the candidate sees it."""

    SUBMITTED = "submitted", "Submitted"
    VIEWED = "viewed", "Viewed"
    REVIEWING = "reviewing", "In review"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    NOT_SELECTED = "not_selected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    POSITION_CLOSED = "position_closed", "Position closed"


# Stages an employer moves an application to; each notifies the candidate, so each is a response.
RESPONSE_STAGES = (Stage.REVIEWING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED, Stage.NOT_SELECTED)
# No further answer is owed once an application is in one of these.
FINAL_STAGES = (Stage.HIRED, Stage.NOT_SELECTED, Stage.WITHDRAWN, Stage.POSITION_CLOSED)
OPEN_STAGES = tuple(stage for stage in Stage if stage not in FINAL_STAGES)


def default_respond_by():
    return timezone.now() + timedelta(days=settings.NO_GHOSTING_RESPONSE_DAYS)


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(stage__in=OPEN_STAGES)

    def unanswered(self):
        """Still waiting for the employer's first response (and not withdrawn or closed)."""
        return self.filter(first_response_at__isnull=True).exclude(
            stage__in=(Stage.WITHDRAWN, Stage.POSITION_CLOSED)
        )

    def for_company(self, company):
        return self.filter(company=company)

    def for_candidate(self, user):
        return self.filter(candidate=user)


class Application(models.Model):
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="applications")
    # Denormalised from the job: the inbox, the sweeps and the company's figures go by company.
    company = models.ForeignKey(
        "employers.Company", on_delete=models.CASCADE, related_name="applications"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    resume = models.ForeignKey(
        Resume, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    cover_letter = models.TextField(blank=True, max_length=10_000)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.SUBMITTED)

    submitted_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField(default=default_respond_by)
    viewed_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(
        null=True, blank=True, help_text="The employer's first action the candidate saw."
    )
    breached_at = models.DateTimeField(
        null=True, blank=True, help_text="Recorded when the deadline passed without a response."
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it reached a final stage."
    )
    never_heard_back_at = models.DateTimeField(
        null=True, blank=True, help_text="The candidate reported never hearing back."
    )
    # Claimed by the No-Ghosting sweeps (applications/no_ghosting.py) in the transaction that
    # writes the reminder's outbox rows: set once, so each reminder goes out once.
    reminded_3d_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_1d_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "candidate"], name="one_application_per_job"),
        ]
        indexes = [
            models.Index(fields=["company", "-submitted_at"], name="application_company_recent"),
            models.Index(fields=["candidate", "-submitted_at"], name="application_candidate"),
            models.Index(fields=["job", "stage"], name="application_job_stage"),
            # The responsiveness figures: each company's applications by deadline, 90 days back.
            models.Index(fields=["company", "respond_by"], name="application_company_deadline"),
            # The inbox's stage tabs count a company's applicants by stage from this index alone
            # (an index-only scan: applications/selectors.py stage_counts).
            models.Index(
                fields=["company", "stage"],
                include=["first_response_at"],
                name="application_company_stage",
            ),
            # The breach sweep walks only applications still owed an answer and not yet
            # breached: through application_awaiting_answer it read every past breach first
            # (250,000 rows at 1M applications, 0.4 to 0.8 s per batch of 200).
            models.Index(
                fields=["respond_by"],
                condition=Q(
                    first_response_at__isnull=True,
                    breached_at__isnull=True,
                    stage__in=["submitted", "viewed"],
                ),
                name="application_breach_due",
            ),
            # The deadline sweeps scan only applications still owed a first answer.
            models.Index(
                fields=["respond_by"],
                condition=Q(first_response_at__isnull=True),
                name="application_awaiting_answer",
            ),
        ]

    def __str__(self):
        return f"{self.candidate} for {self.job}"

    @property
    def is_final(self) -> bool:
        return self.stage in FINAL_STAGES

    @property
    def is_answered(self) -> bool:
        return self.first_response_at is not None

    @property
    def answered_on_time(self) -> bool | None:
        if self.first_response_at is None:
            return None
        return self.first_response_at <= self.respond_by


class ScreeningAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        ScreeningQuestion, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    prompt = models.CharField(max_length=300, help_text="The question as it was asked.")
    answer = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["application", "pk"]

    def __str__(self):
        return f"{self.prompt}: {self.answer}"


class ApplicationEvent(models.Model):
    """The application's timeline: what the candidate and the team see happened, in order."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        VIEWED = "viewed", "Viewed by the employer"
        STAGE = "stage", "Stage changed"
        MESSAGE = "message", "Message"
        REMINDER = "reminder", "Reminder to the employer"
        BREACH = "breach", "Deadline passed without an answer"
        WITHDRAWN = "withdrawn", "Withdrawn"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    body = models.TextField(blank=True, max_length=5_000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visible_to_candidate = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "created_at", "pk"]
        indexes = [models.Index(fields=["application", "created_at"], name="event_timeline")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class ApplicationNote(models.Model):
    """A private note of the hiring team about an applicant: never shown to the candidate."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "-created_at", "-pk"]

    def __str__(self):
        return self.body[:60]


class ProcessRating(models.Model):
    """After the final answer, the applicant rates how the process went. Only applicants can
    rate, once per application; comments are moderated by staff before anyone sees them."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating")
    company = models.ForeignKey(
        "employers.Company", on_delete=models.CASCADE, related_name="process_ratings"
    )
    speed = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    communication = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=2_000)
    comment_status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speed__gte=1, speed__lte=5, communication__gte=1, communication__lte=5),
                name="rating_between_1_and_5",
            ),
        ]

    def __str__(self):
        return f"{self.speed}/5 speed, {self.communication}/5 communication"


class NeverHeardBackReportQuerySet(ApplicationQuerySet):
    pass


class NeverHeardBackReportManager(models.Manager.from_queryset(NeverHeardBackReportQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(never_heard_back_at__isnull=False)


class NeverHeardBackReport(Application):
    """Applications whose candidate reported never hearing back: a list of its own for staff."""

    objects = NeverHeardBackReportManager()

    class Meta:
        proxy = True
        ordering = ["-never_heard_back_at"]
        verbose_name = "“never heard back” report"


def pipeline_export_upload_to(instance, filename: str) -> str:
    return f"applicant-exports/{secrets.token_urlsafe(24)}.csv"


class PipelineAction(BackgroundWork):
    """A long action on the pipeline run by a Celery task (applications/pipeline_actions.py):
    "not selected" for many applicants at once, or a CSV export of many. The team watches its
    progress on a page of its own; an export's file is private, fetched through the team door."""

    class Kind(models.TextChoices):
        NOT_SELECTED = "not_selected", "Answer “not selected”"
        EXPORT = "export", "CSV export"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    company = models.ForeignKey(
        "employers.Company", on_delete=models.CASCADE, related_name="pipeline_actions"
    )
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    application_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    message = models.TextField(blank=True)
    filters = models.JSONField(default=dict, blank=True)
    moved = models.PositiveIntegerField(default=0, help_text="Applicants answered.")
    file = models.FileField(
        upload_to=pipeline_export_upload_to, storage=private_storage, max_length=200, blank=True
    )

    class Meta:
        ordering = ["-queued_at", "-pk"]
        indexes = [models.Index(fields=["company", "-queued_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} of company {self.company_id}"
