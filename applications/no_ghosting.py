"""The No-Ghosting sweeps (GUIDE.md section 3): reminders to the team 3 days and 1 day before an
application's deadline, the breach at the deadline, and the "position closed" answer to every
unanswered applicant of a job that ended.

Exactly once, whatever happens: each sweep *claims* its due applications with a conditional
UPDATE of a column (`reminded_3d_at`, `reminded_1d_at`, `breached_at`, `stage`) on rows locked
with FOR UPDATE SKIP LOCKED, and writes the timeline events and outbox rows in the same
transaction. Two overlapping sweeps never claim the same row (the second skips locked rows, and
re-checks the condition on rows committed meanwhile); a worker killed mid-sweep rolls everything
back, so the retry finds the same work due; a sweep that did not run while Redis was down finds
the work later, since what is due is derived from the database, not from queued messages. The
outbox key (`no_ghosting.breach:application:42:to:...`) is a second, independent guarantee.

Every sweep is set-based SQL over the partial index on `respond_by` (applications still owed a
first answer) and processes due rows in bounded batches; Python only renders the emails of the
claimed batch.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from applications.models import Application, ApplicationEvent, Stage
from employers.selectors import team_recipients_by_company
from infra.refusals import Refusal
from jobs.models import Job, live_job_q
from jobs.presenters import email_job_lines
from jobs.selectors import similar_jobs_for
from notifications.rendering import render_parts_many
from notifications.services import Recipient, build_notifications, queue_notifications

BATCH = 200
SIMILAR_JOBS = 3

REMINDER_3D_KIND = "no_ghosting.reminder_3d"
REMINDER_1D_KIND = "no_ghosting.reminder_1d"
BREACH_KIND = "no_ghosting.breach"
POSITION_CLOSED_KIND = "no_ghosting.position_closed"

# Stages of an application still owed its first answer (withdrawn or closed ones are not).
AWAITING_STAGES = (Stage.SUBMITTED, Stage.VIEWED)

POSITION_CLOSED_MESSAGE = (
    "This position is no longer open, so the employer will not take your application further. "
    "Thank you for applying; we have sent you similar open jobs by email when we had them."
)


def ended_job_q(prefix: str = "job__") -> Q:
    """A job that will take no more applicants: closed, expired, or published but past its
    expiry date (before the expiry sweep marks it). A paused job, or one back in staff review,
    is not live either but may come back, so its applicants keep waiting for an answer."""
    S = Job.Status
    return Q(**{f"{prefix}status__in": [S.CLOSED, S.EXPIRED]}) | (
        Q(**{f"{prefix}status": S.PUBLISHED}) & ~live_job_q(prefix)
    )


def awaiting_answer():
    """Applications still owed a first answer: the rows of the partial index on respond_by."""
    return Application.objects.filter(first_response_at__isnull=True, stage__in=AWAITING_STAGES)


def _claim(queryset, *, order=("respond_by", "pk"), **values) -> list[int]:
    """Lock up to BATCH due rows (skipping rows another sweep holds) and set `values` on them
    in this transaction; returns the claimed ids. Call inside transaction.atomic."""
    ids = list(
        queryset.order_by(*order)
        .select_for_update(skip_locked=True, of=("self",))
        .values_list("pk", flat=True)[:BATCH]
    )
    if ids:
        Application.objects.filter(pk__in=ids).update(**values, updated_at=timezone.now())
    return ids


def _claimed(ids, *, only=()):
    """The claimed applications with their job, company and candidate (`only` these fields,
    when given: a batch of whole jobs, descriptions included, is most of what it loads)."""
    applications = Application.objects.filter(pk__in=ids).select_related(
        "job", "company", "candidate"
    )
    if only:
        applications = applications.only(*only)
    return list(applications.order_by("respond_by", "pk"))


# What a breach email and its similar jobs read of an application (similar_jobs_for reads the
# job's profession, place and workplace type).
BREACH_FIELDS = (
    "submitted_at", "respond_by", "job__title", "job__profession", "job__workplace_type",
    "job__latitude", "job__longitude", "company__name", "candidate__email",
)  # fmt: skip


def _in_batches(batch) -> int:
    """Run `batch` (it claims at most BATCH applications and returns how many) in a transaction
    of its own, again and again until one comes back short; returns the total."""
    total = 0
    while True:
        with transaction.atomic():
            claimed = batch()
        total += claimed
        if claimed < BATCH:
            return total


def _candidate_application_urls(applications) -> dict[int, str]:
    """{id: the candidate's link to the application}, from one reverse for any number."""
    marker = 987654321987
    pattern = settings.SITE_URL + reverse("applications:detail", args=[marker])
    return {a.pk: pattern.replace(str(marker), str(a.pk)) for a in applications}


def _candidate_application_url(application) -> str:
    return _candidate_application_urls([application])[application.pk]


def _team_applicants_url() -> str:
    return settings.SITE_URL + reverse("applications_dashboard:inbox")


def _candidate_recipient(application) -> list[Recipient]:
    user = application.candidate
    return [Recipient(email=user.email, user_id=user.pk)] if user.email else []


# Reminders to the team -------------------------------------------------------------------


REMINDERS = {
    # kind: (claim column, opens this long before the deadline, closes this long before)
    REMINDER_3D_KIND: ("reminded_3d_at", timedelta(days=3), timedelta(days=1)),
    REMINDER_1D_KIND: ("reminded_1d_at", timedelta(days=1), timedelta(0)),
}


def reminders_send(kind: str) -> int:
    """Claim the applications whose `kind` reminder is due and write it to each member of the
    job's team (and a timeline event the candidate does not see). A reminder whose window has
    passed unsent (the 3-day one once a day is left) is not sent late: the next one is due.
    Returns the number of applications reminded."""
    column, opens, closes = REMINDERS[kind]

    def batch() -> int:
        now = timezone.now()
        due = (
            awaiting_answer()
            .filter(**{f"{column}__isnull": True})
            .filter(respond_by__gt=now + closes, respond_by__lte=now + opens)
            .exclude(ended_job_q())
        )
        ids = _claim(due, **{column: now})
        applications = _claimed(ids)
        teams = team_recipients_by_company({a.company_id for a in applications})
        rows, events = [], []
        for application in applications:
            rows += build_notifications(
                to=teams[application.company_id],
                kind=kind,
                key=f"{kind}:application:{application.pk}",
                template=f"applications/email/{kind.removeprefix('no_ghosting.')}",
                context={
                    "application": application,
                    "job": application.job,
                    "company": application.company,
                    "candidate_name": application.candidate.get_full_name(),
                    "applicants_url": _team_applicants_url(),
                },
                about=application,
            )
            events.append(
                ApplicationEvent(
                    application=application,
                    kind=ApplicationEvent.Kind.REMINDER,
                    body=f"Reminder sent to the hiring team ({kind.rsplit('_', 1)[1]} left).",
                    visible_to_candidate=False,
                    created_at=now,
                )
            )
        ApplicationEvent.objects.bulk_create(events)
        queue_notifications(rows)
        return len(ids)

    return _in_batches(batch)


# The breach ------------------------------------------------------------------------------


def breaches_record() -> int:
    """Record a breach on every application whose deadline passed without a first answer (of
    a job that has not ended: those get the "position closed" answer instead), with a timeline
    event, and send the candidate an automatic notice with up to 3 similar open jobs. The
    employer can still answer; the answer counts as late. Returns the breaches recorded."""

    # Kept across the batches of this sweep (seconds): the newest jobs of each profession
    # (remote jobs' similar jobs) and each similar job's line, however many emails show it.
    newest_memo: dict = {}
    lines: dict[int, dict] = {}

    def batch() -> int:
        now = timezone.now()
        due = (
            awaiting_answer()
            .filter(breached_at__isnull=True, respond_by__lte=now)
            .exclude(ended_job_q())
        )
        ids = _claim(due, breached_at=now)
        applications = _claimed(ids, only=BREACH_FIELDS)
        # Similar jobs of every job of the batch in two queries (jobs/selectors.py).
        batch_jobs = {application.job.pk: application.job for application in applications}
        similar = similar_jobs_for(list(batch_jobs.values()), SIMILAR_JOBS, memo=newest_memo)
        lines.update(
            email_job_lines(
                {o.pk: o for found in similar.values() for o in found if o.pk not in lines}.values()
            )
        )
        similar_by_job = {
            job_id: [lines[other.pk] for other in found] for job_id, found in similar.items()
        }
        application_urls = _candidate_application_urls(applications)
        # Every breach email of the batch from a few renders (render_parts_many): the context
        # is plain data, the dates formatted here as the templates' |date did.
        search_url = settings.SITE_URL + reverse("jobs:search")
        contexts = [
            {
                "job": {"title": application.job.title},
                "company": {"name": application.company.name},
                "submitted_on": date_filter(localtime(application.submitted_at), "F j"),
                "respond_by_on": date_filter(localtime(application.respond_by), "F j, Y"),
                "similar_jobs": similar_by_job[application.job.pk],
                "application_url": application_urls[application.pk],
                "search_url": search_url,
            }
            for application in applications
        ]
        rows, events = [], []
        for application, rendered in zip(
            applications, render_parts_many("applications/email/breach", contexts), strict=True
        ):
            rows += build_notifications(
                to=_candidate_recipient(application),
                kind=BREACH_KIND,
                key=f"{BREACH_KIND}:application:{application.pk}",
                rendered=rendered,
                about=application,
            )
            events.append(
                ApplicationEvent(
                    application=application,
                    kind=ApplicationEvent.Kind.BREACH,
                    body=(
                        f"{application.company.name} did not answer by the deadline. "
                        "They can still answer; we have recorded it as late."
                    ),
                    created_at=now,
                )
            )
        ApplicationEvent.objects.bulk_create(events)
        queue_notifications(rows)
        return len(ids)

    return _in_batches(batch)


# "Position closed" answers ---------------------------------------------------------------


def ended_jobs_answer_applicants() -> int:
    """Give every unanswered applicant of a job that ended (closed, expired or past its date)
    the "position closed" answer: the stage, the closing time, a timeline event and one email.

    jobs may not import applications, so this sweep finds the work itself. It counts as the
    employer's answer (first_response_at is set; on time when before the deadline): closing
    the job is the employer's decision and the candidate is told. Applicants who already had
    an answer (in review, interview, offer) are left for the team to settle: the job may have
    closed because one of them was hired. Returns the applications answered."""

    def batch() -> int:
        now = timezone.now()
        # From the ended jobs' side, in no order: walking the applications still owed an
        # answer by deadline and looking up each one's job took 7.5 s at 1M applications (558,000
        # lookups); the ended jobs (50,000) and their applicants by job, 1.7 s.
        due = awaiting_answer().filter(job__in=Job.objects.filter(ended_job_q(prefix="")))
        ids = _claim(
            due, order=(), stage=Stage.POSITION_CLOSED, closed_at=now, first_response_at=now
        )
        applications = _claimed(ids)
        rows, events = [], []
        for application in applications:
            rows += build_notifications(
                to=_candidate_recipient(application),
                kind=POSITION_CLOSED_KIND,
                key=f"{POSITION_CLOSED_KIND}:application:{application.pk}",
                template="applications/email/position_closed",
                context={
                    "application": application,
                    "job": application.job,
                    "company": application.company,
                    "application_url": _candidate_application_url(application),
                    "search_url": settings.SITE_URL
                    + reverse("jobs:search")
                    + f"?profession={application.job.profession}",
                },
                about=application,
            )
            events.append(
                ApplicationEvent(
                    application=application,
                    kind=ApplicationEvent.Kind.STAGE,
                    stage=Stage.POSITION_CLOSED,
                    body=POSITION_CLOSED_MESSAGE,
                    created_at=now,
                )
            )
        ApplicationEvent.objects.bulk_create(events)
        queue_notifications(rows)
        return len(ids)

    return _in_batches(batch)


def sweep() -> dict[str, int]:
    """All No-Ghosting sweeps, in the order that keeps answers sensible: ended jobs' applicants
    are answered first (so they get no reminder or breach), then breaches, then reminders."""
    return {
        "position_closed": ended_jobs_answer_applicants(),
        "breaches": breaches_record(),
        "reminders_1d": reminders_send(REMINDER_1D_KIND),
        "reminders_3d": reminders_send(REMINDER_3D_KIND),
    }


# The candidate's report ------------------------------------------------------------------


@transaction.atomic
def application_report_never_heard_back(*, application, candidate) -> Application:
    """The candidate reports that the employer never answered this application. Only its own
    candidate may, only once its deadline has passed and while no answer came. Staff see the
    reports in admin ("never heard back" reports)."""
    if application.candidate_id != candidate.pk:
        raise Refusal("Only the applicant can report this application.", "not_applicant")
    now = timezone.now()
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.never_heard_back_at is not None:
        raise Refusal(
            f"You reported this on {locked.never_heard_back_at:%B %-d, %Y}; our team has it.",
            "already_reported",
        )
    if locked.first_response_at is not None:
        raise Refusal("The employer has answered this application: see its timeline.", "answered")
    if locked.stage not in AWAITING_STAGES:
        raise Refusal("This application is no longer waiting for an answer.", "not_waiting")
    if locked.respond_by > now:
        raise Refusal(
            f"The employer has until {locked.respond_by:%B %-d, %Y} to answer; you can report "
            "it if they have not answered by then.",
            "deadline_not_passed",
        )
    locked.never_heard_back_at = now
    locked.save(update_fields=["never_heard_back_at", "updated_at"])
    return locked
