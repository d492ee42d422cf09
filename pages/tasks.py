from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from pages.models import ContactMessage
from pages.services import contact_message_notify_staff


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_staff_of_contact_message(message_id: int) -> bool:
    """Email staff about one contact message (idempotent: claims the message first)."""
    return contact_message_notify_staff(message_id=message_id)


@shared_task
def notify_staff_of_pending_contact_messages() -> int:
    """Sweep: re-queue messages whose notification never ran (e.g. Redis was down at the time)."""
    stale = timezone.now() - timedelta(minutes=5)
    ids = list(
        ContactMessage.objects.awaiting_notification()
        .filter(created_at__lt=stale)
        .values_list("pk", flat=True)[:500]
    )
    for message_id in ids:
        notify_staff_of_contact_message.delay(message_id)
    return len(ids)
