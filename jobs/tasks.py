"""Background work of the job lifecycle. The schedules are declared in config/celery.py."""

from celery import shared_task

from jobs import services
from jobs.counts import job_counts_refresh
from jobs.indexing import indexing_notices_send
from jobs.pay_insights import pay_summary_refresh


@shared_task
def expire_overdue_jobs() -> int:
    """Beat: published jobs past their expiry date become expired (one set-based UPDATE)."""
    return services.jobs_expire_overdue()


@shared_task
def send_expiry_reminders() -> int:
    """Beat: write each team's "your job expires in 3 days" email to the outbox, once per job
    and expiry period (the outbox delivers it)."""
    return services.jobs_queue_expiry_reminders()


@shared_task
def flush_job_view_counts() -> int:
    """Beat: add the page views counted in Redis to the jobs (one UPDATE)."""
    from jobs.view_counts import job_views_flush

    return job_views_flush()


@shared_task
def refresh_pay_summary() -> int:
    """Beat: recompute the /pay/ figures from live and recent postings (one statement)."""
    return pay_summary_refresh()


@shared_task
def send_indexing_notices() -> int:
    """Beat: tell search engines which job pages went live or away (jobs/indexing.py)."""
    return indexing_notices_send()


@shared_task
def refresh_job_counts(company_id: int | None = None, profession: str = "") -> None:
    """Beat (every 2 minutes, all of them) and after a job goes live or away (its company and
    profession): the summaries of live jobs that the home page and Company List read."""
    job_counts_refresh(company_id=company_id, profession=profession)
