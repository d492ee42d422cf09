"""The Verified badge vouches for the name staff checked: a verified company that renames itself
loses it until staff check the new name."""

import pytest
from django.contrib.auth.models import Permission

from employers.models import Company
from employers.services import company_set_verified
from tests.employers.test_company_profile import URL, profile
from tests.factories import StaffEditorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(company):
    company.is_verified = True
    company.save()
    return company


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_renaming_a_verified_company_removes_the_badge_and_tells_the_owner(
    client, employer_owner, verified
):
    client.force_login(employer_owner)

    response = client.post(URL, profile(name="Mayo Clinic"), follow=True)

    verified.refresh_from_db()
    assert verified.name == "Mayo Clinic"
    assert not verified.is_verified
    assert verified.renamed_from == "Lakeside Health"
    assert any("no longer marked Verified" in m for m in messages_of(response))


def test_saving_the_profile_under_the_same_name_keeps_the_badge(client, employer_owner, verified):
    client.force_login(employer_owner)

    response = client.post(URL, profile(name="  lakeside   HEALTH "), follow=True)

    verified.refresh_from_db()
    assert verified.is_verified
    assert verified.renamed_from == ""
    assert not any("Verified" in m for m in messages_of(response))


def test_renaming_an_unverified_company_changes_nothing_else(client, employer_owner, company):
    client.force_login(employer_owner)

    client.post(URL, profile(name="Lakeside Health System"))

    company.refresh_from_db()
    assert (company.name, company.is_verified, company.renamed_from) == (
        "Lakeside Health System",
        False,
        "",
    )


def test_staff_see_renamed_companies_in_admin_and_verifying_again_clears_it(
    client, employer_owner, verified
):
    client.force_login(employer_owner)
    client.post(URL, profile(name="Mayo Clinic"))
    staff = StaffEditorFactory(email="verifier@example.com")
    staff.user_permissions.add(Permission.objects.get(codename="change_company"))
    client.force_login(staff)

    listing = client.get("/admin/employers/company/", {"renamed": "yes"})

    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [verified]
    assert "Lakeside Health" in listing.content.decode()

    company_set_verified(companies=Company.objects.filter(pk=verified.pk), verified=True)
    verified.refresh_from_db()
    assert verified.is_verified and verified.renamed_from == ""
