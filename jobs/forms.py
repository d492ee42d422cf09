"""The employer's job form: every field of a Job, validated so that what goes live makes sense."""

from decimal import Decimal

from django import forms
from django.core.validators import URLValidator

from infra.text import StripControlCharactersMixin
from jobs import gazetteer
from jobs.choices import (
    CONTRACT_TYPES,
    US_STATES,
    Benefit,
    Credential,
    DifferentialUnit,
    PayPeriod,
    WorkplaceType,
)
from jobs.models import Job, PayTransparencyRule
from jobs.pay import money
from jobs.pay_rules import applicable_rules, rule_problems
from jobs.sanitize import sanitize_description, visible_text

DESCRIPTION_MIN_CHARS = 100
# Visible text: about eight printed pages, far more than any real posting needs.
DESCRIPTION_MAX_CHARS = 20_000
# What may be posted at all, markup included: room for HTML pasted from Word, but small enough
# that the sanitizer and the full-text index never see megabytes (a 2 MB one gave a 500).
DESCRIPTION_MAX_INPUT_CHARS = 100_000
# Above this an hourly rate is almost surely a salary, and below it a salary an hourly rate.
PAY_PERIOD_SANITY_LIMIT = Decimal("1000")

LOCATED = {WorkplaceType.ONSITE, WorkplaceType.HYBRID}
DIFFERENTIALS = ["night", "evening", "weekend"]
DIFFERENTIAL_FIELDS = [
    name
    for shift in DIFFERENTIALS
    for name in (f"{shift}_differential", f"{shift}_differential_unit")
]
CONTRACT_FIELDS = [
    "contract_weeks",
    "guaranteed_hours",
    "weekly_gross",
    "taxable_hourly_rate",
    "housing_stipend_weekly",
    "meals_stipend_weekly",
    "cancellation_policy",
]
# Weekly pay parts may be rounded by the employer: a dollar either way is the same offer.
WEEKLY_GROSS_TOLERANCE = Decimal("1")


def clean_job_description(raw: str, *, min_chars: int = DESCRIPTION_MIN_CHARS) -> str:
    """The sanitized description, or a ValidationError saying how long it may be. Shared by
    the employer's form and admin's, so no write path stores an unchecked description."""
    if len(raw) > DESCRIPTION_MAX_INPUT_CHARS:
        raise forms.ValidationError(
            f"This description is {len(raw):,} characters long with its formatting. Keep it "
            f"to {DESCRIPTION_MAX_CHARS:,} characters of text: candidates decide from the first "
            "screens, so link to a longer document if you need one."
        )
    description = sanitize_description(raw)
    length = len(visible_text(description))
    if length < min_chars:
        raise forms.ValidationError(
            f"Write at least {min_chars} characters about the job "
            f"(you have {length}). Candidates decide from the description."
        )
    if length > DESCRIPTION_MAX_CHARS:
        raise forms.ValidationError(
            f"Keep the description to {DESCRIPTION_MAX_CHARS:,} characters (you have "
            f"{length:,}): candidates decide from the first screens, so link to a longer "
            "document if you need one."
        )
    return description


def checkboxes(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class JobForm(StripControlCharactersMixin, forms.ModelForm):
    """Create or edit a job; `job_fields()` adds coordinates from the offline gazetteer."""

    remote_states = checkboxes(
        "States a remote hire may live in",
        US_STATES,
        "Only for remote jobs. Leave all unticked if you hire anywhere in the US.",
    )
    required_credentials = checkboxes("Required credentials", Credential.choices)
    preferred_credentials = checkboxes("Preferred credentials", Credential.choices)
    license_states = checkboxes(
        "License states", US_STATES, "States where the required license must be held, if any."
    )
    benefits = checkboxes("Benefits you offer", Benefit.choices)
    apply_url = forms.URLField(
        label="Application URL",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "invalid": "Enter a web address that starts with https:// (or http://).",
        },
        help_text="Where candidates apply on your website, for example "
        "https://careers.example.org/jobs/1234.",
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )

    fieldsets = [
        (
            "role",
            "The role",
            [
                "title",
                "profession",
                "specialty",
                "facility_type",
                "employment_type",
                "shift",
                "experience_level",
            ],
        ),
        ("where", "Where", ["workplace_type", "city", "state", "zip_code", "remote_states"]),
        ("pay", "Pay", ["pay_min", "pay_max", "pay_period", "sign_on_bonus"]),
        ("differentials", "Shift differentials (optional)", [*DIFFERENTIAL_FIELDS]),
        ("contract", "Contract and travel pay (optional)", CONTRACT_FIELDS),
        (
            "requirements",
            "Credentials and licenses",
            ["required_credentials", "preferred_credentials", "license_states", "visa_sponsorship"],
        ),
        ("benefits", "Benefits", ["benefits"]),
        ("description", "About the job", ["description"]),
        ("apply", "How candidates apply", ["apply_method", "apply_url"]),
    ]

    class Meta:
        model = Job
        fields = [
            "title",
            "profession",
            "specialty",
            "facility_type",
            "employment_type",
            "shift",
            "experience_level",
            "workplace_type",
            "remote_states",
            "city",
            "state",
            "zip_code",
            "pay_min",
            "pay_max",
            "pay_period",
            "sign_on_bonus",
            *DIFFERENTIAL_FIELDS,
            *CONTRACT_FIELDS,
            "required_credentials",
            "preferred_credentials",
            "license_states",
            "visa_sponsorship",
            "benefits",
            "description",
            "apply_method",
            "apply_url",
        ]
        labels = {
            "title": "Job title",
            "specialty": "Specialty (optional)",
            "facility_type": "Facility type",
            "employment_type": "Employment type",
            "experience_level": "Experience level",
            "workplace_type": "Workplace",
            "zip_code": "ZIP code",
            "pay_min": "Minimum pay",
            "pay_max": "Maximum pay",
            "pay_period": "Pay is",
            "sign_on_bonus": "Sign-on bonus (optional)",
            "visa_sponsorship": "We sponsor work visas for this role",
            "night_differential": "Night differential",
            "night_differential_unit": "Night differential is",
            "evening_differential": "Evening differential",
            "evening_differential_unit": "Evening differential is",
            "weekend_differential": "Weekend differential",
            "weekend_differential_unit": "Weekend differential is",
            "contract_weeks": "Contract length in weeks",
            "guaranteed_hours": "Guaranteed hours a week",
            "weekly_gross": "Weekly gross pay",
            "taxable_hourly_rate": "Taxable hourly rate",
            "housing_stipend_weekly": "Housing stipend a week",
            "meals_stipend_weekly": "Meals and incidentals stipend a week",
            "cancellation_policy": "Cancellation policy",
            "apply_method": "Candidates apply",
        }
        help_texts = {
            "title": (
                "For example “Registered Nurse, ICU (nights)” or “Remote Risk Adjustment Coder”."
            ),
            "city": "For on-site and hybrid jobs. Give the city and state, the ZIP code, or both.",
            "zip_code": "Five digits, for example 80202.",
            "pay_min": "Every job on healthcareers shows its pay range. In US dollars.",
            "pay_max": "The same as the minimum if the pay is fixed.",
            "sign_on_bonus": "In US dollars.",
            "night_differential": "Added to the base rate for night shifts, if any.",
            "contract_weeks": "For contract and travel jobs, for example 13.",
            "weekly_gross": "Taxable pay for the guaranteed hours plus the stipends, in dollars.",
            "cancellation_policy": "What happens if either side cancels the contract, or hours "
            "are cut (for example “2 shifts per contract may be cancelled without pay”).",
            "description": (
                "100 to 20,000 characters: the unit, the team, a typical shift, what you offer. "
                "Plain text works (a blank line starts a new paragraph); you may also use simple "
                "HTML: paragraphs, bold, italics, lists, h3/h4 headings and links."
            ),
        }
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "workplace_type": forms.RadioSelect,
            "pay_period": forms.RadioSelect,
            "apply_method": forms.RadioSelect,
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "zip_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 5}
            ),
            "pay_min": forms.NumberInput(
                attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}
            ),
            "pay_max": forms.NumberInput(
                attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}
            ),
            "sign_on_bonus": forms.NumberInput(
                attrs={"min": "0", "step": "1", "inputmode": "decimal"}
            ),
            "description": forms.Textarea(attrs={"rows": 14}),
            "cancellation_policy": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"})
                for name in [
                    "night_differential",
                    "evening_differential",
                    "weekend_differential",
                    "weekly_gross",
                    "taxable_hourly_rate",
                    "housing_stipend_weekly",
                    "meals_stipend_weekly",
                ]
            },
        }
        error_messages = {
            "title": {"required": "Enter the job title."},
            "profession": {"required": "Choose the profession."},
            "facility_type": {"required": "Choose the type of facility."},
            "employment_type": {"required": "Choose the employment type."},
            "pay_period": {"required": "Choose whether the pay is per hour or per year."},
            "description": {"required": "Describe the job in at least 100 characters."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form field for a model field with a default has no empty choice: make the selects
        # without a default start empty, so that nothing is posted by accident.
        for name in ["profession", "facility_type", "employment_type"]:
            field = self.fields[name]
            field.choices = [("", "Choose…"), *[c for c in field.choices if c[0]]]
        self.fields["state"].choices = [("", "Choose a state…"), *US_STATES]
        for shift in DIFFERENTIALS:
            self.fields[f"{shift}_differential_unit"].choices = [
                ("", "Choose…"),
                *DifferentialUnit.choices,
            ]
        for name in ["workplace_type", "pay_period", "apply_method"]:
            # RadioSelect: no blank option.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        # Checked in clean(), so that a missing minimum ("up to $60/hr") can be told apart and
        # named against the state's pay-transparency rule.
        self.fields["pay_min"].required = self.fields["pay_max"].required = False
        self._rules = list(PayTransparencyRule.objects.in_effect())

    # Fieldsets for the template: (slug, legend, [bound fields]).
    def grouped_fields(self):
        return [
            (slug, legend, [self[name] for name in names]) for slug, legend, names in self.fieldsets
        ]

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_zip_code(self):
        zip_code = self.cleaned_data.get("zip_code", "").strip()
        if zip_code and not gazetteer.ZIP_RE.match(zip_code):
            raise forms.ValidationError("A ZIP code has exactly five digits, for example 80202.")
        if zip_code and gazetteer.zip_place(zip_code) is None:
            raise forms.ValidationError(
                f"We don't know the ZIP code {zip_code}. Check it, or leave it empty and give "
                "the city and state."
            )
        return zip_code

    def clean_city(self):
        return " ".join(self.cleaned_data.get("city", "").split())

    def clean_pay_min(self):
        pay_min = self.cleaned_data["pay_min"]
        if pay_min is not None and pay_min <= 0:
            raise forms.ValidationError("Enter a minimum pay above zero.")
        return pay_min

    def clean_sign_on_bonus(self):
        bonus = self.cleaned_data.get("sign_on_bonus")
        if bonus is not None and bonus <= 0:
            raise forms.ValidationError("Enter a bonus above zero, or leave it empty.")
        return bonus

    def clean_description(self):
        return clean_job_description(self.cleaned_data.get("description", ""))

    def clean(self):
        cleaned = super().clean()
        self._clean_location(cleaned)
        self._clean_pay(cleaned)
        self._clean_differentials(cleaned)
        self._clean_contract(cleaned)
        if cleaned.get("apply_method") == Job.ApplyMethod.EXTERNAL:
            if not cleaned.get("apply_url") and "apply_url" not in self.errors:
                self.add_error(
                    "apply_url",
                    "Enter the web address where candidates apply, or let them apply on "
                    "healthcareers.",
                )
        elif "apply_method" in cleaned:
            cleaned["apply_url"] = ""
        return cleaned

    def _clean_location(self, cleaned):
        workplace = cleaned.get("workplace_type")
        if workplace is None:
            return
        self._place = None
        if workplace not in LOCATED:
            # A remote job has no place; where the hire may live is remote_states.
            cleaned.update(city="", state="", zip_code="")
            return
        cleaned["remote_states"] = []
        if "zip_code" in self.errors:
            return
        city, state = cleaned.get("city", ""), cleaned.get("state", "")
        zip_code = cleaned.get("zip_code", "")
        if zip_code:
            place = gazetteer.zip_place(zip_code)
            if state and state != place.state:
                self.add_error(
                    "zip_code",
                    f"The ZIP code {zip_code} is in {place.state}, not {state}. "
                    "Check the ZIP code or the state.",
                )
                return
            if city and not state:
                cleaned["state"] = place.state
            if not city and not state:
                cleaned.update(city=place.city, state=place.state)
            self._place = place
            return
        if not city and not state:
            self.add_error("city", "Enter the city and state, or the ZIP code, of the job.")
            return
        if not city:
            self.add_error("city", "Enter the city, or the ZIP code.")
            return
        if not state:
            self.add_error("state", "Choose the state.")
            return
        place = gazetteer.city_place(city, state)
        if place is None:
            self.add_error(
                "city",
                f"We couldn't find {city}, {state}. Check the spelling, or enter the ZIP code.",
            )
            return
        self._place = place

    def applicable_pay_rules(self):
        """The state pay-transparency rules this posting falls under, with why: from what was
        posted, or for an unposted edit form, from the job."""
        if self.is_bound and hasattr(self, "cleaned_data"):
            values = self.cleaned_data
        elif self.instance.pk:
            values = vars(self.instance)
        else:
            return []
        return applicable_rules(
            workplace_type=values.get("workplace_type"),
            state=values.get("state") or "",
            remote_states=values.get("remote_states") or [],
            rules=self._rules,
        )

    def pay_rule_states(self) -> list[str]:
        """The states with a rule in effect, for the note in the form's Pay section."""
        return sorted({rule.state for rule in self._rules})

    def _clean_pay(self, cleaned):
        pay_min, pay_max, period = (
            cleaned.get("pay_min"),
            cleaned.get("pay_max"),
            cleaned.get("pay_period"),
        )
        if "pay_min" in self.errors or "pay_max" in self.errors:
            return
        problems = []
        for applicable in self.applicable_pay_rules():
            problems += rule_problems(
                applicable.rule,
                pay_min=pay_min,
                pay_max=pay_max,
                pay_period=period,
                benefits=cleaned.get("benefits"),
            )
        for problem in problems:
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        if pay_min is None and "pay_min" not in self.errors:
            self.add_error("pay_min", "Enter the minimum pay. Every job shows its pay range.")
        if pay_max is None and "pay_max" not in self.errors:
            self.add_error("pay_max", "Enter the maximum pay. Every job shows its pay range.")
        if pay_min is None or pay_max is None or problems:
            return
        if pay_max < pay_min:
            self.add_error(
                "pay_max",
                f"The maximum pay must be at least the minimum ({money(pay_min)}).",
            )
            return
        if period == PayPeriod.HOUR and pay_max > PAY_PERIOD_SANITY_LIMIT:
            self.add_error(
                "pay_period",
                f"{money(pay_max)} per hour looks like a yearly salary. Choose “per year”, "
                "or check the amounts.",
            )
        elif period == PayPeriod.YEAR and pay_min < PAY_PERIOD_SANITY_LIMIT:
            self.add_error(
                "pay_period",
                f"{money(pay_min)} per year looks like an hourly rate. Choose “per hour”, "
                "or check the amounts.",
            )

    def _clean_differentials(self, cleaned):
        for shift in DIFFERENTIALS:
            amount_name, unit_name = f"{shift}_differential", f"{shift}_differential_unit"
            amount, unit = cleaned.get(amount_name), cleaned.get(unit_name)
            if amount is None:
                cleaned[unit_name] = ""
            elif amount <= 0:
                self.add_error(
                    amount_name, f"Enter a {shift} differential above zero, or leave it empty."
                )
            elif not unit:
                self.add_error(
                    unit_name,
                    f"Choose whether the {shift} differential is dollars an hour or a percentage "
                    "of base pay.",
                )
            elif unit == DifferentialUnit.PERCENT and amount > 100:
                self.add_error(amount_name, "A percentage differential is at most 100%.")

    def _clean_contract(self, cleaned):
        given = [name for name in CONTRACT_FIELDS if cleaned.get(name) not in (None, "")]
        employment = cleaned.get("employment_type")
        if given and employment and employment not in CONTRACT_TYPES:
            self.add_error(
                given[0],
                "Contract length, guaranteed hours and weekly pay are for contract and travel "
                "jobs: choose Contract or Temporary as the employment type, or leave them empty.",
            )
            return
        for name in ["weekly_gross", "taxable_hourly_rate", "housing_stipend_weekly",
                     "meals_stipend_weekly"]:  # fmt: skip
            if (value := cleaned.get(name)) is not None and value <= 0:
                self.add_error(name, "Enter an amount above zero, or leave it empty.")
        if cleaned.get("contract_weeks") == 0:
            self.add_error("contract_weeks", "Enter the number of weeks, or leave it empty.")
        hours, rate = cleaned.get("guaranteed_hours"), cleaned.get("taxable_hourly_rate")
        gross = cleaned.get("weekly_gross")
        if hours is not None and not 1 <= hours <= 84:
            self.add_error("guaranteed_hours", "Guaranteed hours are between 1 and 84 a week.")
            return
        if gross and rate and hours:
            parts = (
                rate * hours
                + (cleaned.get("housing_stipend_weekly") or 0)
                + (cleaned.get("meals_stipend_weekly") or 0)
            )
            if abs(parts - gross) > WEEKLY_GROSS_TOLERANCE:
                self.add_error(
                    "weekly_gross",
                    f"The parts add up to {money(parts)} a week ({money(rate)} × {hours} hours "
                    "plus the stipends), not the weekly gross you entered. Check the amounts: "
                    "candidates compare the taxable rate and the stipends.",
                )

    def job_fields(self) -> dict:
        """The cleaned values to store, with the coordinates of the job's place."""
        fields = {name: self.cleaned_data[name] for name in self._meta.fields}
        place = getattr(self, "_place", None)
        fields["latitude"] = place.latitude if place else None
        fields["longitude"] = place.longitude if place else None
        return fields

    def error_summary(self):
        """(field label, first error, field id) for the summary at the top of the form."""
        return [
            (self[name].label, self.errors[name][0], self[name].auto_id)
            for name in self.fields
            if name in self.errors
        ]
