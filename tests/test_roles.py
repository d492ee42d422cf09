"""Who may open the candidate home, the employer dashboard and the account settings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jobs.models import Job
from tests.factories import EmployerUserFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def login_redirect(path: str) -> str:
    return f"/accounts/login/?next={path}"


# Candidate home (/me/) ---------------------------------------------------------------------


def test_guest_is_sent_to_sign_in_from_candidate_home(client):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"] == login_redirect("/me/")


def test_candidate_opens_their_home(client, candidate):
    client.force_login(candidate)

    response = client.get("/me/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Welcome, Casey" in html
    assert "candidate@example.com" in html


@pytest.mark.parametrize("user", ["employer_owner", "employer_recruiter"])
def test_employer_cannot_open_candidate_home(client, request, user):
    client.force_login(request.getfixturevalue(user))

    response = client.get("/me/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "This page isn't available to your account" in html
    assert "This page is for candidate accounts." in html


# Employer dashboard ------------------------------------------------------------------------


def test_guest_is_sent_to_sign_in_from_the_dashboard(client):
    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == login_redirect("/dashboard/")


def test_candidate_cannot_open_employer_dashboard(client, candidate, company):
    client.force_login(candidate)

    response = client.get("/dashboard/")

    assert response.status_code == 403
    assert "This page is for employer accounts" in response.content.decode()
    assert "How to get an employer account" in response.content.decode()
    assert "Lakeside Health" not in response.content.decode()


def test_staff_without_employer_role_cannot_open_the_dashboard(client, staff_editor):
    client.force_login(staff_editor)

    assert client.get("/dashboard/").status_code == 403


def test_owner_sees_their_company_and_its_team(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = client.get("/dashboard/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Lakeside Health</h1>" in html
    assert "Employer dashboard · Owner" in html
    assert "owner@lakeside.example" in html
    assert "recruiter@lakeside.example" in html
    assert "Rey Recruiter" in html
    assert [member.user for member in response.context["team"]] == [
        employer_owner,
        employer_recruiter,
    ]


def test_dashboard_lists_the_most_recent_jobs_newest_first(client, employer_owner, company):
    now = timezone.now()
    # Written in one order, published in another: the table shows the published date.
    old = PublishedJobFactory(company=company, title="Old", published_at=now - timedelta(days=20))
    newest = PublishedJobFactory(company=company, title="Newest", published_at=now)
    middle = PublishedJobFactory(
        company=company, title="Middle", published_at=now - timedelta(days=5)
    )
    draft = JobFactory(company=company, title="Draft written today")
    Job.objects.filter(pk=old.pk).update(created_at=now)  # e.g. imported late
    client.force_login(employer_owner)

    jobs = client.get("/dashboard/").context["jobs"]

    assert [job.title for job in jobs] == [draft.title, newest.title, middle.title, old.title]


def test_recruiter_sees_their_own_team_and_not_another_company(
    client, employer_owner, employer_recruiter, other_employer
):
    client.force_login(employer_recruiter)

    response = client.get("/dashboard/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lakeside Health" in html
    assert "Employer dashboard · Recruiter" in html
    assert "owner@lakeside.example" in html
    assert "Summit Clinics" not in html
    assert "owner@summit.example" not in html
    assert {member.user for member in response.context["team"]} == {
        employer_owner,
        employer_recruiter,
    }


def test_other_company_owner_sees_only_their_own_company(
    client, employer_owner, employer_recruiter, other_employer
):
    client.force_login(other_employer)

    html = client.get("/dashboard/").content.decode()

    assert "Summit Clinics" in html
    assert "Lakeside Health" not in html
    assert "owner@lakeside.example" not in html
    assert "recruiter@lakeside.example" not in html


def test_employer_without_a_company_is_told_how_to_get_one(client):
    client.force_login(EmployerUserFactory())

    response = client.get("/dashboard/")

    assert response.status_code == 200
    assert "Your employer account has no company yet" in response.content.decode()


# Account home redirect ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "home"),
    [
        ("candidate", "/me/"),
        ("employer_owner", "/dashboard/"),
        ("employer_recruiter", "/dashboard/"),
        ("staff_editor", "/admin/"),
    ],
)
def test_account_home_sends_each_role_to_its_own_home(client, request, user, home):
    client.force_login(request.getfixturevalue(user))

    response = client.get("/account/home/")

    assert response.status_code == 302
    assert response["Location"] == home


def test_guest_is_sent_to_sign_in_from_account_home(client):
    response = client.get("/account/home/")

    assert response["Location"] == login_redirect("/account/home/")


# Account settings --------------------------------------------------------------------------


def test_guest_cannot_open_account_settings(client):
    response = client.get("/account/settings/")

    assert response.status_code == 302
    assert response["Location"] == login_redirect("/account/settings/")


def test_guest_cannot_update_account_settings(client, candidate):
    response = client.post("/account/settings/update/", {"full_name": "Hacked"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    candidate.refresh_from_db()
    assert candidate.full_name == "Casey Candidate"


@pytest.mark.parametrize("user", ["candidate", "employer_owner"])
def test_settings_page_shows_the_users_details(client, request, user):
    person = request.getfixturevalue(user)
    client.force_login(person)

    response = client.get("/account/settings/")

    assert response.status_code == 200
    html = response.content.decode()
    assert person.email in html
    assert f'value="{person.full_name}"' in html
    assert 'action="/account/settings/update/"' in html


def test_user_updates_their_name(client, candidate):
    client.force_login(candidate)

    response = client.post("/account/settings/update/", {"full_name": "Casey Q. Candidate"})

    assert response.status_code == 302
    assert response["Location"] == "/account/settings/"
    candidate.refresh_from_db()
    assert candidate.full_name == "Casey Q. Candidate"
    page = client.get(response["Location"])
    assert "Your details were saved." in page.content.decode()


def test_updating_the_name_cannot_change_role_email_or_staff_flag(client, candidate):
    client.force_login(candidate)

    client.post(
        "/account/settings/update/",
        {
            "full_name": "Casey",
            "role": "employer",
            "email": "hijack@example.com",
            "is_staff": "on",
        },
    )

    candidate.refresh_from_db()
    assert candidate.full_name == "Casey"
    assert candidate.role == "candidate"
    assert candidate.email == "candidate@example.com"
    assert not candidate.is_staff


def test_settings_update_refuses_get(client, candidate):
    client.force_login(candidate)

    assert client.get("/account/settings/update/").status_code == 405


def test_too_long_name_is_refused_with_an_error(client, candidate):
    client.force_login(candidate)

    response = client.post("/account/settings/update/", {"full_name": "x" * 151})

    assert response.status_code == 400
    assert "full_name" in response.context["form"].errors
    assert "at most 150 characters" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.full_name == "Casey Candidate"
