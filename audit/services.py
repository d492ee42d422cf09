"""The one way to write the audit trail: `record(...)`. Called by the services that change
companies, jobs, applications, plans and accounts, and by the admin hook (audit/admin_log.py)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audit.context import current
from audit.models import AuditEvent

_FROM_REQUEST = object()


def actor_role(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    if user.is_superuser:
        return "superuser"
    if user.is_staff:
        return "staff"
    return getattr(user, "role", "") or ""


def _is_staff(user) -> bool:
    return user is not None and (user.is_staff or user.is_superuser)


def record(
    *,
    action: str,
    target=None,
    changes: dict | None = None,
    actor=_FROM_REQUEST,
    role: str = "",
    ip: str | None = None,
    target_type: ContentType | None = None,
    target_id: str = "",
    target_repr: str = "",
) -> AuditEvent:
    """Record that `actor` did `action` (a dotted name: "job.approve") to `target` (a model
    instance, or target_type/target_id/target_repr for one already gone; target_repr also
    replaces str(target) where that would hold personal data), with `changes` as
    {field: [before, after]}. The actor and IP address default to the current request's
    (audit.context); `role` to the actor's account role ("owner" where the caller knows it;
    a staff actor is recorded as staff or superuser whatever the caller says).
    Written in the caller's transaction: a change rolled back leaves no audit line."""
    context = current.get()
    if actor is _FROM_REQUEST:
        actor = context.user if context else None
    if ip is None and context is not None:
        ip = context.ip
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # a guest (an invitation accepted while signing up names itself)
    if target is not None:
        target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        target_id = str(target.pk)
        target_repr = target_repr or str(target)
    return AuditEvent.objects.create(
        actor=actor,
        actor_repr=actor.email if actor is not None else "",
        # Staff acting in an owner's service (revoking an invitation in admin) are staff.
        actor_role=(actor_role(actor) if _is_staff(actor) else role or actor_role(actor))[:20],
        ip=ip or None,  # "" from a caller: no address kept
        action=action,
        target_type=target_type,
        target_id=target_id[:64],
        target_repr=target_repr[:200],
        changes=changes or {},
    )


def changed(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value differs."""
    return {
        field: [before.get(field), value]
        for field, value in after.items()
        if before.get(field) != value
    }


def audit_events_purge(*, now=None) -> int:
    """Delete events older than AUDIT_RETENTION_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
