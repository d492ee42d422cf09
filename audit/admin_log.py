"""Staff edits in the Django admin, into the audit trail.

Every admin add, change and delete writes a LogEntry (django.contrib.admin); each saved one is
copied into an AuditEvent, so admins of other packages (allauth's email addresses, MFA
authenticators, groups) are covered without touching them. A bulk delete of several objects is
written with bulk_create (no signal), so the site's "delete selected" action records those
itself. Admins that use AuditedAdminMixin add the values before and after, not only the names
of the fields changed.
"""

from contextvars import ContextVar

from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import post_save

from audit.services import record

ACTIONS = {ADDITION: "admin.add", CHANGE: "admin.change", DELETION: "admin.delete"}
# The values of the change being saved, from AuditedAdminMixin to the LogEntry that follows.
_pending_values: ContextVar[dict | None] = ContextVar("audit_admin_values", default=None)


VALUE_MAX_CHARS = 300  # a job description is 100,000 characters: its start says enough


def _plain(value):
    if isinstance(value, Model):
        return str(value)[:VALUE_MAX_CHARS]
    if isinstance(value, str):
        return value[:VALUE_MAX_CHARS]
    if isinstance(value, int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)[:VALUE_MAX_CHARS]


class AuditedAdminMixin:
    """Before ModelAdmin in the bases: the audit line of a change says what each changed field
    was and became."""

    def construct_change_message(self, request, form, formsets, add=False):
        if not add:
            _pending_values.set(
                {
                    field: [_plain(form.initial.get(field)), _plain(form.cleaned_data.get(field))]
                    for field in form.changed_data
                }
            )
        return super().construct_change_message(request, form, formsets, add)


def _on_log_entry(sender, instance: LogEntry, created: bool, raw=False, **kwargs):
    if not created or raw:
        return
    values = _pending_values.get()
    _pending_values.set(None)
    changes = {"message": instance.get_change_message()}
    if values and instance.action_flag == CHANGE:
        changes["values"] = values
    record(
        action=ACTIONS.get(instance.action_flag, "admin.other"),
        actor=instance.user,
        target_type=instance.content_type,
        target_id=str(instance.object_id or ""),
        target_repr=instance.object_repr,
        changes=changes,
    )


def delete_selected(modeladmin, request, queryset):
    """Django's action, plus an audit line per object when several go at once."""
    confirmed = bool(request.POST.get("post"))
    doomed = [(obj.pk, str(obj)) for obj in queryset] if confirmed else []
    response = django_delete_selected(modeladmin, request, queryset)
    if confirmed and response is None and len(doomed) > 1:
        content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
        for pk, text in doomed:
            record(
                action="admin.delete",
                actor=request.user,
                target_type=content_type,
                target_id=str(pk),
                target_repr=text,
                changes={"message": "Deleted with the action “Delete selected”."},
            )
    return response


delete_selected.allowed_permissions = django_delete_selected.allowed_permissions
delete_selected.short_description = django_delete_selected.short_description


def connect() -> None:
    post_save.connect(_on_log_entry, sender=LogEntry, dispatch_uid="audit.admin_log")
    admin.site.add_action(delete_selected, "delete_selected")
