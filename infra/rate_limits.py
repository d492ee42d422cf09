"""Limits on our own forms (contact, job reports, comments, messages...), with django-ratelimit:
per client IP by default; key="user_or_ip" counts a signed-in user's posts wherever they come
from (and a guest's by IP)."""

from django_ratelimit.core import is_ratelimited


def form_over_limit(request, form, *, group: str, rate: str, message: str, key: str = "ip") -> bool:
    """Count this POST; when over `rate`, put `message` on the form (keeping what was typed,
    to show it again) and return True."""
    limited = is_ratelimited(
        request, group=group, key=key, rate=rate, method="POST", increment=True
    )
    if limited:
        form.is_valid()
        form.add_error(None, message)
    return limited
