"""Fetch-and-authorize for the employer's side of jobs, built on the one membership door
(employers/permissions.py)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from employers.permissions import get_employer_membership, get_membership
from jobs.models import Job


def get_company_for_employer(request):
    """The signed-in employer's company; a 403 for anyone else or an employer without one."""
    return get_membership(request).company


def get_job_for_employer(request, pk: int) -> Job:
    """A job of the signed-in employer's own company (owner or recruiter); 404 for any other
    job, so that other companies' job ids reveal nothing; 403 for non-employers."""
    membership = get_employer_membership(request)
    if membership is None:
        raise Http404("No such job.")
    job = get_object_or_404(Job.objects.filter(company_id=membership.company_id), pk=pk)
    job.company = membership.company  # already loaded: saves a query
    return job
