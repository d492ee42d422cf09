from allauth.account.views import SignupView
from django.db.models.functions import Coalesce
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from employers.forms import EmployerSignupForm
from jobs.models import Job
from jobs.services import company_job_counts, jobs_with_actions

RECENT_JOBS = 10


class EmployerSignupView(SignupView):
    form_class = EmployerSignupForm
    template_name = "account/signup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["door"] = "employer"
        return context


@role_required(User.Role.EMPLOYER)
def dashboard(request):
    membership = getattr(request.user, "membership", None)
    context = {"membership": membership, "team": []}
    if membership:
        company = membership.company
        # Newest first by the date the table shows (published), or for a job not yet
        # published, the day it was written.
        recent = Job.objects.for_company(company).order_by(
            Coalesce("published_at", "created_at").desc(), "-created_at", "-pk"
        )[:RECENT_JOBS]
        context.update(
            team=company.memberships.select_related("user"),
            jobs=jobs_with_actions(list(recent)),
            counts=company_job_counts(company),
        )
    return render(request, "employers/dashboard.html", context)
