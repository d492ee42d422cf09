"""Emails of the employers app. Tasks take ids and are idempotent (the services claim the work
with a conditional UPDATE); the sweeps re-queue what a broker outage left behind."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from employers.models import Invitation, UpgradeRequest
from employers.services import invitation_send_email, upgrade_request_notify

SWEEP_GRACE = timedelta(minutes=5)
SWEEP_BATCH = 500


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int) -> bool:
    """Email one team invitation (once per send or resend)."""
    return invitation_send_email(invitation_id=invitation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_upgrade_request(request_id: int) -> int:
    """Email staff about one upgrade request and confirm it to the requester (once each)."""
    return upgrade_request_notify(request_id=request_id)


@shared_task
def send_pending_invitations() -> int:
    """Sweep: re-queue invitations whose email never went out (e.g. Redis was down)."""
    stale = timezone.now() - SWEEP_GRACE
    ids = list(
        Invitation.objects.awaiting_email()
        .filter(created_at__lt=stale)
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for invitation_id in ids:
        send_invitation.delay(invitation_id)
    return len(ids)


@shared_task
def notify_pending_upgrade_requests() -> int:
    """Sweep: re-queue upgrade requests whose emails never went out."""
    stale = timezone.now() - SWEEP_GRACE
    ids = list(
        UpgradeRequest.objects.awaiting_notification()
        .filter(created_at__lt=stale)
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for request_id in ids:
        notify_upgrade_request.delay(request_id)
    return len(ids)
