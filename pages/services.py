from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.staff import staff_recipients
from config.queueing import enqueue_on_commit
from pages.models import ContactMessage


@transaction.atomic
def contact_message_submit(*, name: str, email: str, topic: str, message: str, ip_address=None):
    """Store a contact message and queue the staff notification once it is committed."""
    from pages.tasks import notify_staff_of_contact_message

    contact = ContactMessage.objects.create(
        name=name, email=email, topic=topic, message=message, ip_address=ip_address
    )
    enqueue_on_commit(notify_staff_of_contact_message, contact.pk)
    return contact


def contact_message_notify_staff(*, message_id: int) -> bool:
    """Email staff about a contact message exactly once; returns False if already done."""
    claimed = ContactMessage.objects.filter(pk=message_id, staff_notified_at__isnull=True).update(
        staff_notified_at=timezone.now()
    )
    if not claimed:
        return False
    contact = ContactMessage.objects.get(pk=message_id)
    recipients = staff_recipients()
    if not recipients:
        return True
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
        ContactMessage.objects.filter(pk=message_id).update(staff_notified_at=None)
        raise
    return True
