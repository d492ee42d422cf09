"""Contact notifications: who gets them, and a proxy in front."""

import pytest

from notifications.models import Notification
from pages.models import ContactMessage
from pages.services import contact_message_submit
from tests.factories import StaffEditorFactory

pytestmark = pytest.mark.django_db


def submit_message():
    return contact_message_submit(
        name="Jo", email="jo@example.com", topic="other", message="Please call me back about a job."
    )


def test_with_no_staff_inbox_the_message_is_stored_without_an_email(settings, caplog):
    settings.STAFF_NOTIFICATION_EMAILS = []

    message = submit_message()

    assert ContactMessage.objects.get() == message
    assert Notification.objects.count() == 0
    assert "No staff inbox" in caplog.text


def test_each_staff_address_gets_its_own_outbox_row(settings):
    settings.STAFF_NOTIFICATION_EMAILS = []
    StaffEditorFactory(email="desk@example.com")
    StaffEditorFactory(email="second@example.com")

    message = submit_message()

    rows = Notification.objects.order_by("to_email")
    assert [row.to_email for row in rows] == ["desk@example.com", "second@example.com"]
    assert {row.key for row in rows} == {
        f"pages.contact:contactmessage:{message.pk}:to:desk@example.com",
        f"pages.contact:contactmessage:{message.pk}:to:second@example.com",
    }


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
