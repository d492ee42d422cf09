"""Two-factor authentication where it is required (issue 14 item 5): staff accounts when
MFA_REQUIRED_FOR_STAFF (on by default in production), and the hiring team of a company whose
owner requires it. Until they set up an authenticator app they reach only the set-up pages,
and what they POST elsewhere is not done."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from audit.models import AuditEvent
from employers.models import Company
from jobs.models import Job
from tests.factories import (
    CompanyFactory,
    EmployerUserFactory,
    JobFactory,
    MembershipFactory,
    PublishedJobFactory,
    UserFactory,
)
from tests.test_mfa import ACTIVATE, current_code, sign_in, start_totp_setup
from tests.test_production_settings import SAFE_PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/totp/activate/"
REQUIRE = "/dashboard/team/require-two-factor/"


def give_totp(user):
    return Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})


def warnings(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(db):
    return UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def required_for_staff(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


# Staff -------------------------------------------------------------------------------------


def test_production_requires_two_factor_of_staff_by_default():
    code = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_STAFF)"
    production = run_manage(SAFE_PRODUCTION_ENV, "shell", "-c", code)
    development = run_manage({"DJANGO_ENV": "development"}, "shell", "-c", code)

    assert production.stdout.strip().splitlines()[-1] == "True", production.stderr
    assert development.stdout.strip().splitlines()[-1] == "False", development.stderr


@pytest.mark.usefixtures("required_for_staff")
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/jobs/job/", "/", "/jobs/", "/account/settings/"]
)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, staff, path):
    client.force_login(staff)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert "Staff accounts need two-factor authentication" in warnings(response)[0]


@pytest.mark.usefixtures("required_for_staff")
def test_what_staff_without_an_authenticator_post_is_not_done(client, staff, company):
    job = JobFactory(company=company, status=Job.Status.PENDING_REVIEW)
    client.force_login(staff)

    response = client.post(
        "/admin/jobs/job/", {"action": "approve", "_selected_action": [str(job.pk)]}
    )

    assert response.status_code == 302 and response["Location"] == SETUP
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING_REVIEW
    assert not AuditEvent.objects.exists()


@pytest.mark.usefixtures("required_for_staff")
def test_the_set_up_pages_and_signing_out_stay_open(client, staff):
    client.force_login(staff)

    assert client.get("/accounts/2fa/").status_code == 200
    # Setting up asks for the password again first: not a loop back to itself.
    assert client.get(SETUP)["Location"].startswith("/accounts/reauthenticate/")
    assert client.get("/accounts/logout/").status_code == 200


@pytest.mark.usefixtures("required_for_staff", "commit_after_each_request")
def test_staff_who_set_up_an_authenticator_reach_the_admin(client, staff, time_machine):
    time_machine.move_to("2026-03-02 09:00:05Z", tick=False)  # one 30-second code period
    sign_in(client, staff.email)
    assert client.get("/admin/")["Location"] == SETUP

    secret = start_totp_setup(client)
    assert client.post(ACTIVATE, {"code": current_code(secret)}).status_code == 302

    assert client.get("/admin/").status_code == 200


def test_without_the_setting_staff_reach_the_admin_without_an_authenticator(
    client, staff, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(staff)

    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("required_for_staff")
def test_the_staff_rule_leaves_other_accounts_alone(client, candidate, employer_owner):
    for user, page in [(candidate, "/me/"), (employer_owner, "/dashboard/")]:
        client.force_login(user)
        assert client.get(page).status_code == 200, user


# A company's team --------------------------------------------------------------------------


def test_an_owner_without_an_authenticator_cannot_require_one_of_the_team(
    client, employer_owner, company
):
    client.force_login(employer_owner)

    response = client.post(REQUIRE, {"require_mfa": "on"}, follow=True)

    assert "Set up two-factor authentication for your own account first" in (
        response.content.decode()
    )
    company.refresh_from_db()
    assert not company.require_mfa
    assert not AuditEvent.objects.exists()


def test_an_owner_requires_two_factor_of_the_team_and_it_is_audited(
    client, employer_owner, company
):
    give_totp(employer_owner)
    client.force_login(employer_owner)
    assert "Require two-factor for the team" in client.get("/dashboard/team/").content.decode()

    response = client.post(REQUIRE, {"require_mfa": "on"})

    assert response.status_code == 302 and response["Location"] == "/dashboard/team/"
    company.refresh_from_db()
    assert company.require_mfa
    [event] = AuditEvent.objects.filter(action="company.require_mfa")
    assert event.actor == employer_owner and event.changes == {"require_mfa": [False, True]}
    assert "Stop requiring two-factor" in client.get("/dashboard/team/").content.decode()


def test_a_recruiter_cannot_change_the_teams_requirement(client, employer_recruiter, company):
    give_totp(employer_recruiter)
    client.force_login(employer_recruiter)

    assert client.post(REQUIRE, {"require_mfa": "on"}).status_code == 403
    assert client.get(REQUIRE).status_code == 405
    company.refresh_from_db()
    assert not company.require_mfa


def test_an_unknown_choice_changes_nothing(client, employer_owner, company):
    give_totp(employer_owner)
    client.force_login(employer_owner)

    client.post(REQUIRE, {"require_mfa": "maybe"})

    company.refresh_from_db()
    assert not company.require_mfa


@pytest.fixture
def strict_company(company):
    Company.objects.filter(pk=company.pk).update(require_mfa=True)
    company.refresh_from_db()
    return company


@pytest.mark.parametrize(
    "path", ["/dashboard/", "/dashboard/team/", "/dashboard/jobs/", "/dashboard/applicants/"]
)
def test_a_member_without_an_authenticator_is_sent_to_set_one_up(
    client, employer_recruiter, strict_company, path
):
    client.force_login(employer_recruiter)

    response = client.get(path)

    assert response.status_code == 302 and response["Location"] == SETUP
    assert warnings(response) == [
        "Lakeside Health requires two-factor authentication for its hiring team. Set up an "
        "authenticator app to reach the dashboard."
    ]


def test_find_candidates_is_closed_to_such_a_member_too(client, employer_owner, strict_company):
    client.force_login(employer_owner)

    assert client.get(reverse("finder:search"))["Location"] == SETUP


def test_what_such_a_member_posts_on_the_dashboard_is_not_done(
    client, employer_recruiter, strict_company
):
    job = PublishedJobFactory(company=strict_company)
    client.force_login(employer_recruiter)

    response = client.post(reverse("jobs_dashboard:close", args=[job.pk]))

    assert response["Location"] == SETUP
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED


def test_a_member_with_an_authenticator_reaches_the_dashboard(
    client, employer_recruiter, strict_company
):
    give_totp(employer_recruiter)
    client.force_login(employer_recruiter)

    assert client.get("/dashboard/").status_code == 200


def test_the_rest_of_the_site_stays_open_to_such_a_member(
    client, employer_recruiter, strict_company
):
    client.force_login(employer_recruiter)

    assert client.get("/jobs/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_another_companys_team_is_not_affected(client, strict_company):
    other = MembershipFactory(
        company=CompanyFactory(name="Summit"), user=EmployerUserFactory(), role="owner"
    )
    client.force_login(other.user)

    assert client.get("/dashboard/").status_code == 200


def test_when_the_owner_stops_requiring_it_members_get_in_again(
    client, employer_owner, employer_recruiter, strict_company
):
    give_totp(employer_owner)
    client.force_login(employer_owner)
    client.post(REQUIRE, {"require_mfa": "off"})

    client.force_login(employer_recruiter)
    assert client.get("/dashboard/").status_code == 200
