from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.adapter import home_url_for
from accounts.forms import AccountDetailsForm, CandidateSignupForm


def signup_choice(request):
    """The two sign-up doors: candidate or employer."""
    if request.user.is_authenticated:
        return redirect(home_url_for(request.user))
    return render(request, "accounts/signup_choice.html")


class CandidateSignupView(SignupView):
    form_class = CandidateSignupForm
    template_name = "account/signup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["door"] = "candidate"
        return context


@login_required
def home(request):
    return redirect(home_url_for(request.user))


@login_required
def settings_page(request):
    form = AccountDetailsForm(instance=request.user)
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_POST
def settings_update(request):
    form = AccountDetailsForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Your details were saved.")
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form}, status=400)
