"""Who on the team gets staff notifications: the staff inbox (contact messages, upgrade
requests) and the editors (comments to moderate).

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


EDITORS_GROUP = "Editors"


def editor_recipients() -> list[str]:
    """Active members of the Editors group; STAFF_NOTIFICATION_EMAILS, or superusers, if none."""
    users = User.objects.filter(is_active=True).exclude(email="")
    emails = list(users.filter(groups__name=EDITORS_GROUP).values_list("email", flat=True))
    if emails:
        return sorted(set(emails))
    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    return list(users.filter(is_superuser=True).values_list("email", flat=True))
