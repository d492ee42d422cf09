"""Job alerts (GUIDE.md section 4): a search saved and emailed when new jobs match it.

Matching reuses the search page's conditions: the alert keeps the search's query string, which
is rebuilt into JobSearchForm -> JobSearch at each run, and adds only "published after the alert's
last run" and "not sent by this alert before". So an alert and the search page agree.

Beat (every 5 minutes) queues one task per chunk of due alerts (`alerts_dispatch`), so a large
run is shared by every worker; `alerts_run` walks them all in one process. Either way the run is
set-based and chunked: it takes due alerts a chunk at a time in id order, locking them with SKIP
LOCKED (an overlapping run takes other alerts), and for each chunk, in one transaction: one
query loads the jobs published since the chunk's oldest last run, which every alert of the chunk
is matched against in memory (jobs/new_jobs.py: the search's conditions, the text in SQL once per
distinct text); one query finds which of the matches were sent before; one INSERT ... ON
CONFLICT DO NOTHING RETURNING of the (alert, job) pairs (the unique pair is what makes a job never
sent twice, whatever retries or overlaps happen); one query for the jobs to list; the digests
rendered once per shape; one INSERT of the outbox rows (keyed per alert and run) and one UPDATE
of last_run_at.
"""

import hashlib
from datetime import datetime
from email.utils import parseaddr
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from candidates.models import JobAlert, JobAlertDelivery
from infra.queueing import send_task_on_commit
from infra.refusals import Refusal
from jobs.choices import (
    Credential,
    EmploymentType,
    ExperienceLevel,
    Profession,
    Shift,
    WorkplaceType,
)
from jobs.models import Job
from jobs.new_jobs import PublishedWindow
from jobs.presenters import email_job_lines
from jobs.search import MULTI_FILTERS, JobSearch, JobSearchForm, search_from_query
from notifications.rendering import render_parts_many
from notifications.services import Recipient, build_notifications, notify, queue_notifications

CHUNK_TASK = "candidates.tasks.run_job_alert_chunk"
MAX_JOBS_PER_EMAIL = 20
MAX_ALERTS_PER_USER = 25
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week
# Parameters of the search page that are not part of what a search matches.
IGNORED_PARAMS = {"page", "verbatim", "qualify", "sort"}
CONFIRM_SALT = "candidates.alerts.confirm"
MANAGE_SALT = "candidates.alerts.manage"

# Tokens ------------------------------------------------------------------------------------


def confirm_token(alert: JobAlert) -> str:
    return signing.dumps(alert.pk, salt=CONFIRM_SALT)


def manage_token(alert: JobAlert) -> str:
    """The signed link of a guest's manage page and of every alert's unsubscribe: no expiry
    (an old email's unsubscribe link must keep working), bound to the alert and its address."""
    return signing.dumps([alert.pk, _address_tag(alert)], salt=MANAGE_SALT)


def _address_tag(alert: JobAlert) -> str:
    # A digest of the address, not the address: the token is readable (signed, not encrypted).
    return hashlib.sha256(alert.recipient_email.lower().encode()).hexdigest()[:16]


def alert_from_confirm_token(token: str) -> JobAlert | None:
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return JobAlert.objects.filter(pk=pk).first()


def alert_from_manage_token(token: str) -> JobAlert | None:
    try:
        pk, tag = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    alert = JobAlert.objects.select_related("user").filter(pk=pk).first()
    if alert is None or _address_tag(alert) != tag:
        return None  # the account's address changed since: the old link no longer manages it
    return alert


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(alert: JobAlert) -> str:
    return absolute(reverse("alerts:unsubscribe", args=[manage_token(alert)]))


def manage_url(alert: JobAlert) -> str:
    if alert.user_id:
        return absolute(reverse("candidates:alerts"))
    return absolute(reverse("alerts:manage", args=[manage_token(alert)]))


# The search an alert keeps -----------------------------------------------------------------


def normalized_query(query_string: str) -> str:
    """The search's own parameters, sorted, empty ones and page/sort dropped: two ways of
    writing the same search are one alert."""
    params = QueryDict(query_string[:4000])
    known = set(JobSearchForm.base_fields) - IGNORED_PARAMS
    pairs = sorted(
        (name, value.strip())
        for name, values in params.lists()
        if name in known
        for value in values
        if value.strip()
    )
    return urlencode(pairs)[:2000]


def search_of(alert_or_query) -> JobSearch:
    query = getattr(alert_or_query, "query_string", alert_or_query)
    return search_from_query(query)


def search_label(query_string: str) -> str:
    """A human name of the search: "ICU nurse near Denver, CO · Night shift"."""
    form = JobSearchForm(QueryDict(query_string))
    form.is_valid()
    data = form.cleaned_data
    search = form.search()
    head = f"“{search.q}”" if search.q else "All jobs"
    if search.place:
        head += f" within {search.radius} miles of {search.place.label}"
    parts = [head]
    choices = {
        "profession": Profession,
        "employment_type": EmploymentType,
        "shift": Shift,
        "workplace_type": WorkplaceType,
        "experience_level": ExperienceLevel,
        "credential": Credential,
    }
    for name in MULTI_FILTERS:
        values = data.get(name) or []
        if not values:
            continue
        labels = dict(choices[name].choices) if name in choices else {}
        parts.append(", ".join(str(labels.get(v, v.upper())) for v in values))
    if search.min_pay_annual:
        parts.append(f"${search.min_pay_annual:,}+ a year")
    if search.night_differential:
        parts.append("Night differential")
    if search.travel:
        parts.append("Travel contracts")
    return " · ".join(parts)[:200]


def search_page_url(alert: JobAlert) -> str:
    query = alert.query_string
    return absolute(reverse("jobs:search") + (f"?{query}" if query else ""))


# Creating and managing ---------------------------------------------------------------------


@transaction.atomic
def alert_create_for_user(*, user, query_string: str, frequency: str = "") -> tuple[JobAlert, bool]:
    """A candidate's alert, active at once. (alert, created): the same search twice is the
    alert they already have."""
    query = normalized_query(query_string)
    existing = JobAlert.objects.filter(user=user, query_string=query).first()
    if existing:
        return existing, False
    if JobAlert.objects.filter(user=user).count() >= MAX_ALERTS_PER_USER:
        raise Refusal(
            f"You have {MAX_ALERTS_PER_USER} job alerts, the most we keep: delete one first.",
            "too_many_alerts",
            link=reverse("candidates:alerts"),
            link_text="Your job alerts",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            alert = JobAlert.objects.create(
                user=user,
                query_string=query,
                label=search_label(query),
                frequency=frequency or JobAlert.Frequency.DAILY,
                confirmed_at=now,
                last_run_at=now,
                created_at=now,
            )
    except IntegrityError:  # a double click: the other request made it
        return JobAlert.objects.get(user=user, query_string=query), False
    return alert, True


@transaction.atomic
def alert_create_for_guest(*, email: str, query_string: str, frequency: str = "") -> JobAlert:
    """A guest's alert, inactive until the address is confirmed: a confirmation email goes
    through the outbox (at most one a day per alert, whatever the guest resubmits)."""
    query = normalized_query(query_string)
    email = email.strip()
    alert = JobAlert.objects.filter(
        user__isnull=True, email__iexact=email, query_string=query
    ).first()
    if alert is None:
        now = timezone.now()
        alert = JobAlert.objects.create(
            email=email,
            query_string=query,
            label=search_label(query),
            frequency=frequency or JobAlert.Frequency.DAILY,
            last_run_at=now,
            created_at=now,
        )
    if not alert.is_confirmed:
        notify(
            to=alert.email,
            kind="alerts.confirm",
            key=f"alerts.confirm:alert:{alert.pk}:day:{timezone.now().date().isoformat()}",
            template="candidates/email/alert_confirm",
            context={
                "alert": alert,
                "confirm_url": absolute(reverse("alerts:confirm", args=[confirm_token(alert)])),
            },
            about=alert,
        )
    return alert


@transaction.atomic
def alert_confirm(*, alert: JobAlert) -> JobAlert:
    """The guest clicked the emailed link: the alert starts, with jobs published from now."""
    if not alert.is_confirmed:
        now = timezone.now()
        alert.confirmed_at = now
        alert.last_run_at = now
        alert.is_active = True
        alert.save(update_fields=["confirmed_at", "last_run_at", "is_active"])
    return alert


@transaction.atomic
def alert_set_frequency(*, alert: JobAlert, frequency: str) -> JobAlert:
    if frequency not in JobAlert.Frequency.values:
        raise Refusal("Choose daily, weekly or as soon as they are posted.", "bad_frequency")
    alert.frequency = frequency
    alert.save(update_fields=["frequency"])
    return alert


@transaction.atomic
def alert_set_active(*, alert: JobAlert, active: bool) -> JobAlert:
    """Pause or resume. Resuming starts from now: a paused week is not sent in one go."""
    if alert.is_active != active:
        alert.is_active = active
        fields = ["is_active"]
        if active:
            alert.last_run_at = timezone.now()
            fields.append("last_run_at")
        alert.save(update_fields=fields)
    return alert


@transaction.atomic
def alert_delete(*, alert: JobAlert) -> None:
    alert.delete()


@transaction.atomic
def alert_unsubscribe(*, alert: JobAlert) -> JobAlert:
    """One-click unsubscribe (RFC 8058): the alert stops; it stays listed, paused."""
    return alert_set_active(alert=alert, active=False)


# The run -----------------------------------------------------------------------------------


def alerts_run(*, now: datetime | None = None, chunk_size: int | None = None) -> int:
    """Beat: email every due alert the jobs new to it. Returns how many emails were queued.
    Each chunk is one transaction; a retried or overlapping run finds those alerts not due
    (or locked) and sends nothing twice."""
    now, chunk_size = now or timezone.now(), chunk_size or settings.JOB_ALERTS_CHUNK_SIZE
    queued, after = 0, 0
    while True:
        with transaction.atomic():
            ids = list(
                JobAlert.objects.due(now)
                .filter(pk__gt=after)
                .order_by("pk")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:chunk_size]
            )
            if not ids:
                return queued
            after = ids[-1]
            queued += _run_chunk(ids, now)


def alerts_dispatch(*, now: datetime | None = None, chunk_size: int | None = None) -> int:
    """Beat: queue one task per chunk of due alerts (ids first..last), so every Celery worker
    takes part in a large run instead of one task walking all of them. Returns the chunks.
    Each chunk task locks and re-checks its alerts (`alerts_run_range`), so a chunk queued
    twice, or overlapping another run, sends nothing twice."""
    now, chunk_size = now or timezone.now(), chunk_size or settings.JOB_ALERTS_CHUNK_SIZE
    ids = list(JobAlert.objects.due(now).order_by("pk").values_list("pk", flat=True))
    chunks = [ids[start : start + chunk_size] for start in range(0, len(ids), chunk_size)]
    for chunk in chunks:
        send_task_on_commit(CHUNK_TASK, chunk[0], chunk[-1], now.isoformat())
    return len(chunks)


def alerts_run_range(*, first: int, last: int, now: datetime) -> int:
    """One chunk of a dispatched run: the alerts with ids first..last still due at `now`."""
    with transaction.atomic():
        ids = list(
            JobAlert.objects.due(now)
            .filter(pk__gte=first, pk__lte=last)
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        return _run_chunk(ids, now) if ids else 0


def _run_chunk(ids: list[int], now: datetime) -> int:
    alerts = list(JobAlert.objects.filter(pk__in=ids).select_related("user").order_by("pk"))
    if not alerts:
        return 0
    # Every alert of the chunk against the jobs published since the oldest last run, loaded
    # once for the chunks of this run this worker takes (jobs/new_jobs.py); the same query
    # string is parsed once.
    window = PublishedWindow.shared(since=min(alert.last_run_at for alert in alerts), now=now)
    searches = {query: search_of(query) for query in {alert.query_string for alert in alerts}}
    window.prepare_texts(searches.values())
    excluded: dict[int, set[int]] = {alert.pk: set() for alert in alerts}
    wanted: dict[int, list[int]] = {}
    todo = alerts if len(window) else []
    while todo:
        for alert in todo:
            # One more than fits tells "more".
            wanted[alert.pk] = window.matches(
                searches[alert.query_string],
                since=alert.last_run_at,
                limit=MAX_JOBS_PER_EMAIL + 1,
                exclude=excluded[alert.pk],
            )
        # A job this alert sent before is not news (a paused and resumed alert, a job
        # published again): leave it out and look further.
        sent = _already_sent([(a.pk, job) for a in todo for job in wanted[a.pk]])
        for alert_id, job_id in sent:
            excluded[alert_id].add(job_id)
        todo = [alert for alert in todo if excluded[alert.pk] & set(wanted[alert.pk])]
    inserted = _insert_deliveries(
        [
            (alert_id, job_id)
            for alert_id, jobs in wanted.items()
            for job_id in jobs[:MAX_JOBS_PER_EMAIL]
        ],
        now,
    )
    sending = [alert for alert in alerts if inserted.get(alert.pk)]
    lines = _job_lines({job_id for pairs in inserted.values() for job_id in pairs})
    unsubscribe = {alert.pk: unsubscribe_url(alert) for alert in sending}  # body and header
    contexts = [
        {
            "alert": {"label": alert.label, "frequency": alert.get_frequency_display().lower()},
            "jobs": [lines[job_id] for job_id in wanted[alert.pk] if job_id in inserted[alert.pk]],
            "more": len(wanted[alert.pk]) > MAX_JOBS_PER_EMAIL,
            "search_url": search_page_url(alert),
            "manage_url": manage_url(alert),
            "unsubscribe_url": unsubscribe[alert.pk],
        }
        for alert in sending
    ]
    rows = []
    # Every digest of the chunk from a few renders, one per shape (notifications/rendering.py).
    for alert, rendered in zip(
        sending, render_parts_many("candidates/email/alert_digest", contexts), strict=True
    ):
        rows += build_notifications(
            to=[Recipient(email=alert.recipient_email, user_id=alert.user_id)],
            kind="alerts.digest",
            key=f"alerts.digest:alert:{alert.pk}:run:{now:%Y-%m-%dT%H:%M}",
            rendered=rendered,
            about=alert,
            headers=unsubscribe_headers(alert, unsubscribe[alert.pk]),
        )
    queue_notifications(rows)
    JobAlert.objects.filter(pk__in=ids).update(last_run_at=now)
    return len(rows)


# What a digest shows of each job: any other field would be a query per job.
DIGEST_JOB_FIELDS = (
    "title", "city", "state", "workplace_type", "pay_min", "pay_max", "pay_period",
    "company__name",
)  # fmt: skip


def _job_lines(job_ids: set[int]) -> dict[int, dict]:
    """{job id: its line in a digest}, as plain data for render_parts_many; each job once,
    however many digests list it."""
    jobs = Job.objects.with_company().only(*DIGEST_JOB_FIELDS).filter(pk__in=job_ids)
    return email_job_lines(jobs, with_pay=True)


def _already_sent(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Those of the (alert, job) pairs a delivery records already: one index probe each."""
    if not pairs:
        return []
    table = JobAlertDelivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            # Only the model's own table name is interpolated; every value is a bound parameter.
            f"SELECT d.alert_id, d.job_id FROM {table} d "  # noqa: S608  # nosec B608
            "JOIN unnest(%s::bigint[], %s::bigint[]) AS t(a, j) "
            "ON d.alert_id = t.a AND d.job_id = t.j",
            [[a for a, _ in pairs], [j for _, j in pairs]],
        )
        return cursor.fetchall()


def _insert_deliveries(pairs: list[tuple[int, int]], now: datetime) -> dict[int, set[int]]:
    """INSERT the (alert, job) pairs, skipping those already there; {alert: jobs it got}."""
    if not pairs:
        return {}
    table = JobAlertDelivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            # Only the model's own table name is interpolated; every value is a bound parameter.
            f"INSERT INTO {table} (alert_id, job_id, sent_at) "  # noqa: S608  # nosec B608
            "SELECT a, j, %s FROM unnest(%s::bigint[], %s::bigint[]) AS t(a, j) "
            "ON CONFLICT (alert_id, job_id) DO NOTHING RETURNING alert_id, job_id",
            [now, [a for a, _ in pairs], [j for _, j in pairs]],
        )
        got: dict[int, set[int]] = {}
        for alert_id, job_id in cursor.fetchall():
            got.setdefault(alert_id, set()).add(job_id)
    return got


def unsubscribe_headers(alert: JobAlert, url: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058: mail clients show an unsubscribe button that POSTs to the link
    (`url`, the alert's unsubscribe_url)."""
    mailbox = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    mailto = f"mailto:{mailbox}?subject=unsubscribe%20alert%20{alert.pk}"
    return {
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
