import factory
from django.utils import timezone

from notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """A pending outbox row, due now."""

    class Meta:
        model = Notification

    key = factory.Sequence(lambda n: f"tests.example:thing:{n}")
    kind = "tests.example"
    to_email = factory.Sequence(lambda n: f"reader{n}@example.com")
    subject = factory.Sequence(lambda n: f"Message {n}")
    body_text = "Hello in text."
    body_html = "<p>Hello in HTML.</p>"
    next_attempt_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)


class FailedNotificationFactory(NotificationFactory):
    status = Notification.Status.FAILED
    attempts = 8
    last_error = "SMTPException: connection refused"


class SentNotificationFactory(NotificationFactory):
    status = Notification.Status.SENT
    attempts = 1
    sent_at = factory.LazyFunction(timezone.now)
