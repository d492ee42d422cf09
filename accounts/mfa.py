"""Two-factor authentication where it is required (issue 14 item 5).

allauth.mfa offers TOTP and recovery codes to everyone. On top of that, a staff account (when
MFA_REQUIRED_FOR_STAFF, on by default in production) and the hiring team of a company whose
owner turned on "require two-factor" (employers/mfa.py) must have an authenticator app: until
they do, every page but the set-up pages sends them to set one up, and nothing they POST is
done.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

SETUP_URL_NAME = "mfa_activate_totp"
# What someone who must set up two-factor can still reach: the set-up itself (which asks for
# the password again first), signing out, and files.
EXEMPT_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/media/",
    "/healthz",
)
STAFF_MESSAGE = (
    "Staff accounts need two-factor authentication. Set up an authenticator app to continue."
)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_exempt(path: str) -> bool:
    return path.startswith(EXEMPT_PREFIXES)


def send_to_setup(request, message: str):
    """A redirect to the authenticator set-up page with `message`; the request is not served
    (a POST changes nothing)."""
    messages.warning(request, message, fail_silently=True)
    return redirect(SETUP_URL_NAME)


class StaffMfaRequiredMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and user.is_staff
            and not is_exempt(request.path)
            and not has_totp(user)
        ):
            return send_to_setup(request, STAFF_MESSAGE)
        return self.get_response(request)
