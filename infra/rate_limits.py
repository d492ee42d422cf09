"""Per-IP limits on our own forms (contact, job reports, comments), with django-ratelimit."""

from django_ratelimit.core import is_ratelimited


def form_over_limit(request, form, *, group: str, rate: str, message: str) -> bool:
    """Count this POST; when over `rate`, put `message` on the form (keeping what was typed,
    to show it again) and return True."""
    limited = is_ratelimited(
        request, group=group, key="ip", rate=rate, method="POST", increment=True
    )
    if limited:
        form.is_valid()
        form.add_error(None, message)
    return limited
