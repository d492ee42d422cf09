"""Background work of the job lifecycle. The schedules are declared in config/celery.py."""

import logging

from celery import shared_task

from jobs import services

logger = logging.getLogger(__name__)


@shared_task
def expire_overdue_jobs() -> int:
    """Beat: published jobs past their expiry date become expired (one set-based UPDATE)."""
    return services.jobs_expire_overdue()


@shared_task
def send_expiry_reminders() -> int:
    """Beat: email each company's team 3 days before a job expires, once per expiry period.

    Each job is claimed before its email goes out, so overlapping runs send nothing twice; a job
    whose email failed keeps no claim and is picked up by the next run."""
    sent = 0
    for job_id in services.job_ids_due_for_expiry_reminder():
        try:
            sent += services.job_send_expiry_reminder(job_id=job_id)
        except Exception:
            logger.exception("Expiry reminder for job %s failed; the next run retries it", job_id)
    return sent


@shared_task
def notify_team_job_approved(job_id: int) -> bool:
    """Email the company's team that staff approved their job and it is live."""
    return services.job_notify_team_approved(job_id=job_id)


@shared_task
def notify_team_job_sent_back(job_id: int) -> bool:
    """Email the company's team why staff sent their job back."""
    return services.job_notify_team_sent_back(job_id=job_id)


@shared_task
def flush_job_view_counts() -> int:
    """Beat: add the page views counted in Redis to the jobs (one UPDATE)."""
    from jobs.view_counts import job_views_flush

    return job_views_flush()
