"""Fetch-and-authorize for applications: someone else's application is a 404 (its id reveals
nothing), built on the one membership door (employers/permissions.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from applications.models import Application
from employers.permissions import get_employer_membership


def get_application_for_candidate(request, pk: int) -> Application:
    """One of the signed-in candidate's own applications; 404 for anyone else's."""
    return get_object_or_404(
        Application.objects.select_related("job", "company").filter(candidate=request.user),
        pk=pk,
    )


def get_application_for_employer(request, pk: int) -> Application:
    """An application to a job of the signed-in employer's company (owner or recruiter); 404
    for another company's; 403 for non-employers."""
    membership = get_employer_membership(request)
    if membership is None:
        raise Http404("No such application.")
    return get_object_or_404(
        Application.objects.select_related("job", "candidate").filter(
            company_id=membership.company_id
        ),
        pk=pk,
    )
