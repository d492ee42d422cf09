"""Reads of the outbox that other apps need (for example, how often something was emailed)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from notifications.models import Notification


def notifications_about(obj, *, kind: str):
    """The outbox rows of `kind` about `obj`, whatever their status."""
    return Notification.objects.about(obj).filter(kind=kind)


def notifications_about_any(model, ids, *, kind: str, since=None):
    """The outbox rows of `kind` about any `model` object whose pk is in `ids` (a list or a
    values("pk") queryset), written since `since` when given."""
    rows = Notification.objects.filter(
        kind=kind, about_type=ContentType.objects.get_for_model(model), about_id__in=ids
    )
    return rows.filter(created_at__gte=since) if since is not None else rows


def notified_since(model, *, kind: str, since) -> Exists:
    """For a queryset of `model`: "an outbox row of `kind` about this object was written at or
    after `since`" (an expression on the outer row, such as OuterRef("expires_at") - lead)."""
    return Exists(
        Notification.objects.filter(
            kind=kind,
            about_type=ContentType.objects.get_for_model(model),
            about_id=OuterRef("pk"),
            created_at__gte=since,
        )
    )
