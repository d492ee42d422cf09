"""Fetch-and-authorize for the employer's side of jobs."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from employers.models import Membership
from jobs.models import Job

NO_COMPANY = (
    "Your employer account is not on a company's hiring team yet. Ask your company's owner "
    "to invite you, or contact us."
)


def _membership(request) -> Membership | None:
    user = request.user
    if not user.is_authenticated or not user.is_employer:
        raise PermissionDenied("This page is for employer accounts.")
    return Membership.objects.select_related("company").filter(user=user).first()


def get_company_for_employer(request):
    """The signed-in employer's company; a 403 for anyone else or an employer without one."""
    membership = _membership(request)
    if membership is None:
        raise PermissionDenied(NO_COMPANY)
    return membership.company


def get_job_for_employer(request, pk: int) -> Job:
    """A job of the signed-in employer's own company (owner or recruiter); 404 for any other
    job, so that other companies' job ids reveal nothing; 403 for non-employers."""
    membership = _membership(request)
    if membership is None:
        raise Http404("No such job.")
    job = get_object_or_404(Job.objects.filter(company_id=membership.company_id), pk=pk)
    job.company = membership.company  # already loaded: saves a query
    return job
