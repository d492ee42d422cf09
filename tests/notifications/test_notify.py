"""The write side: notify() renders, stores once per key, and queues delivery after commit."""

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from notifications.models import Notification
from notifications.rendering import header_safe
from notifications.services import Recipient, notify, notify_many
from notifications.tasks import deliver_due as deliver_due_task
from pages.models import ContactMessage
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "pages/email/contact"


@pytest.fixture
def contact(db):
    return ContactMessage.objects.create(
        name="Jo", email="jo@example.com", topic="other", message="Do you list travel jobs?"
    )


def context(contact):
    return {"contact": contact, "admin_url": "https://example.test/admin/"}


def test_notify_renders_subject_text_and_html_with_the_site_and_a_footer(contact):
    assert notify(
        to="desk@example.com",
        kind="pages.contact",
        key="test:1",
        template=TEMPLATE,
        context=context(contact),
        about=contact,
    )

    row = Notification.objects.get()
    assert row.subject == "Contact form: Something else from Jo"
    assert "Do you list travel jobs?" in row.body_text
    assert "Do you list travel jobs?" in row.body_html
    for part in (row.body_text, row.body_html):
        assert "healthcareers" in part  # the site's name
        assert "You got this email because" in part
        assert "https://example.test/admin/" in part  # the one action
    assert (row.status, row.attempts, row.about) == (Notification.Status.PENDING, 0, contact)


def test_the_same_key_twice_is_one_row_and_one_email(
    contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            to="desk@example.com", kind="k", key="same", template=TEMPLATE, context=context(contact)
        )
        again = notify(
            to="desk@example.com", kind="k", key="same", template=TEMPLATE, context=context(contact)
        )

    assert (first, again) == (True, False)
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_key_written_by_a_concurrent_transaction_is_not_written_again(contact):
    """The count check and the insert are not atomic; the unique key is what decides."""
    rows = [
        Notification(key="race:to:a@example.com", kind="k", to_email="a@example.com", subject="s")
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    Notification.objects.bulk_create(
        [
            Notification(
                key="race:to:a@example.com", kind="k", to_email="a@example.com", subject="t"
            )
        ],
        ignore_conflicts=True,
    )

    assert Notification.objects.get().subject == "s"


def test_notify_many_writes_one_row_per_recipient_keyed_by_address(contact):
    user = CandidateFactory(email="casey@example.com")
    written = notify_many(
        to=[Recipient("casey@example.com", user.pk), "desk@example.com", "DESK@example.com", ""],
        kind="k",
        key="cause:1",
        template=TEMPLATE,
        context=context(contact),
    )

    assert written == 2
    rows = {row.key: row for row in Notification.objects.all()}
    assert set(rows) == {"cause:1:to:casey@example.com", "cause:1:to:desk@example.com"}
    assert rows["cause:1:to:casey@example.com"].user == user
    assert notify_many(to=["desk@example.com"], kind="k", key="cause:1", template=TEMPLATE,
                       context=context(contact)) == 0  # fmt: skip


def test_a_rolled_back_cause_leaves_no_email(
    contact, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(to="a@example.com", kind="k", key="k:1", template=TEMPLATE, context=context(contact))
        raise RuntimeError("the change that caused it failed")

    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_with_redis_down_the_row_is_stored_and_the_caller_carries_on(
    contact, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(deliver_due_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notify(to="a@example.com", kind="k", key="k:1", template=TEMPLATE, context=context(contact))

    assert Notification.objects.get().status == Notification.Status.PENDING
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("Jo\r\nBcc: x@example.com", "Jo Bcc: x@example.com"),
        ("tab\tand\x00nul\x7fdel", "tab and nul del"),
        ("line\u2028separator", "line separator"),
        ("  plain  ", "plain"),
    ],
)
def test_header_values_lose_every_control_character(value, safe):
    assert header_safe(value) == safe


def test_a_large_batch_goes_in_by_copy_as_bulk_create_would_write_it(
    contact, monkeypatch, django_capture_on_commit_callbacks
):
    """From COPY_FROM rows on, queue_notifications copies them in; the rows are the same as
    bulk_create's, and a key a concurrent transaction wrote in between is left alone."""
    import notifications.services as services

    user = CandidateFactory()
    rows = services.build_notifications(
        to=[Recipient(f"p{n}@example.com", user.pk if n == 0 else None) for n in range(5)],
        kind="k",
        key="batch",
        template=TEMPLATE,
        context=context(contact),
        about=contact,
        reply_to=[('Jo, "Nurse"', "jo@example.com")],
        headers={"List-Unsubscribe": "<https://example.test/u/>"},
    )
    # Written by "another transaction" after queue_notifications looked for existing keys.
    racing = Notification(key=rows[1].key, kind="k", to_email="p1@example.com", subject="first")
    copy_new = services._copy_new

    def race_then_copy(batch):
        Notification.objects.bulk_create([racing])
        copy_new(batch)

    monkeypatch.setattr(services, "COPY_FROM", 3)
    monkeypatch.setattr(services, "_copy_new", race_then_copy)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert services.queue_notifications(rows) == 5

    stored = {row.key: row for row in Notification.objects.all()}
    assert len(stored) == 5 and stored[rows[1].key].subject == "first"
    copied = stored[rows[0].key]
    assert copied.user_id == user.pk and copied.about == contact
    assert copied.reply_to == ['"Jo, \\"Nurse\\"" <jo@example.com>']
    assert copied.headers == {"List-Unsubscribe": "<https://example.test/u/>"}
    assert (copied.subject, copied.body_text, copied.body_html) == (
        rows[0].subject,
        rows[0].body_text,
        rows[0].body_html,
    )
    assert copied.status == Notification.Status.PENDING and copied.next_attempt_at is not None
    assert len(queued) == 1
