from allauth.account.forms import SignupForm
from django import forms

from accounts.models import User
from infra.text import StripControlCharactersMixin


class RoleSignupForm(StripControlCharactersMixin, SignupForm):
    """allauth's sign-up form plus a name; subclasses fix the role."""

    signup_role = User.Role.CANDIDATE
    full_name = forms.CharField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]


class CandidateSignupForm(RoleSignupForm):
    signup_role = User.Role.CANDIDATE


class AccountDetailsForm(StripControlCharactersMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]
        labels = {"full_name": "Your name"}
