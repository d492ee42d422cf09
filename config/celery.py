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
    # The audit trail's retention: events older than AUDIT_RETENTION_DAYS are deleted.
    "audit-purge-old-events": {
        "task": "audit.tasks.purge_old_audit_events",
        "schedule": crontab(hour=3, minute=17),
    },
    # Every email: send what is due in the outbox. Also the sweep for rows whose delivery was
    # lost (Redis down when they were written, worker killed mid-send): they are simply due.
    "notifications-deliver-due": {
        "task": "notifications.tasks.deliver_due",
        "schedule": crontab(minute="*"),
    },
    # Published jobs past their date become expired; a set-based UPDATE, cheap to run often.
    "jobs-expire-overdue": {
        "task": "jobs.tasks.expire_overdue_jobs",
        "schedule": crontab(minute="*/15"),
    },
    # Live-job counts (home page, Company List, company pages): two GROUP BYs into summaries.
    "jobs-refresh-job-counts": {
        "task": "jobs.tasks.refresh_job_counts",
        "schedule": crontab(minute="*/2"),
    },
    # Job page views counted in Redis are added to the jobs in one UPDATE.
    "jobs-flush-view-counts": {
        "task": "jobs.tasks.flush_job_view_counts",
        "schedule": crontab(minute="*/5"),
    },
    # Outbox rows "your job expires in 3 days" for each team, once per job and expiry period.
    "jobs-send-expiry-reminders": {
        "task": "jobs.tasks.send_expiry_reminders",
        "schedule": crontab(minute=7),
    },
    # The "Did you mean" vocabulary follows what is published (jobs/suggestions.py).
    "jobs-refresh-search-terms": {
        "task": "jobs.suggestions.refresh_search_terms",
        "schedule": crontab(minute=23),
    },
    # Pay insights (/pay/): percentiles of recent postings into jobs_paysummary.
    "jobs-refresh-pay-summary": {
        "task": "jobs.tasks.refresh_pay_summary",
        "schedule": crontab(minute=41),
    },
    # Search engines told of job pages that went live or away (JOB_INDEXING_NOTIFIER).
    "jobs-send-indexing-notices": {
        "task": "jobs.tasks.send_indexing_notices",
        "schedule": crontab(minute="*/5"),
    },
    # Articles: label scheduled articles Published once due (visibility never waits for it).
    "articles-mark-due-published": {
        "task": "articles.tasks.mark_due_articles_published",
        "schedule": crontab(minute="*/5"),
    },
    # No-Ghosting: "position closed" answers for ended jobs, deadline breaches, and the 1-day
    # and 3-day reminders; each claimed in SQL, so overlapping or retried runs send nothing twice.
    "applications-no-ghosting-sweep": {
        "task": "applications.tasks.no_ghosting_sweep",
        "schedule": crontab(minute="*/5"),
    },
    # Companies' responsiveness figures and on-notice state, in one UPDATE ... FROM (aggregate).
    "applications-refresh-responsiveness": {
        "task": "applications.tasks.refresh_responsiveness",
        "schedule": crontab(minute="2-59/10"),
    },
    # Pipeline actions (bulk answers, CSV exports): queue again the ones whose task was lost
    # or whose worker died; forget those finished a week ago, with their files.
    "applications-pipeline-actions-upkeep": {
        "task": "applications.tasks.pipeline_actions_upkeep",
        "schedule": crontab(minute="*/5"),
    },
    # Applications: yesterday's new applications for members who chose a daily digest.
    "applications-send-daily-digests": {
        "task": "applications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=5),
    },
    # Candidates: "your license/certification expires in 60 (14) days", once each.
    "candidates-send-credential-expiry-reminders": {
        "task": "candidates.tasks.send_credential_expiry_reminders",
        "schedule": crontab(hour=8, minute=11),
    },
    # Candidates: data exports whose task was lost (Redis down) or whose worker died.
    "candidates-resume-stalled-data-exports": {
        "task": "candidates.tasks.resume_stalled_data_exports",
        "schedule": crontab(minute="*/5"),
    },
    # Candidates: "a job you saved has closed", once per saved job.
    "candidates-notice-closed-saved-jobs": {
        "task": "candidates.tasks.notice_closed_saved_jobs",
        "schedule": crontab(minute="*/30"),
    },
    # Candidates: applications and resumes of accounts inactive for the retention period,
    # and data exports past their 7 days.
    "candidates-purge-inactive-candidate-data": {
        "task": "candidates.tasks.purge_inactive_candidate_data",
        "schedule": crontab(hour=3, minute=37),
    },
    # Candidates: job alerts, instant ones within 15 minutes of publication, daily and weekly
    # ones once their period has passed; chunked and idempotent (candidates/alerts.py).
    "candidates-run-job-alerts": {
        "task": "candidates.tasks.run_job_alerts",
        "schedule": crontab(minute="*/5"),
    },
    "accounts-clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=4, minute=17),
    },
}
