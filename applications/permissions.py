"""Fetch-and-authorize for applications: anything not yours is a 404 (its id reveals nothing)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from applications.models import Application
from employers.permissions import get_membership

NOT_CANDIDATE = "This page is for job seeker accounts."


def get_application_for_employer(request, pk: int) -> Application:
    """An application to a job of the signed-in employer's company (owner or recruiter); 404
    for any other company's, 403 for anyone who is not on a hiring team."""
    membership = get_membership(request)
    return get_object_or_404(
        Application.objects.select_related("job__company", "candidate", "resume"),
        pk=pk,
        company_id=membership.company_id,
    )


def get_application_for_candidate(request, pk: int) -> Application:
    """One of the signed-in candidate's own applications; 404 for anyone else's."""
    if not request.user.is_authenticated or not request.user.is_candidate:
        raise PermissionDenied(NOT_CANDIDATE)
    return get_object_or_404(
        Application.objects.select_related("job__company", "resume"),
        pk=pk,
        candidate=request.user,
    )
