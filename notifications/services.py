"""The one way any app sends an email: write outbox rows in the caller's transaction.

Delivery is the outbox's business alone (notifications/delivery.py, run by one Celery task):
it is queued by task name once the transaction commits, and beat runs it every minute anyway,
so a broker outage delays an email but never loses it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from infra.queueing import send_task_on_commit
from notifications.models import Notification
from notifications.rendering import address_safe, header_safe, render_parts

DELIVER_TASK = "notifications.tasks.deliver_due"


@dataclass(frozen=True)
class Recipient:
    """An address, and the account behind it when there is one."""

    email: str
    user_id: int | None = None


def notify(
    *,
    to,
    kind: str,
    key: str,
    template: str,
    context: dict,
    about=None,
    reply_to: Iterable | None = None,
    headers: dict | None = None,
) -> bool:
    """Queue one email to `to` (an address or a Recipient) for the cause `key`, which must
    name the recipient when one cause has several (or use notify_many).

    Renders `<template>_subject.txt`, `.txt` and `.html` now and inserts the row in the
    caller's transaction; a key already there makes this a no-op. `about` is the object the
    email is about; `reply_to` holds addresses or (name, address) pairs; `headers` are extra
    headers. Returns whether a row was written."""
    rows = build_notifications(
        to=[to],
        kind=kind,
        key=key,
        template=template,
        context=context,
        about=about,
        reply_to=reply_to,
        headers=headers,
    )
    for row in rows:  # at most one: a single recipient
        row.key = key
    return queue_notifications(rows) == 1


def notify_many(
    *,
    to: Iterable,
    kind: str,
    key: str,
    template: str,
    context: dict,
    about=None,
    reply_to: Iterable | None = None,
    headers: dict | None = None,
) -> int:
    """Queue the same email to each of `to` (addresses or Recipients), one row each, keyed
    `<key>:to:<address>`; rendered once. Returns how many rows were written."""
    rows = build_notifications(
        to=to,
        kind=kind,
        key=key,
        template=template,
        context=context,
        about=about,
        reply_to=reply_to,
        headers=headers,
    )
    return queue_notifications(rows)


def build_notifications(
    *,
    to: Iterable,
    kind: str,
    key: str,
    template: str | None = None,
    context: dict | None = None,
    rendered: tuple[str, str, str] | None = None,
    about=None,
    reply_to: Iterable | None = None,
    headers: dict | None = None,
) -> list[Notification]:
    """Unsaved outbox rows, one per recipient (keyed `<key>:to:<address>`), from `template`
    and `context` or from `rendered` (subject, text, HTML). For sweeps that write many causes
    in one INSERT through queue_notifications."""
    recipients = _unique(to)
    if not recipients:
        return []
    subject, text, html = rendered or render_parts(template, context or {})
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    now = timezone.now()
    return [
        Notification(
            key=f"{key}:to:{recipient.email.lower()}",
            kind=kind,
            to_email=recipient.email,
            user_id=recipient.user_id,
            about_type=about_type,
            about_id=about.pk if about is not None else None,
            subject=header_safe(subject),
            body_text=text,
            body_html=html,
            reply_to=[address_safe(address) for address in reply_to or [] if address],
            headers={header_safe(k): header_safe(v) for k, v in (headers or {}).items()},
            next_attempt_at=now,
            created_at=now,
        )
        for recipient in recipients
    ]


@transaction.atomic
def queue_notifications(rows: list[Notification]) -> int:
    """Insert the rows whose key is new (one INSERT ... ON CONFLICT DO NOTHING) and queue their
    delivery for after the commit. Returns how many rows were new."""
    if not rows:
        return 0
    # The lookup only makes the count right; the unique key is what makes a cause written by a
    # concurrent transaction never be written twice.
    existing = set(
        Notification.objects.filter(key__in=[row.key for row in rows]).values_list("key", flat=True)
    )
    rows = [row for row in rows if row.key not in existing]
    if len(rows) >= COPY_FROM:
        _copy_new(rows)
    else:
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        send_task_on_commit(DELIVER_TASK)
    return len(rows)


# From this many rows on, they go in through COPY: a sweep's or an alert run's thousands of
# emails (10 KB each) cost psycopg most of a second to quote as the parameters of one INSERT.
COPY_FROM = 200
_TABLE = Notification._meta.db_table
_FIELDS = [field for field in Notification._meta.concrete_fields if not field.primary_key]
_COLUMNS = ", ".join(connection.ops.quote_name(field.column) for field in _FIELDS)
_STAGING = "notification_staging"
# The fields whose Python value is not what COPY takes (JSON): prepared by the field itself.
_PREPARED = {n for n, f in enumerate(_FIELDS) if f.get_internal_type() == "JSONField"}
_ATTRIBUTES = attrgetter(*(field.attname for field in _FIELDS))


def _copy_values(row: Notification) -> list:
    values = list(_ATTRIBUTES(row))
    for n in _PREPARED:
        values[n] = _FIELDS[n].get_db_prep_save(values[n], connection)
    return values


def _copy_new(rows: list[Notification]) -> None:
    """bulk_create(rows, ignore_conflicts=True) through COPY: the rows into a temporary table
    of this session (its columns, no constraints), then INSERT ... ON CONFLICT DO NOTHING."""
    # Only the model's own table and column names are interpolated; the data goes by COPY.
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT {_COLUMNS} FROM {_TABLE} WITH NO DATA"  # nosec B608
        )
        with cursor.cursor.copy(f"COPY {_STAGING} ({_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(_copy_values(row))
        cursor.execute(
            f"INSERT INTO {_TABLE} ({_COLUMNS}) SELECT {_COLUMNS} FROM {_STAGING} "  # noqa: S608
            "ON CONFLICT (key) DO NOTHING"  # nosec B608
        )
        cursor.execute(f"DELETE FROM {_STAGING}")  # noqa: S608  # nosec B608


def _unique(to: Iterable) -> list[Recipient]:
    seen, recipients = set(), []
    for value in to:
        recipient = value if isinstance(value, Recipient) else Recipient(email=str(value))
        address = recipient.email.strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(Recipient(email=address, user_id=recipient.user_id))
    return recipients


def notifications_resend(*, notifications) -> int:
    """Staff: put failed (or sent) rows back in the queue, with a fresh set of attempts."""
    updated = notifications.filter(
        status__in=[Notification.Status.FAILED, Notification.Status.SENT]
    ).update(
        status=Notification.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        leased_until=None,
        last_error="",
    )
    if updated:
        send_task_on_commit(DELIVER_TASK)
    return updated
