"""A company's owner can require two-factor authentication of the whole hiring team
(Company.require_mfa). A member without an authenticator app is sent to set one up before any
employer page (the dashboard and Find Candidates) is served."""

from accounts.mfa import has_totp, is_exempt, send_to_setup
from employers.models import Company

TEAM_PREFIXES = ("/dashboard/", "/candidates/")
TEAM_MESSAGE = (
    "{company} requires two-factor authentication for its hiring team. Set up an "
    "authenticator app to reach the dashboard."
)


def team_requires_setup(user) -> str | None:
    """The company's name if `user` is on a team that requires two-factor and has none. One
    small query for an employer (none for anyone else), a second only on such a team."""
    if not user.is_employer:
        return None
    name = (
        Company.objects.filter(memberships__user=user, require_mfa=True)
        .values_list("name", flat=True)
        .first()
    )
    if name is None or has_totp(user):
        return None
    return name


class TeamMfaRequiredMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware; costs nothing off employer pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(TEAM_PREFIXES) and not is_exempt(request.path):
            user = request.user
            company = team_requires_setup(user) if user.is_authenticated else None
            if company:
                return send_to_setup(request, TEAM_MESSAGE.format(company=company))
        return self.get_response(request)
