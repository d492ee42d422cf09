"""Contact notifications are never lost: no inbox yet, a dead worker, a proxy in front."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from pages.models import ContactMessage
from pages.services import contact_message_notify_staff
from tests.factories import StaffEditorFactory

pytestmark = pytest.mark.django_db


def make_message(**fields):
    return ContactMessage.objects.create(
        name="Jo", email="jo@example.com", message="Please call me back about a job.", **fields
    )


def test_message_waits_while_no_staff_inbox_exists(mailoutbox, settings):
    settings.STAFF_NOTIFICATION_EMAILS = []
    message = make_message()
    assert contact_message_notify_staff(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.staff_notified_at is None

    StaffEditorFactory(email="desk@example.com")
    assert contact_message_notify_staff(message_id=message.pk) is True
    assert mailoutbox[0].to == ["desk@example.com"]


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_after_the_lease(mailoutbox, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["desk@example.com"]
    message = make_message(staff_notify_claimed_at=timezone.now())

    assert contact_message_notify_staff(message_id=message.pk) is False  # someone holds it
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert contact_message_notify_staff(message_id=message.pk) is True
    assert len(mailoutbox) == 1


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_recorded(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/contact/",
        {"name": "Jo", "email": "jo@example.com", "topic": "other",
         "message": "Please call me back about a job."},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9",
    )  # fmt: skip
    assert ContactMessage.objects.get().ip_address == "203.0.113.9"


def test_rate_limit_is_per_forwarded_client_not_per_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONTACT_RATE_LIMIT = "1/h"
    data = {"name": "Jo", "email": "jo@example.com", "topic": "other",
            "message": "Please call me back about a job."}  # fmt: skip
    first = client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1")
    other = client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="2.2.2.2")
    again = client.post("/contact/", data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert (first.status_code, other.status_code, again.status_code) == (302, 302, 429)
