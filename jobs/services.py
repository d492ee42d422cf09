"""A job's lifecycle: posting, publishing, pausing, renewing, staff review and expiry.

Draft -> (publish) -> published, or pending review for a company staff have not verified yet.
Published <-> paused; published/paused/expired -> (renew) 30 more days; most states -> closed.
Every transition locks the job's row and checks its state, so two clicks, two tabs or a sweep
running at the same moment cannot apply the same change twice or from the wrong state.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone

from audit.services import record
from employers.models import Company
from employers.selectors import team_recipients, team_recipients_by_company
from infra.refusals import Refusal
from jobs.counts import job_counts_changed
from jobs.indexing import indexing_notice_add
from jobs.lifecycle import job_can, refusal_message
from jobs.models import JOB_LIFETIME_DAYS, IndexingNotice, Job
from jobs.pay_rules import job_rule_problems
from jobs.quotas import can_feature_another_job, can_publish_another_job
from jobs.reports import held_for_reports
from jobs.sanitize import sanitize_description
from notifications.selectors import notified_since
from notifications.services import build_notifications, notify_many, queue_notifications

Status = Job.Status
UPDATED, DELETED = IndexingNotice.Kind.UPDATED, IndexingNotice.Kind.DELETED
LIFETIME = timedelta(days=JOB_LIFETIME_DAYS)
EXPIRY_REMINDER_LEAD = timedelta(days=3)


def _lock(job: Job, action: str) -> Job:
    """The job's row, locked for this transaction, after checking the action is allowed."""
    locked = Job.objects.select_for_update(of=("self",)).select_related("company").get(pk=job.pk)
    if not job_can(locked, action):
        raise Refusal(refusal_message(locked, action), f"{action}_not_allowed")
    return locked


def _require_plan_room(job: Job) -> Company:
    """Refuse to make the job active when the company's plan is full; the locked company.

    The company's row is locked first, so two jobs published at the same moment cannot both take
    the last place."""
    company = Company.objects.select_for_update().get(pk=job.company_id)
    check = can_publish_another_job(company, excluding_job=job)
    if not check:
        raise Refusal(check.message, "plan_limit", link=check.upgrade_url)
    return company


def _require_pay_rules(job: Job) -> None:
    """Refuse to put a job live that a state pay-transparency rule in effect forbids; the
    message names the rule and what to change."""
    if problems := job_rule_problems(job):
        raise Refusal(
            problems[0].message,
            "pay_rule",
            link=reverse("jobs_dashboard:edit", args=[job.pk]),
            link_text="Edit the job",
        )


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
    job.review_note = ""
    indexing_notice_add(job=job, kind=UPDATED, cause=f"live:{now.isoformat()}")
    job_counts_changed(job)


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
        job_counts_changed(job)
    job.save()
    if job.status == Status.PUBLISHED:
        indexing_notice_add(job=job, kind=UPDATED, cause=f"edited:{job.updated_at.isoformat()}")
    return job


# Employer actions --------------------------------------------------------------------------


def _require_not_on_notice(job: Job) -> None:
    """A company on notice under the No-Ghosting Policy publishes nothing new until it has
    answered its overdue applications. The flag is a Company column kept by the applications
    app's responsiveness refresh (jobs does not look at applications)."""
    if job.company.on_notice_since is not None:
        raise Refusal(
            f"{job.company.name} is on notice under our No-Ghosting Policy: fewer than "
            f"{settings.NO_GHOSTING_MIN_RATE}% of its applications in the last 30 days were "
            "answered on time, and some are past their deadline. Answer every overdue "
            "application, then publish: the notice lifts within a few minutes.",
            "on_notice",
            link=reverse(
                "applications_dashboard:inbox"
            ),  # by name: jobs never imports applications
            link_text="Answer overdue applications",
        )


@transaction.atomic
def job_publish(*, job: Job) -> Job:
    """Publish a draft for 30 days, or send it to staff review if the company is unverified or
    its jobs keep being reported (jobs/reports.py). Refused while the company is on notice
    (No-Ghosting)."""
    job = _lock(job, "publish")
    before = job.status
    _require_not_on_notice(job)
    _require_pay_rules(job)
    _require_plan_room(job)
    held = held_for_reports(job.company)
    if job.company.is_verified and not held:
        _go_live(job, timezone.now())
    else:
        job.status = Status.PENDING_REVIEW
        job.review_note = ""
    job.save()
    changes = {"status": [before, job.status]}
    if held:
        changes["held_for_reports"] = [False, True]
    record(action="job.publish", target=job, changes=changes)
    return job


def _record_status(job: Job, action: str, before: str, **more) -> None:
    record(action=f"job.{action}", target=job, changes={"status": [before, job.status], **more})


@transaction.atomic
def job_pause(*, job: Job) -> Job:
    """Hide a published job from candidates; its expiry date keeps running."""
    job = _lock(job, "pause")
    before = job.status
    job.status = Status.PAUSED
    job.save(update_fields=["status", "updated_at"])
    _record_status(job, "pause", before)
    indexing_notice_add(job=job, kind=DELETED, cause=f"paused:{job.updated_at.isoformat()}")
    job_counts_changed(job)
    return job


@transaction.atomic
def job_resume(*, job: Job) -> Job:
    """Put a paused job back live, unless its listing period has ended (then: renew); unfeatured
    if the plan's featured places were taken while it was paused."""
    job = _lock(job, "resume")
    before = job.status
    if job.expires_at is None or job.expires_at <= timezone.now():
        raise Refusal(
            "This job's listing period has ended. Renew it to publish it for another "
            f"{JOB_LIFETIME_DAYS} days.",
            "listing_ended",
        )
    _fit_featured_places(job, _require_plan_room(job))
    job.status = Status.PUBLISHED
    job.save(update_fields=["status", "is_featured", "updated_at"])
    _record_status(job, "resume", before)
    indexing_notice_add(job=job, kind=UPDATED, cause=f"resumed:{job.updated_at.isoformat()}")
    job_counts_changed(job)
    return job


@transaction.atomic
def job_close(*, job: Job) -> Job:
    """Close a job for good (filled or withdrawn): no longer listed or open to applications."""
    job = _lock(job, "close")
    before = job.status
    job.status = Status.CLOSED
    job.closed_at = timezone.now()
    job.is_featured = False
    job.save(update_fields=["status", "closed_at", "is_featured", "updated_at"])
    _record_status(job, "close", before)
    indexing_notice_add(job=job, kind=DELETED, cause=f"closed:{job.closed_at.isoformat()}")
    job_counts_changed(job)
    return job


@transaction.atomic
def job_renew(*, job: Job) -> Job:
    """Extend the listing by 30 days from now or from its current end, whichever is later.

    An expired job goes live again (unfeatured if the plan's featured places are taken); a paused
    one stays paused. The expiry reminder is due again for the new period (its outbox key names
    the expiry date)."""
    job = _lock(job, "renew")
    before, expired_on = job.status, job.expires_at
    now = timezone.now()
    job.expires_at = max(now, job.expires_at or now) + LIFETIME
    came_back = job.status == Status.EXPIRED
    if came_back:
        _fit_featured_places(job, _require_plan_room(job))
        job.status = Status.PUBLISHED
    job.save(update_fields=["status", "expires_at", "is_featured", "updated_at"])
    _record_status(job, "renew", before, expires_at=[expired_on, job.expires_at])
    if came_back:
        indexing_notice_add(job=job, kind=UPDATED, cause=f"renewed:{job.updated_at.isoformat()}")
        job_counts_changed(job)
    return job


@transaction.atomic
def job_feature(*, job: Job) -> Job:
    """Mark a live job as featured (shown first in search and on the home page), within the
    plan's featured-job allowance."""
    job = _lock(job, "feature")
    company = Company.objects.select_for_update().get(pk=job.company_id)
    check = can_feature_another_job(company, excluding_job=job)
    if not check:
        raise Refusal(check.message, "plan_limit", link=check.upgrade_url)
    job.is_featured = True
    job.save(update_fields=["is_featured", "updated_at"])
    record(action="job.feature", target=job, changes={"is_featured": [False, True]})
    return job


@transaction.atomic
def job_unfeature(*, job: Job) -> Job:
    """Stop featuring a job, freeing its place for another."""
    job = _lock(job, "unfeature")
    was_featured = job.is_featured
    job.is_featured = False
    job.save(update_fields=["is_featured", "updated_at"])
    record(action="job.unfeature", target=job, changes={"is_featured": [was_featured, False]})
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
    copy.published_at = copy.expires_at = copy.closed_at = None
    copy.search_vector = None
    copy.view_count = 0  # a new posting: its views are its own
    copy.save()
    return copy


@transaction.atomic
def job_delete_draft(*, job: Job) -> None:
    """Delete a job that was never published."""
    job = _lock(job, "delete")
    record(action="job.delete_draft", target=job)
    job.delete()


# Staff review ------------------------------------------------------------------------------


@transaction.atomic
def job_approve(*, job: Job) -> Job:
    """Staff approve a job waiting for review: it goes live for 30 days and the team is told."""
    job = _lock(job, "approve")
    before = job.status
    _require_pay_rules(job)
    _require_plan_room(job)
    _go_live(job, timezone.now())
    job.save()
    _record_status(job, "approve", before)
    _email_team(job, APPROVED_KIND, stamp=job.published_at)
    return job


@transaction.atomic
def job_send_back(*, job: Job, reason: str) -> Job:
    """Staff return a job to the employer as a draft, with the reason emailed to the team."""
    reason = reason.strip()
    if not reason:
        raise Refusal("A reason is required to send a job back.", "reason_required")
    job = _lock(job, "send_back")
    before = job.status
    job.status = Status.DRAFT
    job.review_note = reason
    job.save(update_fields=["status", "review_note", "updated_at"])
    _record_status(job, "send_back", before, reason=["", reason])
    _email_team(job, SENT_BACK_KIND, stamp=timezone.now())
    return job


# Expiry ------------------------------------------------------------------------------------


EXPIRE_SQL = """
WITH expired AS (
    UPDATE jobs_job SET status = %(expired)s, updated_at = %(now)s
    WHERE status = %(published)s AND expires_at <= %(now)s
    RETURNING id, expires_at
), noticed AS (
    INSERT INTO jobs_indexingnotice (job_id, kind, key, created_at, attempts, last_error)
    SELECT id, %(deleted)s, %(deleted)s || ':job:' || id || ':expired:' || expires_at::text,
           %(now)s, 0, ''
    FROM expired
    ON CONFLICT (key) DO NOTHING
)
SELECT count(*) FROM expired
"""


def jobs_expire_overdue() -> int:
    """Mark every published job past its expiry date as expired, with the search engines'
    URL_DELETED notice of each, in one statement; returns the count."""
    params = {
        "expired": Status.EXPIRED,
        "published": Status.PUBLISHED,
        "deleted": str(DELETED),
        "now": timezone.now(),
    }
    with connection.cursor() as cursor:
        cursor.execute(EXPIRE_SQL, params)
        return cursor.fetchone()[0]


def jobs_queue_expiry_reminders(*, limit: int = 500) -> int:
    """Write the "expires in 3 days" email to each team, once per job and expiry period: the
    outbox key names the job and its expiry date, so a renewed job is reminded again and
    overlapping runs write nothing twice. Jobs already reminded this period are skipped in
    SQL; the rest are rendered and inserted in one statement. Returns the rows written."""
    now = timezone.now()
    due = list(
        Job.objects.filter(
            status=Status.PUBLISHED, expires_at__gt=now, expires_at__lte=now + EXPIRY_REMINDER_LEAD
        )
        .exclude(
            notified_since(
                Job, kind=EXPIRY_REMINDER_KIND, since=OuterRef("expires_at") - EXPIRY_REMINDER_LEAD
            )
        )
        .select_related("company")
        .order_by("expires_at", "pk")[:limit]
    )
    teams = team_recipients_by_company({job.company_id for job in due})
    rows = []
    for job in due:
        rows += build_notifications(
            to=teams[job.company_id],
            kind=EXPIRY_REMINDER_KIND,
            key=f"{EXPIRY_REMINDER_KIND}:job:{job.pk}:expires:{job.expires_at.isoformat()}",
            template=f"jobs/email/{EXPIRY_REMINDER_KIND.removeprefix('jobs.')}",
            context=_team_email_context(job),
            about=job,
        )
    return queue_notifications(rows)


# Email to the company's hiring team --------------------------------------------------------

APPROVED_KIND = "jobs.approved"
SENT_BACK_KIND = "jobs.sent_back"
EXPIRY_REMINDER_KIND = "jobs.expiry_reminder"


def dashboard_job_url(job: Job) -> str:
    return settings.SITE_URL + reverse("jobs_dashboard:preview", args=[job.pk])


def _team_email_context(job: Job) -> dict:
    return {"job": job, "company": job.company, "job_url": dashboard_job_url(job)}


def _email_team(job: Job, kind: str, *, stamp) -> int:
    """Queue `kind`'s email about `job` to its team; `stamp` tells this cause from an earlier
    one of the same kind (a job can be approved or sent back more than once)."""
    return notify_many(
        to=team_recipients(job.company_id),
        kind=kind,
        key=f"{kind}:job:{job.pk}:at:{stamp.isoformat()}",
        template=f"jobs/email/{kind.removeprefix('jobs.')}",
        context=_team_email_context(job),
        about=job,
    )
