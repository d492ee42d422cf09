from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def due(self, now=None):
        """Rows a delivery run may claim: waiting and due, or claimed by a worker whose lease
        ran out (it died mid-send). A claim moves next_attempt_at to the lease's end, so one
        condition covers both."""
        return self.filter(
            status__in=[Notification.Status.PENDING, Notification.Status.SENDING],
            next_attempt_at__lte=now or timezone.now(),
        )

    def about(self, obj):
        return self.filter(
            about_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            about_id=obj.pk,
        )


class Notification(models.Model):
    """One email to one recipient, rendered when its cause happened.

    `key` names the cause (`jobs.approved:job:42:to:owner@example.com`); being unique, it makes
    "once per cause" a database fact whatever retries, double clicks or overlapping sweeps do.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=500, unique=True)
    kind = models.CharField(max_length=80)
    to_email = models.EmailField("recipient", max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The recipient's account, when they have one.",
    )
    # What the email is about (a job, an invitation, a contact message...).
    about_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    subject = models.CharField(max_length=998)
    body_text = models.TextField("text part")
    body_html = models.TextField("HTML part", blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # While a worker sends, the row is "sending" until this time; after it, anyone may take it.
    leased_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The delivery scan: only rows still to send, in the order they fall due.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status__in=["pending", "sending"]),
                name="notification_due",
            ),
            models.Index(fields=["about_type", "about_id"], name="notification_about"),
            models.Index(fields=["kind", "status"], name="notification_kind_status"),
            models.Index(fields=["to_email"], name="notification_to_email"),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to_email}"
