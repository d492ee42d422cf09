import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.staff import staff_recipients
from infra.queueing import enqueue_on_commit
from pages.models import ContactMessage

logger = logging.getLogger(__name__)


@transaction.atomic
def contact_message_submit(*, name: str, email: str, topic: str, message: str, ip_address=None):
    """Store a contact message and queue the staff notification once it is committed."""
    from pages.tasks import notify_staff_of_contact_message

    contact = ContactMessage.objects.create(
        name=name, email=email, topic=topic, message=message, ip_address=ip_address
    )
    enqueue_on_commit(notify_staff_of_contact_message, contact.pk)
    return contact


NOTIFY_CLAIM_LEASE = timedelta(minutes=10)


def contact_message_notify_staff(*, message_id: int) -> bool:
    """Email staff about a contact message once; returns False if there was nothing to do.

    The message is claimed (with a lease) before the email goes out and marked notified after,
    so overlapping tasks send it once and a worker that dies mid-way leaves it for the sweep.
    With no staff inbox configured yet, the message simply waits."""
    recipients = staff_recipients()
    if not recipients:
        logger.warning("No staff inbox for contact message %s; it waits for the sweep", message_id)
        return False
    now = timezone.now()
    claimed = (
        ContactMessage.objects.awaiting_notification()
        .filter(pk=message_id)
        .filter(
            Q(staff_notify_claimed_at__isnull=True)
            | Q(staff_notify_claimed_at__lt=now - NOTIFY_CLAIM_LEASE)
        )
        .update(staff_notify_claimed_at=now)
    )
    if not claimed:
        return False
    contact = ContactMessage.objects.get(pk=message_id)
    context = {"contact": contact, "site_url": settings.SITE_URL}
    subject = render_to_string("pages/email/contact_subject.txt", context).strip()
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("pages/email/contact.txt", context),
        to=recipients,
        reply_to=[contact.email],
    )
    email.attach_alternative(render_to_string("pages/email/contact.html", context), "text/html")
    try:
        email.send()
    except Exception:
        # Give the claim back so that a retry or the periodic sweep sends it later.
        ContactMessage.objects.filter(pk=message_id).update(staff_notify_claimed_at=None)
        raise
    ContactMessage.objects.filter(pk=message_id).update(staff_notified_at=timezone.now())
    return True
