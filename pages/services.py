import logging

from django.conf import settings
from django.db import transaction

from accounts.staff import staff_recipients
from notifications.services import notify_many
from pages.models import ContactMessage

logger = logging.getLogger(__name__)

CONTACT_KIND = "pages.contact"


@transaction.atomic
def contact_message_submit(*, name: str, email: str, topic: str, message: str, ip_address=None):
    """Store a contact message and, in the same transaction, the staff inbox's emails about it
    (one outbox row per address, once per message)."""
    contact = ContactMessage.objects.create(
        name=name, email=email, topic=topic, message=message, ip_address=ip_address
    )
    contact_message_notify_staff(contact=contact)
    return contact


def contact_message_notify_staff(*, contact: ContactMessage) -> int:
    """Queue the staff inbox's email about `contact` (a second call for the same message adds
    nothing). Returns how many outbox rows were written."""
    recipients = staff_recipients()
    if not recipients:
        logger.warning("No staff inbox for contact message %s; it is only in admin", contact.pk)
        return 0
    return notify_many(
        to=recipients,
        kind=CONTACT_KIND,
        key=f"{CONTACT_KIND}:contactmessage:{contact.pk}",
        template="pages/email/contact",
        context={
            "contact": contact,
            "admin_url": f"{settings.SITE_URL}/admin/pages/contactmessage/{contact.pk}/change/",
        },
        about=contact,
        # The name goes into a header: the outbox quotes it and strips newlines from it.
        reply_to=[(contact.name, contact.email)],
    )
