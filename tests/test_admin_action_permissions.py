"""Admin actions change things, so they need the change permission: staff who may only view a
model must neither see nor run them."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.utils import timezone

from employers.models import Company, Invitation, UpgradeRequest
from employers.plans import PROFESSIONAL
from jobs.models import Job, JobReport
from tests.factories import JobFactory, PublishedJobFactory, StaffEditorFactory

pytestmark = pytest.mark.django_db


def view_only_staff(*models):
    user = StaffEditorFactory(email="viewer@example.com")
    for model in models:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label=model._meta.app_label,
                codename=f"view_{model._meta.model_name}",
            )
        )
    return type(user).objects.get(pk=user.pk)  # fresh: no cached permissions


def every_custom_action():
    for model, model_admin in admin.site._registry.items():
        for action in model_admin.actions or []:
            if action != "delete_selected":
                yield pytest.param(model, action, id=f"{model._meta.label}.{action}")


@pytest.mark.parametrize(("model", "action"), list(every_custom_action()))
def test_view_only_staff_are_offered_no_action(model, action):
    request = RequestFactory().get("/admin/")
    request.user = view_only_staff(model)
    model_admin = admin.site._registry[model]

    assert model_admin.has_view_permission(request)
    assert action not in model_admin.get_actions(request)


def run_action(client, model, action, objects):
    opts = model._meta
    return client.post(
        f"/admin/{opts.app_label}/{opts.model_name}/",
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects],
            "apply": "1",
            "reason": "Add the pay range the role really pays, please.",
        },
    )


def test_view_only_staff_cannot_approve_or_send_back_jobs(client, company):
    pending = JobFactory(company=company, status=Job.Status.PENDING_REVIEW)
    client.force_login(view_only_staff(Job))

    for action in ("approve", "send_back"):
        run_action(client, Job, action, [pending])

    pending.refresh_from_db()
    assert pending.status == Job.Status.PENDING_REVIEW


def test_view_only_staff_cannot_resolve_reports(client, company):
    report = JobReport.objects.create(job=PublishedJobFactory(company=company), reason="scam")
    client.force_login(view_only_staff(JobReport))

    run_action(client, JobReport, "mark_resolved", [report])

    report.refresh_from_db()
    assert report.resolved_at is None


def test_view_only_staff_cannot_verify_companies(client, company):
    client.force_login(view_only_staff(Company))

    run_action(client, Company, "mark_verified", [company])

    company.refresh_from_db()
    assert not company.is_verified


def test_view_only_staff_cannot_revoke_invitations(client, company, employer_owner):
    invitation = Invitation.objects.create(
        company=company,
        email="newhire@example.com",
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(view_only_staff(Invitation))

    run_action(client, Invitation, "revoke", [invitation])

    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.fixture
def upgrade_request(company):
    return UpgradeRequest.objects.create(
        company=company,
        requester_email="owner@lakeside.example",
        current_plan=company.plan,
        plan=PROFESSIONAL,
    )


def test_view_only_staff_cannot_apply_plans(client, company, upgrade_request):
    client.force_login(view_only_staff(UpgradeRequest, Company))

    for action in ("apply_plan", "close"):
        run_action(client, UpgradeRequest, action, [upgrade_request])

    company.refresh_from_db()
    upgrade_request.refresh_from_db()
    assert company.plan != PROFESSIONAL
    assert upgrade_request.handled_at is None


def test_applying_a_plan_also_needs_the_right_to_change_the_company(
    client, company, upgrade_request
):
    staff = view_only_staff(Company)
    staff.user_permissions.add(Permission.objects.get(codename="change_upgraderequest"))
    client.force_login(type(staff).objects.get(pk=staff.pk))

    run_action(client, UpgradeRequest, "apply_plan", [upgrade_request])

    company.refresh_from_db()
    assert company.plan != PROFESSIONAL


def test_staff_with_the_change_permission_still_run_them(client, company):
    staff = view_only_staff(Company)
    staff.user_permissions.add(Permission.objects.get(codename="change_company"))
    client.force_login(type(staff).objects.get(pk=staff.pk))

    run_action(client, Company, "mark_verified", [company])

    company.refresh_from_db()
    assert company.is_verified
