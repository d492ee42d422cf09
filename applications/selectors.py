"""Reads of the applications app for its pages (and the job dashboard's counts)."""

from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone

from applications.models import Application, ApplicationEvent, PipelineAction, Stage

# "Unanswered" as the pipeline means it: still owed a first answer (not withdrawn or closed).
UNANSWERED_Q = Q(first_response_at__isnull=True) & ~Q(
    stage__in=(Stage.WITHDRAWN, Stage.POSITION_CLOSED)
)


def candidate_applications(user):
    """The candidate's applications, newest first, with what the list shows."""
    return Application.objects.for_candidate(user).select_related("job__company")


def candidate_timeline(application):
    """What the candidate sees happened, oldest first (messages included)."""
    return application.events.filter(visible_to_candidate=True).select_related("author")


def team_timeline(application):
    return application.events.select_related("author")


def pipeline(company, *, job=None, stage="", answered="", job_id=None):
    """The company's applicants (or one job's): those still owed an answer first, the
    nearest deadline first among them; then the rest, newest first."""
    applications = Application.objects.for_company(company).select_related("job", "candidate")
    if job is not None:
        applications = applications.filter(job=job)
    elif job_id:
        applications = applications.filter(job_id=job_id)
    if stage:
        applications = applications.filter(stage=stage)
    if answered == "unanswered":
        applications = applications.filter(UNANSWERED_Q)
    elif answered == "answered":
        applications = applications.exclude(UNANSWERED_Q)
    return applications.annotate(
        waiting=Case(
            When(UNANSWERED_Q, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("waiting", "respond_by", "-submitted_at", "-pk")


def stage_counts(company, *, job=None) -> dict:
    """{stage: count} for the stage tabs, with "all" and "unanswered"; one query."""
    applications = Application.objects.for_company(company)
    if job is not None:
        applications = applications.filter(job=job)
    aggregates = {stage.value: Count("pk", filter=Q(stage=stage)) for stage in Stage}
    return applications.aggregate(
        all=Count("pk"), unanswered=Count("pk", filter=UNANSWERED_Q), **aggregates
    )


def applicant_counts_by_job(job_ids) -> dict[int, dict]:
    """{job id: {"total", "new", "unanswered"}} for a dashboard's job rows; one query. "new" is
    not yet opened by the team."""
    rows = (
        Application.objects.filter(job_id__in=list(job_ids))
        .values("job_id")
        .annotate(
            total=Count("pk"),
            new=Count("pk", filter=Q(stage=Stage.SUBMITTED)),
            unanswered=Count("pk", filter=UNANSWERED_Q),
        )
        .order_by()
    )
    return {row.pop("job_id"): row for row in rows}


def company_applicant_summary(company) -> dict:
    """New, unanswered and overdue applications of the company, for the dashboard home."""
    return Application.objects.for_company(company).aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(stage=Stage.SUBMITTED)),
        unanswered=Count("pk", filter=UNANSWERED_Q),
        overdue=Count("pk", filter=UNANSWERED_Q & Q(respond_by__lt=timezone.now())),
    )


def answers_of(application):
    return application.answers.all()


def messages_of(application):
    return application.events.filter(kind=ApplicationEvent.Kind.MESSAGE).select_related("author")


def recent_actions(company, *, job=None, hours: int = 24, limit: int = 3):
    """The company's pipeline actions of the last `hours` (one job's when given), newest first:
    the notice on the applicants page that an export is ready or an answer still running."""
    actions = PipelineAction.objects.filter(
        company=company, queued_at__gte=timezone.now() - timedelta(hours=hours)
    )
    if job is not None:
        actions = actions.filter(job=job)
    return list(actions.select_related("job")[:limit])
