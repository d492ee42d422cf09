from django import forms
from django.db import transaction

from accounts.forms import RoleSignupForm
from accounts.models import User
from employers.services import company_create


class EmployerSignupForm(RoleSignupForm):
    signup_role = User.Role.EMPLOYER
    company_name = forms.CharField(
        label="Company or facility name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    field_order = ["full_name", "company_name", "email", "password1", "password2"]

    def clean_company_name(self):
        name = self.cleaned_data["company_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError("Enter the name of your company or facility.")
        return name

    @transaction.atomic
    def save(self, request):
        user = super().save(request)
        company_create(owner=user, name=self.cleaned_data["company_name"])
        return user
