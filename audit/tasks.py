from celery import shared_task

from audit.services import audit_events_purge


@shared_task
def purge_old_audit_events() -> int:
    """Daily: the retention of the audit trail (AUDIT_RETENTION_DAYS). Idempotent."""
    return audit_events_purge()
