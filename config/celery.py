"""The Celery app. Every periodic task of the project is declared here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("healthcareers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Re-queue contact-form notifications whose first attempt never ran (e.g. Redis was down).
    "contact-notify-pending": {
        "task": "pages.tasks.notify_staff_of_pending_contact_messages",
        "schedule": crontab(minute="*/10"),
    },
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=17),
    },
}
