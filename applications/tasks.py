"""Background work of the apply flow. The schedule is declared in config/celery.py."""

from celery import shared_task

from applications import services


@shared_task
def send_daily_digests() -> int:
    """Beat, each morning: one outbox row per team member who chose the daily digest, listing
    yesterday's applications to their company's jobs; keyed by member and date, so a retry or
    a second run the same day writes nothing twice."""
    return services.daily_digests_queue()
