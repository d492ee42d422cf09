"""Delivering the outbox: claim due rows, send them, record the outcome.

Any number of workers on any number of machines may run this at once. Rows are claimed in a
short transaction with SELECT ... FOR UPDATE SKIP LOCKED (status "sending" plus a lease), and
sent after that transaction has committed, so a slow mail server holds no lock. A worker that
dies mid-send leaves its rows "sending"; once the lease runs out they are due again.
"""

import hashlib
import logging
import smtplib
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import Notification
from notifications.rendering import header_safe

logger = logging.getLogger(__name__)
Status = Notification.Status

# Errors that no retry can fix: the message itself is unsendable.
PERMANENT_ERRORS = (BadHeaderError, UnicodeError)
# The server's verdict on the message: permanent when it answered 5xx, but a 4xx ("451 try
# again later", greylisting, a full queue) is a temporary refusal and is retried.
SMTP_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def is_permanent(error: Exception) -> bool:
    if isinstance(error, PERMANENT_ERRORS):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, SMTP_REFUSALS):
        return error.smtp_code >= 500
    return False


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the `attempts`-th failed try: base, 2 x base, 4 x base..."""
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 60 * 60))


def claim_due(*, limit: int, now=None) -> list[Notification]:
    """Take up to `limit` due rows, the longest-waiting first, for this worker."""
    now = now or timezone.now()
    lease_end = now + timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)
    with transaction.atomic():
        ids = list(
            Notification.objects.due(now)
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return []
        rows = list(Notification.objects.filter(pk__in=ids).order_by("next_attempt_at", "pk"))
        claimed, abandoned = [], []
        for row in rows:
            if row.status == Status.SENDING and row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                # Its worker died on every try (a message that kills the worker?): stop here.
                abandoned.append(row.pk)
                continue
            row.status = Status.SENDING
            row.attempts += 1
            row.leased_until = row.next_attempt_at = lease_end
            claimed.append(row)
        # One UPDATE for the batch (bulk_update's CASE per row cost 2 ms a row).
        Notification.objects.filter(pk__in=[row.pk for row in claimed]).update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            leased_until=lease_end,
            next_attempt_at=lease_end,
        )
        if abandoned:
            Notification.objects.filter(pk__in=abandoned).update(
                status=Status.FAILED,
                leased_until=None,
                last_error="The worker sending it stopped on every attempt.",
            )
            logger.error("Notifications %s failed: their worker stopped every time", abandoned)
    return claimed


def message_id(row: Notification) -> str:
    """One Message-ID per outbox row, the same on every attempt: a copy sent again after a
    worker died between the server's "250 queued" and our record of it is the same message to
    the recipient's mail system (which may fold it), and recognizable as a resend in logs."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(row.key.encode()).hexdigest()[:16]
    return f"<n.{row.pk}.{digest}@{domain}>"


def build_message(row: Notification, connection=None) -> EmailMultiAlternatives:
    headers = {header_safe(k): header_safe(v) for k, v in row.headers.items()}
    headers["Message-ID"] = message_id(row)
    message = EmailMultiAlternatives(
        subject=header_safe(row.subject),
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        reply_to=[header_safe(address) for address in row.reply_to] or None,
        headers=headers,
        connection=connection,
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def _mine(row: Notification):
    # Only the worker whose lease this is records the outcome (a takeover after an expired
    # lease wins).
    return Notification.objects.filter(
        pk=row.pk, status=Status.SENDING, leased_until=row.leased_until
    )


TABLE = Notification._meta.db_table
# The row marked sent, in one statement (one round trip) whose own transaction does not wait
# for the disk at commit: set_config(..., true) lasts for that transaction only.
RECORD_SENT_SQL = (
    # Only the model's own table name is interpolated; every value is a bound parameter.
    "WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true)) "  # noqa: S608
    f"UPDATE {TABLE} SET status = %s, sent_at = %s, leased_until = NULL, last_error = '' "  # nosec B608
    "FROM no_wait WHERE id = %s AND status = %s AND leased_until = %s"
)


def _record_sent(row: Notification) -> None:
    """_mine(row) marked sent, right after the server took the message, so that a worker killed
    mid-batch leaves at most the one message in flight to be sent again. The commit does not
    wait for the disk (synchronous_commit off, for this statement's transaction only): a
    worker's death cannot lose it, only a PostgreSQL crash in the next fraction of a second
    could (the email would then go again, with the same Message-ID); waiting for the disk and
    the ORM cost more than a millisecond an email."""
    with connection.cursor() as cursor:
        cursor.execute(
            RECORD_SENT_SQL,
            [Status.SENT, timezone.now(), row.pk, Status.SENDING, row.leased_until],
        )


def _record_failure(row: Notification, error: Exception) -> str:
    permanent = is_permanent(error)
    exhausted = row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    text = f"{type(error).__name__}: {error}"[:2000]
    if permanent or exhausted:
        _mine(row).update(status=Status.FAILED, leased_until=None, last_error=text)
        logger.error("Notification %s (%s) failed for good: %s", row.pk, row.kind, text)
        return Status.FAILED
    _mine(row).update(
        status=Status.PENDING,
        leased_until=None,
        next_attempt_at=timezone.now() + retry_delay(row.attempts),
        last_error=text,
    )
    logger.warning("Notification %s (%s) will be retried: %s", row.pk, row.kind, text)
    return Status.PENDING


def deliver_due(*, batch_size: int | None = None, max_batches: int = 20) -> dict[str, int]:
    """Send what is due, batch by batch, until nothing is due (or `max_batches` ran: the next
    run continues). Returns how many rows were sent, retried later and failed."""
    batch_size = batch_size or settings.NOTIFICATIONS_BATCH_SIZE
    outcome = {"sent": 0, "retry": 0, "failed": 0}
    for _ in range(max_batches):
        rows = claim_due(limit=batch_size)
        if not rows:
            break
        connection = get_connection()
        try:
            # One connection for the batch. A server that cannot be reached (or hangs until
            # EMAIL_TIMEOUT) fails the whole batch once, not each row after its own timeout.
            connection.open()
        except Exception as error:  # noqa: BLE001 - recorded on every row of the batch
            for row in rows:
                status = _record_failure(row, error)
                outcome["failed" if status == Status.FAILED else "retry"] += 1
            break
        try:
            for row in rows:
                try:
                    build_message(row, connection).send()
                except Exception as error:  # noqa: BLE001 - every failure is recorded on the row
                    status = _record_failure(row, error)
                    outcome["failed" if status == Status.FAILED else "retry"] += 1
                else:
                    _record_sent(row)
                    outcome["sent"] += 1
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection must not mask it
                logger.warning("Closing the mail connection failed", exc_info=True)
        if len(rows) < batch_size:
            break
    return outcome
