from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from accounts.adapter import home_url_for
from accounts.forms import AccountDetailsForm, CandidateSignupForm


def signup_choice(request):
    """The two sign-up doors: candidate or employer."""
    if request.user.is_authenticated:
        return redirect(home_url_for(request.user))
    return render(request, "accounts/signup_choice.html")


def admin_login(request):
    """Admin's sign-in door, replaced: Django admin's own form limits nothing, so staff sign in
    through allauth's form (failed-attempt limits per address and per IP), then come back."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied("The administration is for staff accounts only.")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


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
