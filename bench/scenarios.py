"""The benchmark's scenarios that need Django: which pages to time, signed-in sessions, and the
daily alert run and the No-Ghosting sweep, each prepared on the loaded data first.

Run by bench/run.py inside the benchmark's environment: `python -m bench.scenarios COMMAND`;
each command prints one JSON object on its last line.

    pages               the paths to time, and session cookies for the signed-in ones
    alerts-prepare      make every alert due and exactly 1% of the jobs newly published
    alerts-run          queue the beat task on the real Celery workers, wait until every alert
                        ran and the outbox sent every digest (to bench.mail.CountingBackend)
    sweep               settle the applications, make 1% of them newly due, time the sweep
"""

import json
import sys
import time
from datetime import timedelta

NEW_JOBS_SHARE = 0.01
DUE_SHARE = 0.01


def session_for(user) -> str:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(7 * 24 * 3600)
    store.save()
    return store.session_key


def pages() -> dict:
    from django.conf import settings
    from django.db.models import Count

    from accounts.models import User
    from employers.models import Company
    from jobs.models import Job
    from jobs.pay_insights import pay_summary_refresh, pay_url

    def newest(profession):
        return (
            Job.objects.published()
            .filter(profession=profession, latitude__isnull=False)
            .order_by("-published_at")
            .first()
        )

    broad, narrow = newest("registered_nurse"), newest("dosimetrist") or newest("art_therapist")
    companies = list(
        Company.objects.filter(slug__startswith="bench-").order_by("pk").values_list("pk", "slug")
    )
    largest, small = companies[0], companies[-1]
    candidate = (
        User.objects.filter(role="candidate")
        .annotate(n=Count("applications"))
        .filter(n__gte=5)
        .order_by("pk")
        .first()
    )
    owner = User.objects.get(membership__company_id=largest[0], membership__role="owner")
    pay_summary_refresh()  # what beat keeps (jobs.tasks.refresh_pay_summary)
    return {
        "job_broad": broad.get_absolute_url(),
        "job_narrow": narrow.get_absolute_url(),
        "company_large": f"/companies/{largest[1]}/",
        "company_small": f"/companies/{small[1]}/",
        "pay_profession": pay_url("registered_nurse"),
        "pay_state": pay_url("registered_nurse", "TX"),
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "candidate_session": session_for(candidate),
        "employer_session": session_for(owner),
        "inbox_applicants": owner.membership.company.applications.count(),
        "candidate_applications": candidate.applications.count(),
    }


def alerts_prepare(scale: int) -> dict:
    """Every alert due (daily, last run a day ago) and exactly 1% of the jobs published since:
    the same set of jobs each run, re-stamped, the rest of the last day moved a day back."""
    from django.db import connection
    from django.utils import timezone

    from candidates.models import JobAlert
    from notifications.models import Notification

    now = timezone.now()
    since = now - timedelta(days=1, minutes=5)
    new_jobs = max(1, int(scale * NEW_JOBS_SHARE))
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE candidates_jobalertdelivery")
        Notification.objects.filter(kind="alerts.digest").delete()
        # Emails an earlier sweep left unsent would reach the counting backend too.
        Notification.objects.filter(
            status__in=[Notification.Status.PENDING, Notification.Status.SENDING]
        ).delete()
        cursor.execute(
            "UPDATE jobs_job SET published_at = published_at - interval '1 day', "
            "expires_at = expires_at - interval '1 day' "
            "WHERE status = 'published' AND published_at > %s",
            [since],
        )
        cursor.execute(
            "WITH chosen AS (SELECT id FROM jobs_job WHERE status = 'published' "
            "AND expires_at > %s ORDER BY md5(id::text) LIMIT %s) "
            "UPDATE jobs_job SET published_at = %s - (random() * interval '23 hours'), "
            "expires_at = %s + interval '29 days' FROM chosen WHERE jobs_job.id = chosen.id",
            [now, new_jobs, now, now],
        )
        cursor.execute(
            "UPDATE candidates_jobalert SET last_run_at = %s, frequency = 'daily', "
            "is_active = true",
            [since],
        )
        cursor.execute("ANALYZE jobs_job")
    return {"alerts": JobAlert.objects.due(now).count(), "new_jobs": new_jobs}


def alerts_run() -> dict:
    """The beat task on the workers, then wait for the outbox to have sent every digest (at
    most BENCH_ALERT_TIMEOUT seconds: then the figures say how far it got)."""
    import os

    from django.core.cache import cache
    from django.utils import timezone

    from candidates.models import JobAlert
    from config.celery import app
    from notifications.models import Notification

    timeout = float(os.environ.get("BENCH_ALERT_TIMEOUT") or 1800)
    cache.set("bench:emails", 0, None)
    started_at = timezone.now()
    started = time.monotonic()
    app.send_task("candidates.tasks.run_job_alerts")
    pending = Notification.objects.filter(
        kind="alerts.digest", status__in=[Notification.Status.PENDING, Notification.Status.SENDING]
    )
    left = JobAlert.objects.filter(last_run_at__lt=started_at, is_active=True)
    complete = False
    while time.monotonic() - started < timeout:
        time.sleep(0.5)
        if left.exists():
            continue
        if not pending.exists():
            complete = True
            break
    seconds = time.monotonic() - started
    return {
        "seconds": round(seconds, 1),
        "complete": complete,
        "alerts_not_run": left.count(),
        "emails": int(cache.get("bench:emails") or 0),
        "queued": Notification.objects.filter(kind="alerts.digest").count(),
    }


def sweep(scale: int) -> dict:
    """Settle the applications (every deadline already past is breached, every reminder window
    already open is reminded, ended jobs' applicants are answered), as the 5-minute sweep
    leaves them; then make 1% of them newly due and time one sweep."""
    from django.db import connection
    from django.utils import timezone

    from applications.models import Application
    from applications.no_ghosting import sweep as no_ghosting_sweep

    now = timezone.now()
    due = max(1, int(scale * DUE_SHARE))
    awaiting = "first_response_at IS NULL AND stage IN ('submitted', 'viewed')"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET stage = 'position_closed', closed_at = %s "  # noqa: S608
            f"FROM jobs_job j WHERE j.id = job_id AND {awaiting} "
            "AND (j.status IN ('closed', 'expired') OR (j.status = 'published' "
            "AND j.expires_at <= %s))",
            [now, now],
        )
        for column, ahead in (("breached_at", 0), ("reminded_1d_at", 1), ("reminded_3d_at", 3)):
            cursor.execute(
                f"UPDATE applications_application SET {column} = %s "  # noqa: S608
                f"WHERE {awaiting} AND {column} IS NULL AND respond_by <= %s",
                [now, now + timedelta(days=ahead)],
            )
        cursor.execute(
            "WITH chosen AS (SELECT a.id FROM applications_application a "
            "JOIN jobs_job j ON j.id = a.job_id "
            "WHERE a.first_response_at IS NULL AND a.stage IN ('submitted', 'viewed') "
            "AND j.status = 'published' AND j.expires_at > %s "
            "ORDER BY md5(a.id::text) LIMIT %s) "
            "UPDATE applications_application a SET respond_by = %s - random() * interval "
            "'4 minutes', breached_at = NULL FROM chosen WHERE a.id = chosen.id",
            [now + timedelta(minutes=10), due, now],
        )
        cursor.execute("ANALYZE applications_application")
    total = Application.objects.count()
    # The sweep in a thread, so the run can stop waiting after BENCH_SWEEP_TIMEOUT seconds and
    # still say how far it got.
    import os
    import threading

    timeout = float(os.environ.get("BENCH_SWEEP_TIMEOUT") or 1800)
    outcome = {}
    started_at = timezone.now()
    started = time.monotonic()
    worker = threading.Thread(target=lambda: outcome.update(no_ghosting_sweep()), daemon=True)
    worker.start()
    worker.join(timeout)
    seconds = time.monotonic() - started
    result = {"applications": total, "due": due, "seconds": round(seconds, 2), "done": outcome}
    if worker.is_alive():
        result["complete"] = False
        result["breached_so_far"] = Application.objects.filter(breached_at__gte=started_at).count()
        print(json.dumps(result), flush=True)
        os._exit(0)  # the sweep's open batch rolls back with the connection
    result["complete"] = True
    return result


if __name__ == "__main__":
    import django

    django.setup()
    command, *rest = sys.argv[1:]
    scale = int(rest[0]) if rest else 0
    result = {
        "pages": pages,
        "alerts-prepare": lambda: alerts_prepare(scale),
        "alerts-run": alerts_run,
        "sweep": lambda: sweep(scale),
    }[command]()
    print(json.dumps(result))
