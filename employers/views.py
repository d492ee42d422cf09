from allauth.account.views import SignupView
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from employers.forms import EmployerSignupForm
from employers.permissions import membership_of
from jobs.models import Job
from jobs.selectors import company_job_counts, jobs_with_actions

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
    membership = membership_of(request.user)
    context = {"membership": membership, "team": []}
    if membership:
        company = membership.company
        recent = Job.objects.for_company(company).newest_first()[:RECENT_JOBS]
        context.update(
            team=company.memberships.select_related("user"),
            jobs=jobs_with_actions(list(recent)),
            counts=company_job_counts(company),
        )
    return render(request, "employers/dashboard.html", context)
