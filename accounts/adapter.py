from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """Sets the role chosen at sign-up and sends each role to its own home after login (unless
    the sign-in was asked for on the way to another page: allauth follows `next` first)."""

    def save_user(self, request, user, form, commit=True):
        role = getattr(form, "signup_role", None)
        if role:
            user.role = role
        full_name = form.cleaned_data.get("full_name")
        if full_name:
            user.full_name = full_name
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return home_url_for(request.user) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return home_url_for(request.user) or super().get_signup_redirect_url(request)


def home_url_for(user) -> str | None:
    """Where a signed-in user starts: staff (editors, administrators) in admin, where their
    work is; employers on their dashboard; job seekers on their home."""
    if not user.is_authenticated:
        return None
    if user.is_staff:
        return reverse("admin:index")
    if user.is_employer:
        return reverse("employers:dashboard")
    return reverse("candidates:home")
