"""The outbox: one row per email to send, written in the transaction of the change that causes
it, with a unique key naming its cause; delivered by one Celery task (notifications.tasks)."""
