"""The signed value in an invitation link.

The link names the invitation by a signed id, so it cannot be guessed or altered; whether it still
works (not accepted, not revoked, not expired) is decided by the Invitation row.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "employers.invitation"


def invitation_token(invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=SALT, compress=True)


def invitation_id_from_token(token: str) -> int | None:
    """The invitation id a link carries, or None when the link was altered or made up."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    value = data.get("invitation") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


def invitation_url(invitation) -> str:
    """The absolute accept link that goes in the email."""
    path = reverse("employers:invitation_accept", kwargs={"token": invitation_token(invitation)})
    return settings.SITE_URL + path
