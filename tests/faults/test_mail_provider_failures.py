"""A mail provider that hangs or refuses with a temporary error: the worker is not held (an
SMTP timeout is set), each refused email is retried with backoff (1, 2, 4 s here), and in
the end every email is accepted by the server once, none lost."""

import time
from collections import Counter

import pytest

from notifications.delivery import message_id
from notifications.models import Notification
from tests.faults.processes import FakeSMTP
from tests.notifications.factories import NotificationFactory

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp():
    # First connection: greeting never comes. Next two: "451 try again later" at DATA.
    server = FakeSMTP(plan=["hang", "451", "451"])
    yield server
    server.close()


def test_a_hanging_then_refusing_mail_server_gets_every_email_once_after_backoff(
    smtp, start_worker, beat, capsys
):
    rows = NotificationFactory.create_batch(3)
    start_worker(EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}", EMAIL_TIMEOUT="3")
    outbox = Notification.objects.filter(pk__in=[row.pk for row in rows])

    started = time.monotonic()
    deadline = started + 90
    while outbox.exclude(status=Notification.Status.SENT).exists():
        assert time.monotonic() < deadline, list(outbox.values("status", "attempts", "last_error"))
        assert not outbox.filter(status=Notification.Status.FAILED).exists()
        beat.send("notifications.tasks.deliver_due")  # beat, every minute in production
        time.sleep(0.5)
    took = time.monotonic() - started

    accepted = Counter(smtp.accepted_message_ids())
    assert set(accepted) == {message_id(row) for row in rows}, "an email was lost"
    assert max(accepted.values()) == 1, "an email was accepted twice"
    attempts = sorted(outbox.values_list("attempts", flat=True))
    # One connection per delivery run: hang (timeout), 451, 451, then accepted, so four tries
    # each, with waits of 1, 2 and 4 s between them.
    assert min(attempts) >= 4, (attempts, smtp.connections)
    assert smtp.connections[:3] == ["hang", "451", "451"], smtp.connections
    assert took >= 1 + 2 + 4, "the retries did not back off"
    with capsys.disabled():
        print(
            f"\nMail server hung once (EMAIL_TIMEOUT 3 s) then answered 451 twice: "
            f"{len(accepted)} of {len(rows)} emails accepted once each after "
            f"{sum(attempts) - len(rows)} retries ({smtp.connections}), in {took:.1f} s; "
            "0 lost, 0 duplicated"
        )
