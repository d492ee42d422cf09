"""The Celery app. Every periodic task of the project is declared here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("healthcareers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Search keeps its one task beside the search code (jobs/tasks.py is the job lifecycle).
app.autodiscover_tasks(["jobs"], related_name="suggestions")

app.conf.beat_schedule = {
    # Re-queue contact-form notifications whose first attempt never ran (e.g. Redis was down).
    "contact-notify-pending": {
        "task": "pages.tasks.notify_staff_of_pending_contact_messages",
        "schedule": crontab(minute="*/10"),
    },
    # Published jobs past their date become expired; a set-based UPDATE, cheap to run often.
    "jobs-expire-overdue": {
        "task": "jobs.tasks.expire_overdue_jobs",
        "schedule": crontab(minute="*/15"),
    },
    # Job page views counted in Redis are added to the jobs in one UPDATE.
    "jobs-flush-view-counts": {
        "task": "jobs.tasks.flush_job_view_counts",
        "schedule": crontab(minute="*/5"),
    },
    # "Your job expires in 3 days" to each company's team, once per job and expiry period.
    "jobs-send-expiry-reminders": {
        "task": "jobs.tasks.send_expiry_reminders",
        "schedule": crontab(minute=7),
    },
    # The "Did you mean" vocabulary follows what is published (jobs/suggestions.py).
    "jobs-refresh-search-terms": {
        "task": "jobs.suggestions.refresh_search_terms",
        "schedule": crontab(minute=23),
    },
    # Articles: re-queue comment notifications whose first attempt never ran (Redis down).
    "articles-notify-pending-comments": {
        "task": "articles.tasks.notify_editors_of_pending_comments",
        "schedule": crontab(minute="*/10"),
    },
    # Articles: label scheduled articles Published once due (visibility never waits for it).
    "articles-mark-due-published": {
        "task": "articles.tasks.mark_due_articles_published",
        "schedule": crontab(minute="*/5"),
    },
    # Employers: re-send invitation and upgrade-request emails that never went out (Redis down).
    "employers-send-pending-invitations": {
        "task": "employers.tasks.send_pending_invitations",
        "schedule": crontab(minute="*/10"),
    },
    "employers-notify-pending-upgrade-requests": {
        "task": "employers.tasks.notify_pending_upgrade_requests",
        "schedule": crontab(minute="*/10"),
    },
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=17),
    },
}
