from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from accounts.forms import RoleSignupForm
from accounts.models import User
from employers.choices import STATE_NAMES, CompanySize, FacilityType
from employers.logos import EMPTY_LOGO, process_logo
from employers.models import Company, Membership
from employers.plans import PLANS, plans_above
from employers.richtext import editable_text, sanitize_about, visible_text
from employers.services import Place, company_create
from infra.text import StripControlCharactersMixin

MAX_LOCATIONS = 20
MAX_BENEFITS = 15
BENEFIT_MAX_CHARS = 100
ABOUT_MAX_CHARS = 4000
STATE_CODES_BY_NAME = {name.lower(): code for code, name in STATE_NAMES.items()}


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


def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def parse_place(line: str) -> Place | None:
    """ "Norfolk, VA" or "Norfolk, Virginia" -> Place; None when it is not a city and a state."""
    city, comma, state = line.rpartition(",")
    city, state = " ".join(city.split()), state.strip()
    if not comma or not city or len(city) > 80:
        return None
    code = state.upper() if state.upper() in STATE_NAMES else STATE_CODES_BY_NAME.get(state.lower())
    return Place(city=city, state=code) if code else None


class CompanyProfileForm(StripControlCharactersMixin, forms.Form):
    """The company profile, as its owner edits it. `save()` is the service's job (the view)."""

    name = forms.CharField(
        label="Company or facility name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    logo = forms.FileField(
        label="Logo image",
        required=False,
        help_text="PNG, JPEG or WebP, at most 2 MB. We resize it to fit 400 x 400 pixels.",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        error_messages={"empty": EMPTY_LOGO},
    )
    remove_logo = forms.BooleanField(label="Remove the current logo", required=False)
    facility_type = forms.ChoiceField(
        label="Type of facility",
        choices=[("", "Choose a type")] + FacilityType.choices,
        required=False,
    )
    size = forms.ChoiceField(
        label="Number of employees",
        choices=[("", "Choose a size")] + CompanySize.choices,
        required=False,
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": "Enter a web address that starts with https:// (or http://)."},
        help_text="For example https://www.example.org.",
        widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    about = forms.CharField(
        label="About the company",
        required=False,
        max_length=ABOUT_MAX_CHARS * 2,  # markup included; the visible text is checked below
        help_text=(
            "What candidates should know: who you care for, your teams, what working there is "
            "like. A blank line starts a new paragraph. Write **bold**, *italics*, "
            '[a link](https://...) and start lines with "- " or "1. " for a list.'
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    locations = forms.CharField(
        label="Locations",
        required=False,
        help_text="One per line, as city and state. For example: Norfolk, VA",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    benefits = forms.CharField(
        label="Benefits",
        required=False,
        help_text="One per line. For example: Tuition reimbursement up to $5,250 a year",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, company: Company, **kwargs):
        self.company = company
        kwargs.setdefault(
            "initial",
            {
                "name": company.name,
                "facility_type": company.facility_type,
                "size": company.size,
                "website": company.website,
                "about": editable_text(company.about),
                "locations": "\n".join(loc.label for loc in company.locations.all()),
                "benefits": "\n".join(company.benefits),
            },
        )
        super().__init__(*args, **kwargs)
        if not company.logo:
            del self.fields["remove_logo"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise ValidationError("Enter the name of your company or facility.")
        return name

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return process_logo(upload)

    def clean_about(self):
        about = sanitize_about(self.cleaned_data["about"])
        length = len(visible_text(about))
        if length > ABOUT_MAX_CHARS:
            raise ValidationError(
                f"Keep this under {ABOUT_MAX_CHARS:,} characters (it has {length:,})."
            )
        return about

    def clean_locations(self):
        places, problems, seen = [], [], set()
        for number, line in enumerate(lines(self.cleaned_data["locations"]), start=1):
            place = parse_place(line)
            if place is None:
                problems.append(
                    f"Line {number} (“{line[:60]}”): write a city and a state, like Norfolk, VA."
                )
            elif (place.city.lower(), place.state) not in seen:
                seen.add((place.city.lower(), place.state))
                places.append(place)
        if problems:
            raise ValidationError(problems)
        if len(places) > MAX_LOCATIONS:
            raise ValidationError(
                f"List at most {MAX_LOCATIONS} locations (you listed {len(places)})."
            )
        return places

    def clean_benefits(self):
        benefits = list(dict.fromkeys(lines(self.cleaned_data["benefits"])))
        too_long = [b for b in benefits if len(b) > BENEFIT_MAX_CHARS]
        if too_long:
            raise ValidationError(
                f"Keep each benefit under {BENEFIT_MAX_CHARS} characters: “{too_long[0][:40]}…” "
                "is longer."
            )
        if len(benefits) > MAX_BENEFITS:
            raise ValidationError(
                f"List at most {MAX_BENEFITS} benefits (you listed {len(benefits)})."
            )
        return benefits


class CompanySearchForm(forms.Form):
    """The Company List's filters. Unknown values are ignored rather than refused."""

    q = forms.CharField(
        label="Company name",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    facility_type = forms.ChoiceField(
        label="Type of facility",
        required=False,
        choices=[("", "All types")] + FacilityType.choices,
    )
    state = forms.ChoiceField(label="State", required=False, choices=[("", "All states")])
    hiring = forms.BooleanField(label="Hiring now", required=False)

    def __init__(self, *args, states: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "All states")] + [
            (code, STATE_NAMES[code]) for code in sorted(states, key=STATE_NAMES.get)
        ]

    def filters(self) -> dict:
        """The valid filters; an invalid one (a tampered URL) is dropped, not an error page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": " ".join((data.get("q") or "").split()),
            "facility_type": data.get("facility_type") or "",
            "state": data.get("state") or "",
            "hiring": bool(data.get("hiring")),
        }


class InvitationForm(StripControlCharactersMixin, forms.Form):
    email = forms.EmailField(
        label="Email address of the recruiter",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="They get a link to join your team as a recruiter. It works once, for 7 days.",
    )


class TransferOwnershipForm(forms.Form):
    member = forms.ModelChoiceField(
        label="New owner",
        queryset=Membership.objects.none(),
        empty_label="Choose a recruiter",
        error_messages={"invalid_choice": "Choose a recruiter on your team."},
    )
    confirm = forms.BooleanField(
        label="I understand that I will become a recruiter and lose the owner's rights.",
        error_messages={"required": "Tick the box to confirm the transfer."},
    )

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = company.memberships.filter(
            role=Membership.Role.RECRUITER
        ).select_related("user")
        self.fields["member"].label_from_instance = lambda m: (
            f"{m.user.get_full_name()} ({m.user.email})"
        )


class InvitationSignupForm(StripControlCharactersMixin, forms.Form):
    """A new employer account for the invited address: the email is fixed by the invitation."""

    full_name = forms.CharField(
        label="Your name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password (again)",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise ValidationError("Enter your name.")
        return name

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are not the same.")
        elif password1:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UpgradeRequestForm(StripControlCharactersMixin, forms.Form):
    plan = forms.ChoiceField(
        label="Plan you would like",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the plans listed."},
    )
    message = forms.CharField(
        label="Anything we should know",
        required=False,
        max_length=2000,
        help_text="For example how many roles you hire for, or who receives invoices.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, company: Company, **kwargs):
        super().__init__(*args, **kwargs)
        choices = plans_above(company.plan)
        self.fields["plan"].choices = [(p.key, f"{p.name}: {p.price_label}") for p in choices]
        if len(choices) == 1:
            self.fields["plan"].initial = choices[0].key

    @property
    def chosen_plan(self):
        return PLANS[self.cleaned_data["plan"]]
