"""The audit trail (issue 14 item 8): staff and employer-owner actions on companies, jobs,
applications, plans and accounts are recorded with who, what, when and from where, and staff
read them in admin, where nobody (a superuser neither) can add, change or delete one."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_events_purge, record
from employers.models import Membership, UpgradeRequest
from employers.plans import ENTERPRISE, FREE, PROFESSIONAL
from jobs.models import Job
from tests.applications.factories import ApplicationFactory
from tests.employers.test_company_profile import profile
from tests.factories import (
    TEST_PASSWORD,
    CandidateFactory,
    CompanyFactory,
    JobFactory,
    PublishedJobFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
S = Job.Status


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _storage(private_storage, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def only(action: str) -> AuditEvent:
    [event] = AuditEvent.objects.filter(action=action)
    return event


def admin_action(client, model: str, name: str, objects, meta=None, **extra):
    data = {"action": name, "_selected_action": [str(o.pk) for o in objects], **extra}
    return client.post(f"/admin/{model}/", data, **(meta or {}))


# Staff: jobs, companies, plans -------------------------------------------------------------


def test_staff_approving_a_job_is_recorded_with_who_what_when_and_where(
    client, superuser, company, employer_owner
):
    job = JobFactory(company=company, status=S.PENDING_REVIEW, title="ICU Nurse")
    client.force_login(superuser)

    with time_machine.travel(NOW, tick=False):
        admin_action(client, "jobs/job", "approve", [job], meta={"REMOTE_ADDR": "203.0.113.9"})

    event = only("job.approve")
    assert event.actor == superuser and event.actor_repr == "admin@example.com"
    assert event.actor_role == "superuser"
    assert event.ip == "203.0.113.9"
    assert event.created_at == NOW
    assert (event.target_type.model, event.target_id) == ("job", str(job.pk))
    assert event.target_repr == str(job)
    assert event.changes == {"status": ["pending_review", "published"]}


def test_staff_sending_a_job_back_records_the_reason(client, superuser, company, employer_owner):
    job = JobFactory(company=company, status=S.PENDING_REVIEW)
    client.force_login(superuser)

    admin_action(client, "jobs/job", "send_back", [job], apply="1", reason="Add the pay range.")

    assert only("job.send_back").changes == {
        "status": ["pending_review", "draft"],
        "reason": ["", "Add the pay range."],
    }


def test_staff_verifying_companies_records_one_event_each(client, superuser):
    first, second, already = CompanyFactory(), CompanyFactory(), CompanyFactory(is_verified=True)
    client.force_login(superuser)

    admin_action(client, "employers/company", "mark_verified", [first, second, already])

    events = AuditEvent.objects.filter(action="company.verify")
    assert sorted(e.target_id for e in events) == sorted([str(first.pk), str(second.pk)])
    assert all(e.changes == {"is_verified": [False, True]} for e in events)


def test_staff_applying_a_requested_plan_records_the_plan_change(client, superuser, company):
    upgrade = UpgradeRequest.objects.create(
        company=company, requester_email="o@example.com", current_plan=FREE, plan=PROFESSIONAL
    )
    client.force_login(superuser)

    admin_action(client, "employers/upgraderequest", "apply_plan", [upgrade])

    event = only("plan.change")
    assert event.actor == superuser
    assert event.changes == {"plan": [FREE, PROFESSIONAL], "upgrade request": [None, upgrade.pk]}


def test_a_staff_edit_in_the_admin_form_is_recorded_with_its_values(client, superuser, company):
    client.force_login(superuser)
    data = {
        "name": company.name,
        "slug": company.slug,
        "plan": ENTERPRISE,
        "facility_type": "",
        "size": "",
        "website": "",
        "about": "",
        "benefits": "",
    }
    for prefix in ["locations", "memberships", "invitations"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post(f"/admin/employers/company/{company.pk}/change/", data)

    assert response.status_code == 302
    event = only("admin.change")
    assert event.actor == superuser and event.target_id == str(company.pk)
    assert event.changes["values"] == {"plan": [FREE, ENTERPRISE]}
    assert "Plan" in event.changes["message"]


def test_staff_deleting_accounts_in_admin_is_recorded_one_by_one_and_in_bulk(client, superuser):
    one, two, three = (CandidateFactory(email=f"c{n}@example.com") for n in range(3))
    client.force_login(superuser)

    client.post(f"/admin/accounts/user/{one.pk}/delete/", {"post": "yes"})
    admin_action(client, "accounts/user", "delete_selected", [two, three], post="yes")

    assert not User.objects.filter(pk__in=[one.pk, two.pk, three.pk]).exists()
    events = AuditEvent.objects.filter(action="admin.delete")
    assert sorted(e.target_repr for e in events) == [
        "c0@example.com",
        "c1@example.com",
        "c2@example.com",
    ]
    assert {e.actor_id for e in events} == {superuser.pk}


def test_staff_deactivating_an_account_in_admin_is_recorded(client, superuser):
    nurse = CandidateFactory(email="nurse@example.com")
    client.force_login(superuser)

    # As the admin writes it for any change form: one LogEntry per saved change.
    LogEntry.objects.log_actions(
        superuser.pk, [nurse], 2, [{"changed": {"fields": ["Active"]}}], single_object=True
    )

    event = only("admin.change")
    assert event.target_repr == "nurse@example.com"
    assert event.changes == {"message": "Changed Active."}


# Employer owners: team, company, jobs, applications ----------------------------------------


def test_owner_team_changes_are_recorded_as_the_owners(
    client, employer_owner, employer_recruiter, company
):
    client.force_login(employer_owner)

    client.post("/dashboard/team/invite/", {"email": "new@example.com"})
    invitation = company.invitations.get(email="new@example.com")
    client.post(f"/dashboard/team/invitations/{invitation.pk}/revoke/")
    client.post(
        "/dashboard/team/transfer/", {"member": employer_recruiter.membership.pk, "confirm": "on"}
    )

    invite, revoke, transfer = (
        only(a) for a in ("team.invite", "team.invitation_revoke", "team.ownership_transfer")
    )
    assert invite.changes == {"invited": [None, "new@example.com"]}
    assert revoke.changes == {"invited": ["new@example.com", None]}
    assert transfer.changes == {
        "role of owner@lakeside.example": ["owner", "recruiter"],
        f"role of {employer_recruiter.email}": ["recruiter", "owner"],
    }
    for event in (invite, revoke, transfer):
        assert event.actor == employer_owner and event.actor_role == "owner"
        assert event.target_id == str(company.pk) and event.ip == "127.0.0.1"


def test_owner_removing_a_recruiter_is_recorded(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    client.post(f"/dashboard/team/members/{employer_recruiter.membership.pk}/remove/")

    assert only("team.remove").changes == {"member": [employer_recruiter.email, None]}


def test_a_refused_change_records_nothing(client, employer_owner, employer_recruiter):
    client.force_login(employer_recruiter)  # not the owner: the transfer is refused

    client.post(
        "/dashboard/team/transfer/", {"member": employer_recruiter.membership.pk, "confirm": "on"}
    )
    client.force_login(employer_owner)
    client.post(f"/dashboard/team/members/{employer_owner.membership.pk}/remove/")

    assert Membership.objects.get(user=employer_owner).is_owner
    assert not AuditEvent.objects.exists()


def test_renaming_a_verified_company_is_recorded_with_the_lost_badge(
    client, employer_owner, company
):
    company.is_verified = True
    company.save()
    client.force_login(employer_owner)

    client.post("/dashboard/company/", profile(name="Lakeside Wellness"))

    assert only("company.rename").changes == {
        "name": ["Lakeside Health", "Lakeside Wellness"],
        "is_verified": [True, False],
    }


def test_featuring_and_closing_a_job_are_recorded(client, employer_owner, company):
    company.plan = ENTERPRISE
    company.save()
    job = PublishedJobFactory(company=company)
    client.force_login(employer_owner)

    client.post(reverse("jobs_dashboard:feature", args=[job.pk]))
    client.post(reverse("jobs_dashboard:close", args=[job.pk]))

    assert only("job.feature").changes == {"is_featured": [False, True]}
    assert only("job.close").changes == {"status": ["published", "closed"]}
    assert only("job.close").actor == employer_owner


def test_stage_changes_and_answers_to_an_application_are_recorded_without_personal_data(
    client, employer_owner, company, candidate
):
    application = ApplicationFactory(job=PublishedJobFactory(company=company), candidate=candidate)
    client.force_login(employer_owner)
    url = reverse("applications_dashboard:move", args=[application.pk])

    client.post(url, {"stage": "interview", "message": "Can you come on Tuesday?"})
    client.post(
        reverse("applications_dashboard:message", args=[application.pk]),
        {"body": "Bring your license."},
    )

    stage, message = only("application.stage"), only("application.message")
    assert stage.changes == {"stage": ["submitted", "interview"]}
    assert stage.actor == message.actor == employer_owner
    for event in (stage, message):
        assert event.target_id == str(application.pk)
        assert candidate.email not in event.target_repr
        assert "Bring your license" not in str(event.changes)


# Accounts ----------------------------------------------------------------------------------


def test_a_deleted_account_leaves_an_audit_line_without_the_person(client, candidate):
    client.force_login(candidate)
    pk = candidate.pk

    client.post(reverse("candidates:account_delete"), {"password": TEST_PASSWORD})

    event = only("account.delete")
    assert event.target_id == str(pk) and event.target_repr == f"User #{pk}"
    assert event.actor is None and event.actor_repr == "" and event.ip is None
    assert event.actor_role == "candidate"


def test_an_action_outside_a_request_is_the_systems(company):
    event = record(action="company.verify", target=company)

    assert event.actor is None and event.ip is None and event.actor_role == ""


# The admin: read-only, filtered, searched --------------------------------------------------


@pytest.fixture
def event(superuser, company):
    return record(action="company.verify", target=company, actor=superuser, ip="198.51.100.7")


def test_staff_read_the_trail_with_filters_and_search(client, superuser, event):
    record(action="job.approve", target=PublishedJobFactory(title="Wound Care RN"), actor=superuser)
    client.force_login(superuser)

    for query, shown in [
        ("", 2),
        ("?action=company.verify", 1),
        ("?actor_role=superuser", 2),
        (f"?actor__id__exact={superuser.pk}", 2),
        (f"?created_at__year={timezone.now().year}", 2),
        ("?q=198.51.100.7", 1),
        ("?q=Wound", 1),
    ]:
        response = client.get(f"/admin/audit/auditevent/{query}")
        assert response.status_code == 200, query
        assert response.context["cl"].result_count == shown, query


def test_nobody_adds_changes_or_deletes_an_event_in_admin_not_even_a_superuser(
    client, superuser, event
):
    client.force_login(superuser)
    base = f"/admin/audit/auditevent/{event.pk}"

    page = client.get(f"{base}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # shown read-only
    assert client.post(f"{base}/change/", {"action": "forged"}).status_code == 403
    assert client.get(f"{base}/delete/").status_code == 403
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post("/admin/audit/auditevent/add/", {"action": "forged"}).status_code == 403
    response = client.post(
        "/admin/audit/auditevent/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)

    event.refresh_from_db()
    assert event.action == "company.verify"
    assert AuditEvent.objects.count() == 1


def test_staff_without_the_view_permission_do_not_see_the_trail(client, staff_editor, event):
    client.force_login(staff_editor)

    assert client.get("/admin/audit/auditevent/").status_code == 403


def test_an_event_cannot_be_changed_through_the_model_either(event):
    event.action = "forged"

    with pytest.raises(ValueError, match="never changed"):
        event.save()


def test_events_past_the_retention_period_are_purged(settings, event):
    settings.AUDIT_RETENTION_DAYS = 730
    old = record(action="job.approve", target=event.actor)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))

    assert audit_events_purge() == 1
    assert list(AuditEvent.objects.all()) == [event]
    assert audit_events_purge() == 0  # idempotent


def test_staff_revoking_an_invitation_in_admin_are_recorded_as_staff(client, superuser, company):
    invitation = company.invitations.create(
        email="new@example.com", expires_at=timezone.now() + timedelta(days=7)
    )
    client.force_login(superuser)

    admin_action(client, "employers/invitation", "revoke", [invitation])

    event = only("team.invitation_revoke")
    assert event.actor == superuser and event.actor_role == "superuser"
