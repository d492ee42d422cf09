"""Background work of the candidate area. The schedules are declared in config/celery.py."""

from celery import shared_task

from candidates import alerts, services


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
def run_job_alerts() -> int:
    """Beat, every 5 minutes: email each due alert (instant ones each run, daily and weekly
    ones once their period has passed) the jobs new to it. Idempotent (candidates/alerts.py)."""
    return alerts.alerts_run()
