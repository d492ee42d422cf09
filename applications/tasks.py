"""Background work of applications. The schedules are declared in config/celery.py.

Each task re-derives its work from the database and claims it in SQL, so a retry, an overlap or
a run after Redis was down sends nothing twice and misses nothing."""

from celery import shared_task

from applications import no_ghosting, responsiveness, services


@shared_task
def send_daily_digests() -> int:
    """Beat, each morning: one outbox row per team member who chose the daily digest, listing
    yesterday's applications to their company's jobs; keyed by member and date, so a retry or
    a second run the same day writes nothing twice."""
    return services.daily_digests_queue()


@shared_task
def no_ghosting_sweep() -> dict[str, int]:
    """Beat: "position closed" answers for ended jobs, breaches, then the 1-day and 3-day
    reminders (applications/no_ghosting.py)."""
    return no_ghosting.sweep()


@shared_task
def refresh_responsiveness() -> int:
    """Beat: every company's responsiveness figures and on-notice state (one UPDATE)."""
    return responsiveness.companies_refresh_responsiveness()


@shared_task
def refresh_company_responsiveness(company_id: int) -> int:
    """One company's figures, for example right after it answered an overdue application, so
    that it goes off notice without waiting for the next periodic refresh."""
    return responsiveness.companies_refresh_responsiveness(company_ids=[company_id])
