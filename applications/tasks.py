"""Background work of applications. The schedules are declared in config/celery.py.

Each task re-derives its work from the database and claims it in SQL, so a retry, an overlap or
a run after Redis was down sends nothing twice and misses nothing."""

from celery import shared_task

from applications import no_ghosting, pipeline_actions, responsiveness, services


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


@shared_task
def run_pipeline_action(action_id: int) -> bool:
    """A long pipeline action (bulk "not selected", CSV export), claimed by id; a second
    delivery of the same task does nothing (applications/pipeline_actions.py)."""
    return pipeline_actions.action_run(action_id=action_id)


@shared_task
def pipeline_actions_upkeep() -> dict[str, int]:
    """Beat: queue again actions whose task was lost or whose worker died, and delete the
    actions (and export files) finished more than 7 days ago."""
    return {
        "resumed": pipeline_actions.actions_resume_stalled(),
        "purged": pipeline_actions.actions_purge_old(),
    }
