"""The profile's forms: one per section, each saved by its own POST."""

from django import forms
from django.contrib.postgres.forms import SimpleArrayField

from applications import uploads
from applications.uploads import sniff_format
from candidates.finder import RADIUS_CHOICES
from candidates.models import (
    CandidateProfile,
    Certification,
    CompanyBlock,
    Education,
    License,
    WorkExperience,
)
from jobs.choices import US_STATES, Credential, Profession, Shift, WorkplaceType
from jobs.gazetteer import UnknownLocation, city_place, parse_location


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CommaListField(SimpleArrayField):
    """A list typed as "ICU, cardiac step-down": blanks and repeats dropped."""

    def __init__(self, **kwargs):
        super().__init__(forms.CharField(max_length=80), required=False, **kwargs)

    def to_python(self, value):
        items = [" ".join(item.split()) for item in (value or "").split(",")]
        return super().to_python(",".join(dict.fromkeys(item for item in items if item)))


class AboutForm(forms.ModelForm):
    specialties = CommaListField(
        max_length=10, help_text="Separated by commas: ICU, cardiac step-down."
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "headline",
            "profession",
            "specialties",
            "years_experience",
            "city",
            "state",
            "available_from",
        ]
        labels = {"city": "Your city", "state": "Your state"}
        help_texts = {"city": "Employers see your city and state, never your address."}
        widgets = {
            "years_experience": forms.NumberInput(attrs={"min": 0, "max": 60}),
            "available_from": DateInput(),
        }

    def clean(self):
        data = super().clean()
        city, state = (data.get("city") or "").strip(), data.get("state") or ""
        self.instance.latitude = self.instance.longitude = None
        if city and not state:
            self.add_error("state", "Choose the state your city is in.")
        elif city:
            place = city_place(city, state)
            if place is None:
                self.add_error("city", f"We couldn't find {city} in {state}. Check the spelling.")
            else:
                data["city"] = place.city
                self.instance.latitude, self.instance.longitude = place.latitude, place.longitude
        return data

    def clean_years_experience(self):
        years = self.cleaned_data["years_experience"]
        if years is not None and years > 60:
            raise forms.ValidationError("Enter 60 years at most.")
        return years


class PreferencesForm(forms.ModelForm):
    shifts = forms.MultipleChoiceField(
        choices=Shift.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    workplace_types = forms.MultipleChoiceField(
        label="Workplace",
        choices=WorkplaceType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    locations = CommaListField(
        max_length=10, help_text="Separated by commas: Denver CO, Boulder CO."
    )

    class Meta:
        model = CandidateProfile
        fields = [
            "desired_pay_min",
            "desired_pay_period",
            "shifts",
            "workplace_types",
            "locations",
            "willing_to_relocate",
            "work_authorization",
        ]
        widgets = {"desired_pay_min": forms.NumberInput(attrs={"min": 1, "step": "0.01"})}

    def clean_desired_pay_min(self):
        pay = self.cleaned_data["desired_pay_min"]
        if pay is not None and pay <= 0:
            raise forms.ValidationError("Enter an amount above zero, or leave it empty.")
        return pay


class VisibilityForm(forms.ModelForm):
    class Meta:
        model = CandidateProfile
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["credential", "name", "issuer", "number", "issued_on", "expires_on"]
        labels = {"credential": "Certification"}
        widgets = {"issued_on": DateInput(), "expires_on": DateInput()}

    def clean(self):
        data = super().clean()
        if not data.get("credential") and not data.get("name", "").strip():
            raise forms.ValidationError("Pick the certification from the list, or type its name.")
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", "The expiry date is before the issue date.")
        return data


class LicenseForm(forms.ModelForm):
    class Meta:
        model = License
        fields = ["license_type", "state", "number", "expires_on", "is_compact"]
        widgets = {"expires_on": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("is_compact") and data.get("license_type") not in License.COMPACT_TYPES:
            self.add_error("is_compact", "Only RN and LPN licenses can be multistate.")
        return data


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["school", "degree", "field_of_study", "graduation_year"]
        widgets = {"graduation_year": forms.NumberInput(attrs={"min": 1950, "max": 2100})}

    def clean_graduation_year(self):
        year = self.cleaned_data["graduation_year"]
        if year is not None and not 1950 <= year <= 2100:
            raise forms.ValidationError("Enter a year between 1950 and 2100.")
        return year


class WorkExperienceForm(forms.ModelForm):
    class Meta:
        model = WorkExperience
        fields = ["title", "employer", "location", "started_on", "ended_on", "summary"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", "The end date is before the start date.")
        return data


class ResumeUploadForm(forms.Form):
    resume = forms.FileField(
        label="Add a resume",
        help_text="PDF or Word (.docx), 5 MB at most.",
        error_messages={"empty": uploads.EMPTY},
    )

    def clean_resume(self):
        upload = self.cleaned_data["resume"]
        self.cleaned_data["format"] = sniff_format(upload)
        return upload


# Find Candidates and privacy --------------------------------------------------------------


class CandidateSearchForm(forms.Form):
    """The employer's search of visible profiles (GET)."""

    q = forms.CharField(
        label="Keywords",
        max_length=100,
        required=False,
        help_text="Words of the headline or specialties: ICU, telemetry.",
    )
    profession = forms.ChoiceField(
        choices=[("", "Any profession"), *Profession.choices], required=False
    )
    credential = forms.ChoiceField(
        label="Holds", choices=[("", "Any credential"), *Credential.choices], required=False
    )
    license_state = forms.ChoiceField(
        label="Licensed in",
        choices=[("", "Any state"), *US_STATES],
        required=False,
        help_text="A multistate nurse license counts for every compact state.",
    )
    location = forms.CharField(
        label="Near", max_length=80, required=False, help_text="City, ST or a ZIP code."
    )
    radius = forms.TypedChoiceField(
        label="Within",
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=25,
        initial=25,
    )
    available = forms.ChoiceField(
        label="Availability",
        choices=[
            ("", "Any time"),
            ("now", "Open to work now"),
            ("30", "Within 30 days"),
            ("90", "Within 90 days"),
        ],
        required=False,
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def clean_location(self):
        text = self.cleaned_data["location"].strip()
        if not text:
            self.cleaned_data["place"] = None
            return ""
        try:
            self.cleaned_data["place"] = parse_location(text)
        except UnknownLocation as error:
            raise forms.ValidationError(str(error)) from None
        return text


class InvitationForm(forms.Form):
    job = forms.TypedChoiceField(label="Job to apply to", coerce=int)
    message = forms.CharField(
        label="A note to the candidate",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].choices = [(job.pk, job.title) for job in jobs]


class BlockForm(forms.Form):
    kind = forms.ChoiceField(
        label="Block by",
        choices=CompanyBlock.Kind.choices,
        widget=forms.RadioSelect,
        initial=CompanyBlock.Kind.NAME,
    )
    value = forms.CharField(
        label="Company name or domain",
        max_length=160,
        help_text="A name such as “Lakeside Health”, or a domain such as lakeside.org: a domain "
        "hides you from every company whose team's emails or website use it.",
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
