"""The contact form: storing messages, emailing staff exactly once, spam and rate limits."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from kombu.exceptions import OperationalError

from notifications.delivery import deliver_due
from notifications.models import Notification
from notifications.tasks import deliver_due as deliver_due_task
from pages.models import ContactMessage
from pages.services import contact_message_notify_staff, contact_message_submit
from tests.factories import StaffEditorFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTACT = "/contact/"
THANKS = "Thank you. Your message reached our team"
RATE_LIMITED = "You have sent several messages in a short time."
STAFF_INBOX = ["team@healthcareers.test"]


class BrokenMailServer(BaseEmailBackend):
    """The outside world failing: every send raises, as an unreachable SMTP server does."""

    def send_messages(self, email_messages):
        raise SMTPException("connection refused")


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    settings.STAFF_NOTIFICATION_EMAILS = STAFF_INBOX


def message_data(**overrides):
    return {
        "name": "Jane Applicant",
        "email": "jane@example.com",
        "topic": ContactMessage.Topic.GHOSTING,
        "message": "Sunpath never answered my application for the RN night shift.",
        "website": "",
        **overrides,
    }


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the form and run what the view queued for after the commit, as in production."""

    def post(data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CONTACT, message_data() if data is None else data, **extra)

    return post


def store_message(**overrides):
    """A message and its outbox rows, stored without running delivery (as when the broker was
    down)."""
    fields = {k: v for k, v in message_data(**overrides).items() if k != "website"}
    return contact_message_submit(**fields)


# The form ----------------------------------------------------------------------------------


def test_contact_page_shows_the_form(client):
    response = client.get(CONTACT)

    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name", "email", "topic", "message", "website"):
        assert f'name="{field}"' in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_contact_form_is_prefilled_for_a_signed_in_user(client, candidate):
    client.force_login(candidate)

    html = client.get(CONTACT).content.decode()

    assert 'value="Casey Candidate"' in html
    assert 'value="candidate@example.com"' in html


# Sending a message -------------------------------------------------------------------------


def test_valid_message_is_stored_and_the_sender_thanked(submit, client):
    response = submit()

    assert response.status_code == 302
    assert response["Location"] == CONTACT
    contact = ContactMessage.objects.get()
    assert contact.name == "Jane Applicant"
    assert contact.email == "jane@example.com"
    assert contact.topic == ContactMessage.Topic.GHOSTING
    assert contact.message == message_data()["message"]
    assert contact.ip_address == "127.0.0.1"
    assert THANKS in client.get(CONTACT).content.decode()


def test_valid_message_is_emailed_to_staff_once_with_reply_to_the_sender(submit, mailoutbox):
    submit()

    contact = ContactMessage.objects.get()
    assert Notification.objects.get().status == Notification.Status.SENT
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == STAFF_INBOX
    assert email.reply_to == ["Jane Applicant <jane@example.com>"]
    assert "Report an employer that didn't respond" in email.subject
    assert "Jane Applicant" in email.subject
    assert "RN night shift" in email.body
    assert f"/admin/pages/contactmessage/{contact.pk}/change/" in email.body
    ((html, mimetype),) = email.alternatives
    assert mimetype == "text/html"
    assert "RN night shift" in html
    assert "Jane Applicant &lt;jane@example.com&gt;" in html
    assert "staff inbox" in html and "staff inbox" in email.body  # why they got it


def test_a_newline_in_the_name_cannot_break_the_email(submit, mailoutbox):
    submit(message_data(name="Jane\r\nBcc: victim@example.com"))

    (email,) = mailoutbox
    assert email.subject.endswith("from Jane Bcc: victim@example.com")
    assert email.reply_to == ['"Jane Bcc: victim@example.com" <jane@example.com>']
    assert email.recipients() == STAFF_INBOX
    assert email.message()["Bcc"] is None
    assert Notification.objects.get().status == Notification.Status.SENT


def test_message_text_is_escaped_in_the_html_email(submit, mailoutbox):
    submit(message_data(message="<script>alert('x')</script> please call me back"))

    ((html, _),) = mailoutbox[0].alternatives
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_plain_text_email_and_subject_are_not_html_escaped(submit, mailoutbox):
    submit(message_data(name="Seán O'Neil", message='Is "per diem" work & travel pay <listed>?'))

    email = mailoutbox[0]
    assert email.subject.endswith("from Seán O'Neil")
    assert "\n" not in email.subject
    assert "From: Seán O'Neil <jane@example.com>" in email.body
    assert 'Is "per diem" work & travel pay <listed>?' in email.body
    assert "&#x27;" not in email.body + email.subject
    assert "&amp;" not in email.body


def test_without_a_configured_inbox_active_staff_get_the_email(submit, settings, mailoutbox):
    settings.STAFF_NOTIFICATION_EMAILS = []
    StaffEditorFactory(email="editor@example.com")
    StaffEditorFactory(email="gone@example.com", is_active=False)
    UserFactory(email="not-staff@example.com")

    submit()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["editor@example.com"]


def test_notifying_staff_a_second_time_sends_nothing(submit, mailoutbox):
    submit()
    contact = ContactMessage.objects.get()

    assert contact_message_notify_staff(contact=contact) == 0
    deliver_due_task.delay()

    assert len(mailoutbox) == 1
    assert Notification.objects.count() == 1


def test_without_any_staff_inbox_the_message_is_kept_for_admin(submit, settings, mailoutbox):
    settings.STAFF_NOTIFICATION_EMAILS = []

    assert submit().status_code == 302

    assert ContactMessage.objects.count() == 1
    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_failed_email_stays_in_the_outbox_for_a_retry(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.test_contact.BrokenMailServer"
    contact = store_message()

    assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}

    row = Notification.objects.get()
    assert row.about == contact
    assert row.status == Notification.Status.PENDING
    assert "connection refused" in row.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timedelta(minutes=2)):
        assert deliver_due()["sent"] == 1
    assert len(mailoutbox) == 1


# Spam --------------------------------------------------------------------------------------


def test_filled_honeypot_is_thanked_but_nothing_is_stored_or_sent(submit, client, mailoutbox):
    response = submit(message_data(website="https://cheap-pills.example"))

    assert response.status_code == 302
    assert THANKS in client.get(CONTACT).content.decode()
    assert ContactMessage.objects.count() == 0
    assert mailoutbox == []


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "kept"),
    [
        ({"name": ""}, "name", 'value="jane@example.com"'),
        ({"email": "jane@"}, "email", 'value="jane@"'),
        ({"email": ""}, "email", 'value="Jane Applicant"'),
        ({"message": "Help!"}, "message", "Help!</textarea>"),
        ({"message": "   too short   "}, "message", 'value="Jane Applicant"'),
        ({"topic": "free-money"}, "topic", 'value="Jane Applicant"'),
        ({"name": "x" * 121}, "name", 'value="jane@example.com"'),
    ],
    ids=[
        "missing-name",
        "invalid-email",
        "missing-email",
        "message-too-short",
        "message-only-padding",
        "unknown-topic",
        "name-too-long",
    ],
)
def test_bad_input_is_refused_with_errors_and_keeps_what_was_typed(
    submit, mailoutbox, overrides, field, kept
):
    response = submit(message_data(**overrides))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert kept in html
    assert ContactMessage.objects.count() == 0
    assert mailoutbox == []


def test_too_short_message_explains_what_is_needed(submit):
    response = submit(message_data(message="Help!"))

    assert "Please write at least a sentence so we can help." in response.content.decode()


# Rate limit (CONTACT_RATE_LIMIT, 5 per hour per IP) ------------------------------------------


def test_sixth_message_within_the_hour_is_refused_and_keeps_the_form(submit, mailoutbox):
    for n in range(5):
        assert submit(message_data(name=f"Sender {n}")).status_code == 302

    response = submit(message_data(name="Sender six"))

    assert response.status_code == 429
    html = response.content.decode()
    assert RATE_LIMITED in html
    assert "Please wait an hour" in html
    assert 'value="Sender six"' in html
    assert 'value="jane@example.com"' in html
    assert "RN night shift" in html
    assert ContactMessage.objects.count() == 5
    assert not ContactMessage.objects.filter(name="Sender six").exists()
    assert len(mailoutbox) == 5


def test_rate_limit_counts_per_ip(submit):
    for _ in range(5):
        submit()

    response = submit(REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert ContactMessage.objects.filter(ip_address="203.0.113.9").count() == 1


def test_rate_limit_lifts_after_an_hour(submit):
    for _ in range(5):
        submit()
    assert submit().status_code == 429

    with time_machine.travel(timedelta(hours=1, minutes=1)):
        response = submit()

    assert response.status_code == 302
    assert ContactMessage.objects.count() == 6


def test_rate_limit_follows_the_setting(submit, settings):
    settings.CONTACT_RATE_LIMIT = "2/h"

    assert [submit().status_code for _ in range(3)] == [302, 302, 429]


# Broker outages ----------------------------------------------------------------------------


def test_broker_outage_still_accepts_the_message_and_the_periodic_run_sends_it_later(
    submit, client, monkeypatch, mailoutbox
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis. Connection refused.")

    monkeypatch.setattr(deliver_due_task, "delay", broker_down)

    response = submit()

    assert response.status_code == 302
    assert THANKS in client.get(CONTACT).content.decode()
    assert ContactMessage.objects.count() == 1
    assert Notification.objects.get().status == Notification.Status.PENDING
    assert mailoutbox == []

    monkeypatch.undo()  # the broker is back: beat runs the delivery every minute
    deliver_due_task.delay()

    assert len(mailoutbox) == 1
    assert Notification.objects.get().status == Notification.Status.SENT
    deliver_due_task.delay()
    assert len(mailoutbox) == 1


def test_submit_service_queues_the_email_only_after_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        contact = contact_message_submit(
            name="Jane", email="jane@example.com", topic="other", message="A question about pay."
        )

    assert mailoutbox == []
    assert Notification.objects.get().about == contact  # written in the same transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1


def test_post_without_a_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post(CONTACT, message_data())

    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0


def test_the_contact_form_offers_a_security_topic(client):
    # SECURITY.md sends reporters here.
    page = client.get("/contact/").content.decode()

    assert 'value="security"' in page and "Report a security problem" in page
