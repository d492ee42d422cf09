"""The audit trail: who did what to which object, when and from where (issue 14 item 8).

Rows are only ever added (audit.services.record) and removed by the retention purge
(audit.services.audit_events_purge); the admin shows them read-only.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the system (a sweep, a task) or an account since deleted.",
    )
    # Kept as it was at the time: an audit line must still say who after the account changes.
    actor_repr = models.CharField("actor", max_length=254, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField("target", max_length=200, blank=True)
    changes = models.JSONField(
        default=dict, blank=True, encoder=DjangoJSONEncoder, help_text="Field: [before, after]."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]
        verbose_name = "audit event"

    def __str__(self):
        return f"{self.action} {self.target_repr} by {self.actor_repr or 'system'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are never changed.")
        super().save(*args, **kwargs)
