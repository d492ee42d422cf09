from allauth.account.views import SignupView
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from employers.forms import EmployerSignupForm


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
    team = []
    if membership:
        team = membership.company.memberships.select_related("user")
    return render(request, "employers/dashboard.html", {"membership": membership, "team": team})
