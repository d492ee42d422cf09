from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the trail is evidence, not data to edit.
    Seen by superusers and staff given the "view audit event" permission."""

    list_display = ["created_at", "actor_repr", "actor_role", "action", "target_repr", "ip"]
    list_filter = [
        "action",
        "actor_role",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("target_type", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    date_hierarchy = "created_at"
    search_fields = ["actor_repr", "target_repr", "target_id", "action", "ip"]
    list_select_related = ["target_type"]
    actions = None
    fields = [
        "created_at", "actor", "actor_repr", "actor_role", "ip", "action",
        "target_type", "target_id", "target_repr", "changes",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
