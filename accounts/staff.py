"""Who on the team gets staff notifications (contact messages, upgrade requests...).

In accounts, the lowest app, so that every app that notifies staff can use it.
"""

from django.conf import settings

from accounts.models import User


def staff_recipients() -> list[str]:
    """STAFF_NOTIFICATION_EMAILS when set; otherwise every active staff user with an email."""
    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    users = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))
