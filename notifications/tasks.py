from celery import shared_task

from notifications.delivery import deliver_due as deliver_due_notifications


@shared_task
def deliver_due() -> dict:
    """Send every due outbox row. Queued after each write and run every minute by beat, which
    also picks up rows whose delivery was lost (Redis down, worker killed). Safe to run on any
    number of workers at once (rows are claimed with SKIP LOCKED)."""
    return deliver_due_notifications()
