"""Template context of the No-Ghosting Policy for employer pages that applications may not be
imported by (the dashboard home lives in employers, the jobs list in jobs)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from applications.no_ghosting_selectors import DeadlineCounts, deadline_counts
from employers.permissions import membership_of


def no_ghosting(request):
    """`NO_GHOSTING_MIN_RATE` for the responsiveness badges and, for employers,
    `deadline_badge`: their company's DeadlineCounts, computed only when a template reads it
    (templates/applications/_deadline_badge.html)."""
    context = {"NO_GHOSTING_MIN_RATE": settings.NO_GHOSTING_MIN_RATE}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_employer:
        return context

    def counts():
        membership = membership_of(user)
        return deadline_counts(membership.company_id) if membership else DeadlineCounts(0, 0)

    return {**context, "deadline_badge": SimpleLazyObject(counts)}
