from django.db import models


class ContactMessageQuerySet(models.QuerySet):
    def awaiting_notification(self):
        return self.filter(staff_notified_at__isnull=True)


class ContactMessage(models.Model):
    """A message sent through /contact/. Stored first, then emailed to staff by a task."""

    class Topic(models.TextChoices):
        JOB_SEEKER = "job_seeker", "I'm looking for a job"
        EMPLOYER = "employer", "I'm hiring"
        GHOSTING = "ghosting", "Report an employer that didn't respond"
        PRESS = "press", "Press or partnerships"
        OTHER = "other", "Something else"

    name = models.CharField(max_length=120)
    email = models.EmailField()
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.OTHER)
    message = models.TextField(max_length=5000)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    staff_notified_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A worker's claim on sending the notification; a claim older than the lease is abandoned
    # (the worker died) and may be taken over, so a crash delays the email but never loses it.
    staff_notify_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_topic_display()} from {self.name} <{self.email}>"
