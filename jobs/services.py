"""A job's lifecycle: posting, publishing, pausing, renewing, staff review and expiry.

Draft -> (publish) -> published, or pending review for a company staff have not verified yet.
Published <-> paused; published/paused/expired -> (renew) 30 more days; most states -> closed.
Every transition locks the job's row and checks its state, so two clicks, two tabs or a sweep
running at the same moment cannot apply the same change twice or from the wrong state.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from employers.models import Company
from employers.quotas import can_feature_another_job, can_publish_another_job
from infra.queueing import enqueue_on_commit
from jobs.models import JOB_LIFETIME_DAYS, Job
from jobs.sanitize import sanitize_description

Status = Job.Status
LIFETIME = timedelta(days=JOB_LIFETIME_DAYS)
EXPIRY_REMINDER_LEAD = timedelta(days=3)

# The states each action may start from.
ALLOWED_FROM = {
    "publish": {Status.DRAFT},
    "pause": {Status.PUBLISHED},
    "resume": {Status.PAUSED},
    "close": {Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "renew": {Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "duplicate": set(Status),
    "delete": {Status.DRAFT},
    "edit": {Status.DRAFT, Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED, Status.EXPIRED},
    "approve": {Status.PENDING_REVIEW},
    "feature": {Status.PUBLISHED, Status.PAUSED},
    "unfeature": set(Status),
    "send_back": {Status.PENDING_REVIEW, Status.PUBLISHED, Status.PAUSED},
}
REFUSALS = {
    "publish": "Only a draft can be published, and this job is {status}.",
    "pause": "Only a published job can be paused, and this job is {status}.",
    "resume": "Only a paused job can be resumed, and this job is {status}.",
    "close": "A job that is {status} cannot be closed.",
    "renew": "Only published, paused or expired jobs can be renewed, and this job is {status}.",
    "delete": "Only drafts can be deleted, and this job is {status}. Close it instead.",
    "edit": "A {status} job cannot be edited. Duplicate it to post it again.",
    "approve": "Only jobs waiting for review can be approved, and this job is {status}.",
    "feature": "Only a published or paused job can be featured, and this job is {status}.",
    "send_back": "A {status} job cannot be sent back to the employer.",
}
# Actions an employer sees as buttons, in display order.
EMPLOYER_ACTIONS = [
    "publish", "resume", "renew", "pause", "feature", "unfeature", "close", "duplicate", "delete",
]  # fmt: skip


class JobActionRefused(Exception):
    """The action is not possible now (the job's state, or the plan's quota); nothing changed.

    `upgrade_url` is set when a bigger plan would allow it."""

    def __init__(self, message: str, *, upgrade_url: str = ""):
        super().__init__(message)
        self.upgrade_url = upgrade_url


def job_can(job: Job, action: str) -> bool:
    if action == "feature" and job.is_featured:
        return False
    if action == "unfeature" and not job.is_featured:
        return False
    return job.status in ALLOWED_FROM[action]


def job_available_actions(job: Job) -> list[str]:
    """The employer actions that make sense for the job's current state."""
    return [action for action in EMPLOYER_ACTIONS if job_can(job, action)]


RENEW_PROMPT = timedelta(days=7)


def jobs_with_actions(jobs: list[Job]) -> list[Job]:
    """Attach for the dashboard: `job.actions` (allowed employer actions), `job.quick_actions`
    (the few worth a button in a table) and `job.editable`."""
    soon = timezone.now() + RENEW_PROMPT
    for job in jobs:
        job.actions = job_available_actions(job)
        job.quick_actions = [
            action
            for action in job.actions
            if action not in {"delete", "feature", "unfeature"}
            and (action != "duplicate" or job.status == Status.CLOSED)
            and (action != "renew" or job.expires_at is None or job.expires_at <= soon)
        ]
        job.editable = job_can(job, "edit")
    return jobs


def company_job_counts(company) -> dict[str, int]:
    """{status: number of the company's jobs} for every status, plus "all"; one query."""
    rows = Job.objects.for_company(company).values_list("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Status.values, 0) | dict(rows)
    counts["all"] = sum(counts.values())
    return counts


def refusal_message(job: Job, action: str) -> str:
    """Why `action` is not possible for the job in its current state."""
    if action == "close" and job.status == Status.DRAFT:
        return "A draft is not live, so there is nothing to close: delete it instead."
    return REFUSALS[action].format(status=job.get_status_display().lower())


def _lock(job: Job, action: str) -> Job:
    """The job's row, locked for this transaction, after checking the action is allowed."""
    locked = Job.objects.select_for_update(of=("self",)).select_related("company").get(pk=job.pk)
    if not job_can(locked, action):
        raise JobActionRefused(refusal_message(locked, action))
    return locked


def _require_plan_room(job: Job) -> Company:
    """Refuse to make the job active when the company's plan is full; the locked company.

    The company's row is locked first, so two jobs published at the same moment cannot both take
    the last place."""
    company = Company.objects.select_for_update().get(pk=job.company_id)
    check = can_publish_another_job(company, excluding_job=job)
    if not check:
        raise JobActionRefused(check.message, upgrade_url=check.upgrade_url)
    return company


def _fit_featured_places(job: Job, company: Company) -> None:
    """A featured job coming back live (resume, renew after expiry) was not counted while away;
    if its featured place has been taken since, it comes back live but unfeatured, rather than
    the plan's limit being passed or the job being kept offline."""
    if job.is_featured and not can_feature_another_job(company, excluding_job=job):
        job.is_featured = False


def _go_live(job: Job, now) -> None:
    job.status = Status.PUBLISHED
    job.published_at = now
    job.expires_at = now + LIFETIME
    job.expiry_reminder_sent_at = None
    job.review_note = ""


# Posting -----------------------------------------------------------------------------------


@transaction.atomic
def job_create(*, company, created_by, fields: dict) -> Job:
    """Save a new draft for `company` from the job form's cleaned `fields`."""
    job = Job(company=company, created_by=created_by, status=Status.DRAFT, **fields)
    job.description = sanitize_description(job.description)
    job.save()
    return job


@transaction.atomic
def job_update(*, job: Job, fields: dict) -> Job:
    """Save the employer's edits. A live job stays live, unless its company is unverified:
    then the changes go back through staff review before candidates see them."""
    job = _lock(job, "edit")
    for name, value in fields.items():
        setattr(job, name, value)
    job.description = sanitize_description(job.description)
    reviewed_states = {Status.PUBLISHED, Status.PAUSED, Status.EXPIRED}
    if not job.company.is_verified and job.status in reviewed_states:
        job.status = Status.PENDING_REVIEW
    job.save()
    return job


# Employer actions --------------------------------------------------------------------------


@transaction.atomic
def job_publish(*, job: Job) -> Job:
    """Publish a draft for 30 days, or send it to staff review if the company is unverified."""
    job = _lock(job, "publish")
    _require_plan_room(job)
    if job.company.is_verified:
        _go_live(job, timezone.now())
    else:
        job.status = Status.PENDING_REVIEW
        job.review_note = ""
    job.save()
    return job


@transaction.atomic
def job_pause(*, job: Job) -> Job:
    """Hide a published job from candidates; its expiry date keeps running."""
    job = _lock(job, "pause")
    job.status = Status.PAUSED
    job.save(update_fields=["status", "updated_at"])
    return job


@transaction.atomic
def job_resume(*, job: Job) -> Job:
    """Put a paused job back live, unless its listing period has ended (then: renew); unfeatured
    if the plan's featured places were taken while it was paused."""
    job = _lock(job, "resume")
    if job.expires_at is None or job.expires_at <= timezone.now():
        raise JobActionRefused(
            "This job's listing period has ended. Renew it to publish it for another "
            f"{JOB_LIFETIME_DAYS} days."
        )
    _fit_featured_places(job, _require_plan_room(job))
    job.status = Status.PUBLISHED
    job.save(update_fields=["status", "is_featured", "updated_at"])
    return job


@transaction.atomic
def job_close(*, job: Job) -> Job:
    """Close a job for good (filled or withdrawn): no longer listed or open to applications."""
    job = _lock(job, "close")
    job.status = Status.CLOSED
    job.closed_at = timezone.now()
    job.is_featured = False
    job.save(update_fields=["status", "closed_at", "is_featured", "updated_at"])
    return job


@transaction.atomic
def job_renew(*, job: Job) -> Job:
    """Extend the listing by 30 days from now or from its current end, whichever is later.

    An expired job goes live again (unfeatured if the plan's featured places are taken); a paused
    one stays paused. The expiry reminder is due again for the new period."""
    job = _lock(job, "renew")
    now = timezone.now()
    job.expires_at = max(now, job.expires_at or now) + LIFETIME
    job.expiry_reminder_sent_at = None
    if job.status == Status.EXPIRED:
        _fit_featured_places(job, _require_plan_room(job))
        job.status = Status.PUBLISHED
    job.save(
        update_fields=[
            "status", "expires_at", "expiry_reminder_sent_at", "is_featured", "updated_at",
        ]
    )  # fmt: skip
    return job


@transaction.atomic
def job_feature(*, job: Job) -> Job:
    """Mark a live job as featured (shown first in search and on the home page), within the
    plan's featured-job allowance."""
    job = _lock(job, "feature")
    company = Company.objects.select_for_update().get(pk=job.company_id)
    check = can_feature_another_job(company, excluding_job=job)
    if not check:
        raise JobActionRefused(check.message, upgrade_url=check.upgrade_url)
    job.is_featured = True
    job.save(update_fields=["is_featured", "updated_at"])
    return job


@transaction.atomic
def job_unfeature(*, job: Job) -> Job:
    """Stop featuring a job, freeing its place for another."""
    job = _lock(job, "unfeature")
    job.is_featured = False
    job.save(update_fields=["is_featured", "updated_at"])
    return job


COPY_SUFFIX = " (copy)"


@transaction.atomic
def job_duplicate(*, job: Job, created_by) -> Job:
    """A new draft with the same content: for a similar role, or to post a closed job again."""
    max_title = Job._meta.get_field("title").max_length
    copy = Job.objects.get(pk=job.pk)
    copy.pk = None
    copy._state.adding = True
    copy.title = copy.title[: max_title - len(COPY_SUFFIX)] + COPY_SUFFIX
    copy.created_by = created_by
    copy.status = Status.DRAFT
    copy.is_featured = False
    copy.review_note = ""
    copy.published_at = copy.expires_at = copy.closed_at = copy.expiry_reminder_sent_at = None
    copy.search_vector = None
    copy.view_count = 0  # a new posting: its views are its own
    copy.save()
    return copy


@transaction.atomic
def job_delete_draft(*, job: Job) -> None:
    """Delete a job that was never published."""
    _lock(job, "delete").delete()


# Staff review ------------------------------------------------------------------------------


@transaction.atomic
def job_approve(*, job: Job) -> Job:
    """Staff approve a job waiting for review: it goes live for 30 days and the team is told."""
    from jobs.tasks import notify_team_job_approved

    job = _lock(job, "approve")
    _require_plan_room(job)
    _go_live(job, timezone.now())
    job.save()
    enqueue_on_commit(notify_team_job_approved, job.pk)
    return job


@transaction.atomic
def job_send_back(*, job: Job, reason: str) -> Job:
    """Staff return a job to the employer as a draft, with the reason emailed to the team."""
    from jobs.tasks import notify_team_job_sent_back

    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is required to send a job back.")
    job = _lock(job, "send_back")
    job.status = Status.DRAFT
    job.review_note = reason
    job.save(update_fields=["status", "review_note", "updated_at"])
    enqueue_on_commit(notify_team_job_sent_back, job.pk)
    return job


# Expiry ------------------------------------------------------------------------------------


def jobs_expire_overdue() -> int:
    """Mark every published job past its expiry date as expired (one UPDATE); returns the count."""
    now = timezone.now()
    return Job.objects.filter(status=Status.PUBLISHED, expires_at__lte=now).update(
        status=Status.EXPIRED, updated_at=now
    )


def _due_for_expiry_reminder(now):
    return Job.objects.filter(
        status=Status.PUBLISHED,
        expiry_reminder_sent_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + EXPIRY_REMINDER_LEAD,
    )


def job_ids_due_for_expiry_reminder(limit: int = 1000) -> list[int]:
    due = _due_for_expiry_reminder(timezone.now()).order_by("expires_at", "pk")
    return list(due.values_list("pk", flat=True)[:limit])


def job_send_expiry_reminder(*, job_id: int) -> bool:
    """Email the company's team that the job expires soon, once per expiry period.

    The job is claimed with a conditional UPDATE before sending, so overlapping sweeps send it
    once; if sending fails the claim is given back and the next sweep tries again.
    Returns False when there was nothing to send (already sent, renewed, no longer live)."""
    now = timezone.now()
    claimed = _due_for_expiry_reminder(now).filter(pk=job_id).update(expiry_reminder_sent_at=now)
    if not claimed:
        return False
    job = Job.objects.select_related("company").get(pk=job_id)
    try:
        _email_team(job, "expiry_reminder")
    except Exception:
        Job.objects.filter(pk=job_id, expiry_reminder_sent_at=now).update(
            expiry_reminder_sent_at=None
        )
        raise
    return True


# Email to the company's hiring team --------------------------------------------------------


def team_emails(company_id: int) -> list[str]:
    """Owners' and recruiters' addresses: everyone on the company's hiring team."""
    users = get_user_model().objects.filter(membership__company_id=company_id, is_active=True)
    return list(users.exclude(email="").order_by("email").values_list("email", flat=True))


def dashboard_job_url(job: Job) -> str:
    return settings.SITE_URL + reverse("jobs_dashboard:preview", args=[job.pk])


def _email_team(job: Job, template: str) -> bool:
    recipients = team_emails(job.company_id)
    if not recipients:
        return False
    context = {
        "job": job,
        "company": job.company,
        "job_url": dashboard_job_url(job),
        "site_url": settings.SITE_URL,
    }
    subject = render_to_string(f"jobs/email/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"jobs/email/{template}.txt", context),
        to=recipients,
    )
    message.attach_alternative(
        render_to_string(f"jobs/email/{template}.html", context), "text/html"
    )
    message.send()
    return True


def job_notify_team_approved(*, job_id: int) -> bool:
    """Tell the team their job is live, if it still is (a late retry sends nothing stale)."""
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    if job is None or job.status != Status.PUBLISHED:
        return False
    return _email_team(job, "approved")


def job_notify_team_sent_back(*, job_id: int) -> bool:
    """Email the team staff's reason for returning the job, if it is still waiting on them."""
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    if job is None or job.status != Status.DRAFT or not job.review_note:
        return False
    return _email_team(job, "sent_back")
