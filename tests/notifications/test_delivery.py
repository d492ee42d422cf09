"""Delivering the outbox: once per row whatever overlaps, crashes and retries; backoff and the
attempt limit; a broken row never blocks the others."""

import smtplib
import threading
from datetime import timedelta
from smtplib import SMTPException

import pytest
import time_machine
from django.core import mail
from django.core.mail import BadHeaderError
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from config.celery import app as celery_app
from notifications.delivery import (
    _record_failure,
    build_message,
    claim_due,
    deliver_due,
    is_permanent,
    retry_delay,
)
from notifications.models import Notification
from notifications.tasks import deliver_due as deliver_due_task
from tests.notifications.factories import NotificationFactory

S = Notification.Status


class FlakyMailServer(BaseEmailBackend):
    """Refuses every message whose subject contains "flaky", as a server that keeps timing out;
    sends the others to the locmem outbox."""

    def send_messages(self, messages):
        for message in messages:
            if "flaky" in message.subject:
                raise SMTPException("timed out")
            mail.outbox.append(message)
        return len(messages)


class RefusingMailServer(BaseEmailBackend):
    """Django's own refusal of a header with a newline, whatever the message."""

    def send_messages(self, messages):
        raise BadHeaderError("Header values can't contain newlines")


def sent_subjects():
    return [message.subject for message in mail.outbox]


# Once per row -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_deliveries_send_each_row_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    rows = NotificationFactory.create_batch(12)
    start = threading.Barrier(2)
    outcomes = []

    def worker():
        try:
            start.wait()
            outcomes.append(deliver_due(batch_size=1))
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(outcome["sent"] for outcome in outcomes) == 12
    assert sorted(sent_subjects()) == sorted(row.subject for row in rows)
    assert set(Notification.objects.values_list("status", flat=True)) == {S.SENT}


@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_rows_another_worker_has_locked_without_waiting():
    rows = NotificationFactory.create_batch(4)
    locked = {rows[0].pk, rows[1].pk}
    claimed = []

    def other_worker():
        try:
            claimed.extend(row.pk for row in claim_due(limit=10))
        finally:
            connection.close()

    with transaction.atomic():  # this worker is in the middle of its claim
        list(Notification.objects.filter(pk__in=locked).select_for_update())
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive(), "the second claim waited for the lock"

    assert set(claimed) == {rows[2].pk, rows[3].pk}


@pytest.mark.django_db
def test_running_the_task_again_sends_nothing_twice(mailoutbox):
    NotificationFactory(subject="Once")

    deliver_due_task.delay()
    deliver_due_task.delay()
    deliver_due()

    assert sent_subjects() == ["Once"]
    row = Notification.objects.get()
    assert (row.status, row.attempts) == (S.SENT, 1)
    assert row.sent_at is not None and row.leased_until is None


@pytest.mark.django_db
def test_a_row_claimed_by_a_worker_that_died_is_sent_once_its_lease_runs_out(mailoutbox, settings):
    settings.NOTIFICATIONS_LEASE_SECONDS = 600
    NotificationFactory(subject="Orphaned")
    claim_due(limit=10)  # the worker claimed it, then was killed before sending

    assert deliver_due()["sent"] == 0  # still leased to the dead worker
    with time_machine.travel(timezone.now() + timedelta(minutes=9)):
        assert deliver_due()["sent"] == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert deliver_due()["sent"] == 1
        assert deliver_due()["sent"] == 0

    assert sent_subjects() == ["Orphaned"]
    assert Notification.objects.get().attempts == 2


@pytest.mark.django_db
def test_a_row_whose_worker_dies_on_every_attempt_fails_after_the_limit(settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    NotificationFactory()
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        for _ in range(3):
            assert len(claim_due(limit=1)) == 1  # and the worker is killed
            clock.shift(timedelta(minutes=11))
        assert claim_due(limit=1) == []

    row = Notification.objects.get()
    assert (row.status, row.attempts) == (S.FAILED, 3)
    assert "stopped on every attempt" in row.last_error


@pytest.mark.django_db
def test_the_dead_workers_late_outcome_does_not_overwrite_the_takeover(mailoutbox):
    NotificationFactory()
    [stale] = claim_due(limit=1)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        deliver_due()

    _record_failure(stale, SMTPException("late"))  # the old worker wakes up and reports

    assert Notification.objects.get().status == S.SENT


# Retries ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_failed_send_is_retried_with_exponential_backoff_then_marked_failed(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FlakyMailServer"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 4
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    row = NotificationFactory(subject="flaky server")
    now = timezone.now()
    waits = []

    with time_machine.travel(now, tick=False) as clock:
        for _ in range(3):
            assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
            row.refresh_from_db()
            waits.append(row.next_attempt_at - timezone.now())
            clock.move_to(row.next_attempt_at - timedelta(seconds=1))
            assert deliver_due()["retry"] == 0  # not due before its time
            clock.move_to(row.next_attempt_at)
        assert deliver_due() == {"sent": 0, "retry": 0, "failed": 1}

    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    row.refresh_from_db()
    assert (row.status, row.attempts) == (S.FAILED, 4)
    assert "timed out" in row.last_error
    with time_machine.travel(now + timedelta(days=1)):
        assert deliver_due() == {"sent": 0, "retry": 0, "failed": 0}  # it stops for good


def test_backoff_is_capped_at_six_hours(settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    assert retry_delay(1) == timedelta(minutes=1)
    assert retry_delay(5) == timedelta(minutes=16)
    assert retry_delay(30) == timedelta(hours=6)


@pytest.mark.django_db
def test_a_message_the_mail_library_refuses_fails_at_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.RefusingMailServer"
    NotificationFactory()

    assert deliver_due() == {"sent": 0, "retry": 0, "failed": 1}

    row = Notification.objects.get()
    assert (row.status, row.attempts) == (S.FAILED, 1)
    assert "BadHeaderError" in row.last_error


@pytest.mark.django_db
def test_a_newline_stored_in_a_header_cannot_break_delivery(mailoutbox):
    NotificationFactory(
        subject="Contact form: Other from Jo\r\nBcc: everyone@example.com",
        reply_to=['"Jo\nX" <jo@example.com>'],
        headers={"X-Tag\n": "a\r\nb"},
    )

    assert deliver_due()["sent"] == 1

    [message] = mailoutbox
    assert message.subject == "Contact form: Other from Jo Bcc: everyone@example.com"
    assert message.reply_to == ['"Jo X" <jo@example.com>']
    assert message.extra_headers["X-Tag"] == "a b"
    assert set(message.extra_headers) == {"X-Tag", "Message-ID"}
    assert message.message()["Bcc"] is None


@pytest.mark.django_db
def test_failing_rows_do_not_starve_the_others_and_the_oldest_go_first(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.FlakyMailServer"
    now = timezone.now()
    for minutes, subject in [(30, "oldest flaky"), (20, "older"), (10, "newer"), (5, "flaky 2")]:
        NotificationFactory(subject=subject, next_attempt_at=now - timedelta(minutes=minutes))

    outcome = deliver_due(batch_size=1)

    assert outcome == {"sent": 2, "retry": 2, "failed": 0}
    assert sent_subjects() == ["older", "newer"]


# Scheduling ---------------------------------------------------------------------------------


def test_delivery_runs_every_minute_and_no_old_sweep_is_left():
    schedule = celery_app.conf.beat_schedule
    tasks = {entry["task"] for entry in schedule.values()}

    assert "notifications.tasks.deliver_due" in tasks
    entry = next(e for e in schedule.values() if e["task"] == "notifications.tasks.deliver_due")
    assert entry["schedule"].minute == set(range(60))
    assert not [task for task in tasks if "pending" in task]  # the per-app re-queue sweeps


@pytest.mark.parametrize(
    "error, permanent",
    [
        (smtplib.SMTPDataError(451, b"4.3.0 Try again later"), False),
        (smtplib.SMTPDataError(554, b"5.7.1 Message rejected"), True),
        (smtplib.SMTPSenderRefused(421, b"Too busy", "hello@healthcareers.test"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"Mailbox busy")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such user")}), True),
        (TimeoutError("timed out"), False),
        (BadHeaderError("newline"), True),
    ],
)
def test_a_temporary_smtp_refusal_is_retried_and_a_permanent_one_is_not(error, permanent):
    assert is_permanent(error) is permanent


@pytest.mark.django_db
def test_a_451_at_data_is_retried_later_not_failed(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_delivery.GreylistingMailServer"
    row = NotificationFactory()

    outcome = deliver_due()

    row.refresh_from_db()
    assert outcome == {"sent": 0, "retry": 1, "failed": 0}
    assert row.status == S.PENDING and "451" in row.last_error


class GreylistingMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPDataError(451, b"4.7.1 Greylisted, try again later")


@pytest.mark.django_db
def test_every_attempt_of_a_row_carries_the_same_message_id(mailoutbox):
    row = NotificationFactory()
    first = build_message(row).message()["Message-ID"]

    assert build_message(row).message()["Message-ID"] == first
    assert first.startswith(f"<n.{row.pk}.") and first.endswith("@healthcareers.test>")
    assert first != build_message(NotificationFactory()).message()["Message-ID"]
