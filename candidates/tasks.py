"""Background work of the candidate area. The schedules are declared in config/celery.py."""

from datetime import datetime

from celery import shared_task

from candidates import alerts, privacy, services


@shared_task
def send_credential_expiry_reminders() -> int:
    """Beat: the 60- and 14-day reminders before a license or certification expires, once per
    credential, threshold and expiry date (outbox keys)."""
    return services.credentials_queue_expiry_reminders()


@shared_task
def notice_closed_saved_jobs() -> int:
    """Beat: tell candidates once when a job they saved closed or expired."""
    return services.saved_jobs_notice_closed()


@shared_task
def build_data_export(export_id: int) -> bool:
    """Build a candidate's data export (zip of JSON and their files) and email them."""
    return privacy.export_build(export_id=export_id)


@shared_task
def purge_inactive_candidate_data() -> int:
    """Beat: purge applications' contents and resumes of accounts inactive for
    CANDIDATE_DATA_RETENTION_DAYS; also delete expired data exports."""
    privacy.exports_purge_expired()
    return privacy.retention_purge()


@shared_task
def run_job_alerts() -> int:
    """Beat, every 5 minutes: queue a task per chunk of due alerts (instant ones each run,
    daily and weekly ones once their period has passed). Idempotent (candidates/alerts.py)."""
    return alerts.alerts_dispatch()


@shared_task
def run_job_alert_chunk(first: int, last: int, now: str) -> int:
    """One chunk of a run: email each alert of ids first..last still due the jobs new to it."""
    return alerts.alerts_run_range(first=first, last=last, now=datetime.fromisoformat(now))


@shared_task
def resume_stalled_data_exports() -> int:
    """Beat: data exports whose task was lost or whose worker died are queued again."""
    return privacy.exports_resume_stalled()
