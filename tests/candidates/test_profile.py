"""The candidate profile at /me/profile/ and the home at /me/: sections, items, refusals."""

import pytest
from django.urls import reverse

from candidates.models import CandidateProfile, License, Visibility
from tests.candidates.factories import (
    CertificationFactory,
    ExpiredLicenseFactory,
    LicenseFactory,
    ProfileFactory,
    VerifiedLicenseFactory,
    in_days,
)
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


def test_a_new_candidate_sees_an_empty_profile_and_nothing_is_created_by_looking(client, candidate):
    client.force_login(candidate)
    response = client.get(reverse("candidates:profile"))
    assert response.status_code == 200
    assert b"0%" in response.content
    home = client.get(reverse("candidates:home"))
    assert b"Next steps" in home.content
    assert not CandidateProfile.objects.exists()


def test_candidate_saves_about_and_preferences(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("candidates:about"),
        {
            "headline": "ICU nurse, nights",
            "profession": "registered_nurse",
            "specialties": "ICU,  cardiac step-down, ICU",
            "years_experience": "6",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("candidates:preferences"),
        {
            "desired_pay_min": "48",
            "desired_pay_period": "hour",
            "shifts": ["night", "weekends"],
            "workplace_types": ["onsite"],
            "locations": "Denver CO, Aurora CO",
            "willing_to_relocate": "on",
            "work_authorization": "citizen",
        },
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=candidate)
    assert profile.specialties == ["ICU", "cardiac step-down"]
    assert profile.shifts == ["night", "weekends"]
    assert profile.locations == ["Denver CO", "Aurora CO"]
    assert profile.willing_to_relocate
    page = client.get(reverse("candidates:profile")).content.decode()
    assert "Night shift, Weekends" in page
    assert "$48 per hour or more" in page


def test_invalid_section_form_comes_back_with_errors_and_saves_nothing(client, candidate):
    client.force_login(candidate)
    response = client.post(reverse("candidates:about"), {"years_experience": "99"})
    assert response.status_code == 400
    assert b"60 years at most" in response.content
    assert not CandidateProfile.objects.exists()


def test_candidate_adds_edits_and_deletes_a_license(client, candidate):
    client.force_login(candidate)
    add = reverse("candidates:item_add", args=["licenses"])
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "license_type": "rn",
            "state": "CO",
            "number": "RN.1234567",
            "expires_on": in_days(300).isoformat(),
            "is_compact": "on",
        },
    )
    assert response.status_code == 302
    license = License.objects.get(profile__user=candidate)
    assert license.is_compact
    edit = reverse("candidates:item_edit", args=["licenses", license.pk])
    client.post(edit, {"license_type": "rn", "state": "CO", "number": "RN.7654321"})
    license.refresh_from_db()
    assert license.number == "RN.7654321" and license.expires_on is None
    client.post(reverse("candidates:item_delete", args=["licenses", license.pk]))
    assert not License.objects.exists()


def test_only_nurse_licenses_can_be_multistate(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("candidates:item_add", args=["licenses"]),
        {"license_type": "pt_license", "state": "CO", "number": "PT1", "is_compact": "on"},
    )
    assert response.status_code == 400
    assert not License.objects.exists()


def test_certification_needs_a_listed_credential_or_a_name(client, candidate):
    client.force_login(candidate)
    url = reverse("candidates:item_add", args=["certifications"])
    assert client.post(url, {"issuer": "AHA"}).status_code == 400
    assert client.post(url, {"credential": "acls", "issuer": "AHA"}).status_code == 302
    assert client.post(url, {"name": "TNCC", "issuer": "ENA"}).status_code == 302


@pytest.mark.parametrize("section", ["licenses", "certifications", "education", "experience"])
def test_candidate_adds_an_item_to_each_section(client, candidate, section):
    data = {
        "licenses": {"license_type": "lpn", "state": "TX", "number": "LVN 1"},
        "certifications": {"credential": "bls"},
        "education": {"school": "Austin CC", "degree": "AAS Nursing"},
        "experience": {"title": "LVN", "employer": "St. David's", "started_on": "2020-01-01"},
    }[section]
    client.force_login(candidate)
    assert client.post(reverse("candidates:item_add", args=[section]), data).status_code == 302
    profile = CandidateProfile.objects.get(user=candidate)
    related = {"licenses": "licenses", "certifications": "certifications"}.get(section, section)
    assert getattr(profile, related).count() == 1


@pytest.mark.parametrize("action", ["item_edit", "item_delete"])
def test_another_candidates_profile_items_are_not_found(client, candidate, action):
    theirs = LicenseFactory()
    client.force_login(candidate)
    response = client.post(reverse(f"candidates:{action}", args=["licenses", theirs.pk]))
    assert response.status_code == 404
    assert License.objects.filter(pk=theirs.pk, number=theirs.number).exists()


def test_an_unknown_section_is_not_found(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("candidates:item_add", args=["hobbies"])).status_code == 404


@pytest.mark.parametrize(
    "name,args",
    [
        ("candidates:visibility", []),
        ("candidates:resume_upload", []),
        ("candidates:resume_default", [1]),
        ("candidates:resume_delete", [1]),
        ("candidates:item_delete", ["licenses", 1]),
        ("candidates:save_job", [1]),
        ("candidates:unsave_job", [1]),
    ],
)
def test_post_endpoints_refuse_get(client, candidate, name, args):
    client.force_login(candidate)
    assert client.get(reverse(name, args=args)).status_code == 405


@pytest.mark.parametrize("name", ["candidates:home", "candidates:profile", "candidates:saved"])
def test_employers_and_guests_cannot_reach_me_pages(client, employer_owner, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(employer_owner)
    assert client.get(reverse(name)).status_code == 403


def test_expired_license_is_flagged_and_soon_expiring_is_warned(client, candidate):
    profile = ProfileFactory(user=candidate)
    ExpiredLicenseFactory(profile=profile, state="TX")
    CertificationFactory(profile=profile, credential="acls", expires_on=in_days(20))
    client.force_login(candidate)
    page = client.get(reverse("candidates:profile")).content.decode()
    assert "Expired" in page
    assert "Expires in 20 days" in page
    home = client.get(reverse("candidates:home")).content.decode()
    assert "Renewals coming up" in home


def test_verified_badge_only_with_a_recorded_check(client, candidate):
    profile = ProfileFactory(user=candidate)
    LicenseFactory(profile=profile, verification_url="https://example.org/lookup")  # no date
    client.force_login(candidate)
    assert b'badge--green">Verified' not in client.get(reverse("candidates:profile")).content
    VerifiedLicenseFactory(profile=profile, state="TX")
    assert b'badge--green">Verified' in client.get(reverse("candidates:profile")).content


def test_changing_a_verified_license_number_drops_the_verification(client, candidate):
    license = VerifiedLicenseFactory(profile=ProfileFactory(user=candidate))
    client.force_login(candidate)
    client.post(
        reverse("candidates:item_edit", args=["licenses", license.pk]),
        {"license_type": "rn", "state": "CO", "number": "RN.0000001"},
    )
    license.refresh_from_db()
    assert not license.is_verified
    assert license.verified_by is None and license.verified_at is None


def test_visibility_is_hidden_by_default_and_can_be_opened_to_verified_employers(client, candidate):
    client.force_login(candidate)
    client.post(reverse("candidates:about"), {"headline": "Coder"})
    assert CandidateProfile.objects.get(user=candidate).visibility == Visibility.HIDDEN
    client.post(reverse("candidates:visibility"), {"visibility": "verified_employers"})
    assert CandidateProfile.objects.get(user=candidate).is_visible


def test_completeness_grows_with_sections(client, candidate):
    client.force_login(candidate)
    before = client.get(reverse("candidates:home")).context["percent"]
    profile = ProfileFactory(user=candidate)
    LicenseFactory(profile=profile)
    after = client.get(reverse("candidates:home")).context["percent"]
    assert before == 0 and after > before


def test_profile_page_queries_do_not_grow_with_items(
    client, candidate, django_assert_max_num_queries
):
    profile = ProfileFactory(user=candidate)
    for state in ["CO", "TX", "UT", "WA"]:
        LicenseFactory(profile=profile, state=state)
        CertificationFactory(profile=profile)
    client.force_login(candidate)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("candidates:profile")).status_code == 200


def test_staff_editors_are_candidates_too(client):
    editor = CandidateFactory(is_staff=True)
    client.force_login(editor)
    assert client.get(reverse("candidates:profile")).status_code == 200
