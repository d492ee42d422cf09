"""Staff record a license check in admin: the look-up and the date; admin sets who checked."""

import pytest
from django.urls import reverse

from tests.candidates.factories import LicenseFactory, VerifiedLicenseFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


def license_form(license, **changes):
    data = {
        "profile": license.profile_id,
        "license_type": license.license_type,
        "state": license.state,
        "number": license.number,
        "expires_on": license.expires_on.isoformat() if license.expires_on else "",
        "verification_url": license.verification_url,
        "verified_at": license.verified_at.isoformat() if license.verified_at else "",
    }
    return data | changes


def test_staff_who_records_a_check_is_its_checker(client, admin_user):
    license = LicenseFactory()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:candidates_license_change", args=[license.pk]),
        license_form(
            license,
            verification_url="https://www.nursys.com/LQC/LQCSearch.aspx",
            verified_at="2026-11-30",
        ),
    )
    assert response.status_code == 302
    license.refresh_from_db()
    assert license.is_verified and license.verified_by == admin_user


def test_a_check_without_its_date_is_not_recorded(client, admin_user):
    license = LicenseFactory()
    client.force_login(admin_user)
    client.post(
        reverse("admin:candidates_license_change", args=[license.pk]),
        license_form(license, verification_url="https://example.org/lookup"),
    )
    license.refresh_from_db()
    assert not license.is_verified
    assert license.verification_url == "" and license.verified_by is None


def test_editing_other_fields_keeps_the_original_checker(client, admin_user):
    license = VerifiedLicenseFactory()
    checker = license.verified_by
    client.force_login(admin_user)
    client.post(
        reverse("admin:candidates_license_change", args=[license.pk]),
        license_form(license, expires_on="2030-01-31"),
    )
    license.refresh_from_db()
    assert license.verified_by == checker


def test_profile_admin_lists_and_opens_a_profile(client, admin_user):
    license = LicenseFactory()
    client.force_login(admin_user)
    assert client.get(reverse("admin:candidates_candidateprofile_changelist")).status_code == 200
    url = reverse("admin:candidates_candidateprofile_change", args=[license.profile_id])
    assert client.get(url).status_code == 200
