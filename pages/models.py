from django.db import models


class ContactMessage(models.Model):
    """A message sent through /contact/; the staff inbox's email about it is in the outbox."""

    class Topic(models.TextChoices):
        JOB_SEEKER = "job_seeker", "I'm looking for a job"
        EMPLOYER = "employer", "I'm hiring"
        GHOSTING = "ghosting", "Report an employer that didn't respond"
        PRESS = "press", "Press or partnerships"
        SECURITY = "security", "Report a security problem"
        OTHER = "other", "Something else"

    name = models.CharField(max_length=120)
    email = models.EmailField()
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.OTHER)
    message = models.TextField(max_length=5000)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_topic_display()} from {self.name} <{self.email}>"
