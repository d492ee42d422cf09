"""Staff in admin: verify companies, change plans, work the upgrade request queue."""

import pytest

from employers.models import Company, Invitation, UpgradeRequest
from employers.plans import FREE, PROFESSIONAL
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def action(client, url, name, pks):
    return client.post(url, {"action": name, "_selected_action": [str(pk) for pk in pks]})


def test_staff_verify_and_unverify_companies(client, superuser):
    first, second = CompanyFactory(), CompanyFactory(is_verified=True)
    client.force_login(superuser)

    action(client, "/admin/employers/company/", "mark_verified", [first.pk, second.pk])
    first.refresh_from_db()
    assert first.is_verified

    action(client, "/admin/employers/company/", "mark_unverified", [first.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_verified and second.is_verified


def test_company_list_in_admin_filters_by_verification_and_plan(client, superuser):
    CompanyFactory(name="Verified Co", is_verified=True, plan=PROFESSIONAL)
    CompanyFactory(name="Plain Co")
    client.force_login(superuser)

    html = client.get("/admin/employers/company/?is_verified__exact=1").content.decode()
    assert "Verified Co" in html and "Plain Co" not in html
    html = client.get("/admin/employers/company/?plan__exact=professional").content.decode()
    assert "Verified Co" in html and "Plain Co" not in html


def test_staff_change_a_companys_plan_and_about_is_sanitized(client, superuser, company):
    client.force_login(superuser)
    page = client.get(f"/admin/employers/company/{company.pk}/change/")
    assert page.status_code == 200

    data = {
        "name": company.name,
        "slug": company.slug,
        "is_verified": "on",
        "plan": PROFESSIONAL,
        "facility_type": "",
        "size": "",
        "website": "",
        "about": "<p>Hi<script>alert(1)</script></p>",
        "benefits": "Tuition up to $5,250 a year\r\nOn-site childcare",
    }
    for prefix in ["locations", "memberships", "invitations"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(f"/admin/employers/company/{company.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    company.refresh_from_db()
    assert company.plan == PROFESSIONAL and company.is_verified
    assert company.about == "<p>Hi</p>"
    assert company.benefits == ["Tuition up to $5,250 a year", "On-site childcare"]


def test_staff_apply_a_requested_plan_from_the_queue(client, superuser, company):
    upgrade = UpgradeRequest.objects.create(
        company=company, requester_email="o@example.com", current_plan=FREE, plan=PROFESSIONAL
    )
    client.force_login(superuser)
    assert (
        "Lakeside Health"
        in client.get("/admin/employers/upgraderequest/?queue=open").content.decode()
    )

    action(client, "/admin/employers/upgraderequest/", "apply_plan", [upgrade.pk])

    company.refresh_from_db()
    upgrade.refresh_from_db()
    assert company.plan == PROFESSIONAL
    assert upgrade.handled_at and upgrade.handled_by == superuser
    assert (
        "Lakeside Health"
        not in client.get("/admin/employers/upgraderequest/?queue=open").content.decode()
    )


def test_staff_close_a_request_without_changing_the_plan(client, superuser, company):
    upgrade = UpgradeRequest.objects.create(
        company=company, requester_email="o@example.com", current_plan=FREE, plan=PROFESSIONAL
    )
    client.force_login(superuser)

    action(client, "/admin/employers/upgraderequest/", "close", [upgrade.pk])

    company.refresh_from_db()
    upgrade.refresh_from_db()
    assert company.plan == FREE and upgrade.handled_at


def test_staff_see_and_revoke_invitations(client, superuser, company):
    from datetime import timedelta

    from django.utils import timezone

    invitation = Invitation.objects.create(
        company=company, email="x@example.com", expires_at=timezone.now() + timedelta(days=7)
    )
    client.force_login(superuser)
    assert (
        "x@example.com"
        in client.get("/admin/employers/invitation/?status=pending").content.decode()
    )

    action(client, "/admin/employers/invitation/", "revoke", [invitation.pk])

    invitation.refresh_from_db()
    assert invitation.revoked_at


def test_staff_without_permissions_cannot_change_plans(client, staff_editor, company):
    client.force_login(staff_editor)

    response = client.get(f"/admin/employers/company/{company.pk}/change/")

    assert response.status_code == 403
    assert Company.objects.get(pk=company.pk).plan == FREE
