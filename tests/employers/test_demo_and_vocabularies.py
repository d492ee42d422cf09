"""Demo company profiles."""

import random
import re

import pytest

from demo.companies import PROFILES, seed_companies_profile
from demo.jobs import ROLES, build_description
from employers import choices as employer_choices
from employers.models import Company
from employers.plans import PLANS
from jobs.choices import Profession, Shift
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_seed_companies_profile_fills_the_demo_companies_once():
    for name in PROFILES:
        CompanyFactory(name=name)
    CompanyFactory(name="Not A Demo Company")

    assert seed_companies_profile() == len(PROFILES)
    assert seed_companies_profile() == 0

    tidewater = Company.objects.get(name="Tidewater Bay Medical Center")
    assert tidewater.facility_type == "hospital"
    assert tidewater.plan_details.name == "Enterprise"
    assert [loc.label for loc in tidewater.locations.all()][0] == "Norfolk, VA"
    assert tidewater.about.startswith("<p>A 480-bed teaching hospital")
    assert Company.objects.get(name="Mesa Alta Imaging Partners").plan == "professional"
    assert Company.objects.get(name="Not A Demo Company").about == ""


def test_seed_companies_profile_never_overwrites_an_edited_profile():
    company = CompanyFactory(name="Tidewater Bay Medical Center", about="<p>Ours.</p>")

    assert seed_companies_profile() == 0
    company.refresh_from_db()
    assert company.about == "<p>Ours.</p>" and company.plan == "free"


def test_demo_profiles_use_known_vocabularies():
    facility_types = set(employer_choices.FacilityType.values)
    for facility, size, website, plan, places, about, benefits in PROFILES.values():
        assert facility in facility_types
        assert size in employer_choices.CompanySize.values
        assert plan in PLANS
        assert all(state in employer_choices.STATE_NAMES for _, state in places)
        assert website.startswith("https://")
        assert about and benefits


UPPER_SNAKE = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


def test_demo_job_descriptions_name_credentials_by_their_labels():
    rng = random.Random(1)
    descriptions = [
        build_description(rng, titles[0], specialties[0], "Hospital", profession, shift, required)
        for profession, (titles, specialties, required, *_rest) in ROLES.items()
        for shift in Shift
    ]

    assert not [text for text in descriptions if UPPER_SNAKE.search(text)]
    physical_therapy = build_description(
        rng, "Physical Therapist", "Outpatient", "Clinic", Profession.PHYSICAL_THERAPIST,
        Shift.DAY, ["pt_license"],
    )  # fmt: skip
    assert "<li>Current PT license.</li>" in physical_therapy
    assert "PT_LICENSE" not in physical_therapy
