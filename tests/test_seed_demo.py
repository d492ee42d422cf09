"""The seed_demo management command: idempotent demo data that can sign in."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from accounts.models import User
from demo.candidates import FINDABLE
from demo.management.commands.seed_demo import (
    ADMIN,
    CANDIDATES,
    COMPANIES,
    DEMO_PASSWORD,
    EDITOR,
    EMPLOYERS,
)
from employers.models import Company, Membership
from jobs.models import Job

pytestmark = pytest.mark.django_db

ALL_DEMO_EMAILS = [e[0] for e in EMPLOYERS] + [c[0] for c in CANDIDATES] + [EDITOR[0], ADMIN[0]]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "companies": Company.objects.count(),
        "memberships": Membership.objects.count(),
        "emails": EmailAddress.objects.count(),
        "groups": Group.objects.count(),
        "jobs": Job.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for this module (it takes about a second) inside a transaction that is rolled
    back afterwards; each test runs in a savepoint inside it, so its changes are undone too."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def test_seed_creates_the_demo_data(seeded):
    created = counts()

    # The findable job seekers of Find Candidates never sign in: no address to confirm.
    assert created["users"] == len(ALL_DEMO_EMAILS) + len(FINDABLE)
    assert created["emails"] == len(ALL_DEMO_EMAILS)
    assert created["companies"] == len(COMPANIES)
    assert created["memberships"] == len(EMPLOYERS)
    assert created["groups"] == 1
    assert created["jobs"] > 0
    assert Company.objects.verified().count() == sum(verified for _, verified in COMPANIES)
    # and the editor, and the findable job seekers
    assert User.objects.candidates().count() == len(CANDIDATES) + 1 + len(FINDABLE)
    assert User.objects.employers().count() == len(EMPLOYERS) + 1  # and the admin


def test_seeding_twice_creates_nothing_new(seeded):
    before = counts()

    output = seed()

    assert counts() == before
    assert "nothing to do" in output


def test_first_seed_reports_how_many_objects_it_created(seeded):
    assert re.fullmatch(r"Demo data ready \(\d+ new objects\)\.\n", seeded)


def test_seed_puts_back_a_deleted_demo_user(seeded):
    User.objects.get(email=CANDIDATES[0][0]).delete()

    output = seed()

    # The account, and (María being the demo job seeker) her profile, saved jobs and resume.
    assert re.fullmatch(r"Demo data ready \(\d+ new objects\)\.\n", output)
    restored = User.objects.get(email=CANDIDATES[0][0])
    assert restored.candidate_profile.licenses.exists()
    assert restored.check_password(DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=restored).verified


def test_seed_leaves_edited_demo_data_alone(seeded):
    dana = User.objects.get(email=EMPLOYERS[0][0])
    dana.full_name = "Dana W."
    dana.set_password("my-own-secret-password")
    dana.save()

    seed()

    dana.refresh_from_db()
    assert dana.full_name == "Dana W."
    assert dana.check_password("my-own-secret-password")


def test_every_demo_user_has_a_verified_primary_email(seeded):
    for email in ALL_DEMO_EMAILS:
        address = EmailAddress.objects.get(email=email)
        assert address.user.email == email
        assert address.verified, email
        assert address.primary, email


def test_employers_belong_to_their_companies_with_one_owner_each(seeded):
    dana = User.objects.get(email="dana.whitfield@tidewaterbay.example")
    leo = User.objects.get(email="leo.park@tidewaterbay.example")
    assert dana.membership.company == leo.membership.company
    assert dana.membership.company.name == "Tidewater Bay Medical Center"
    assert (dana.membership.role, leo.membership.role) == ("owner", "recruiter")
    for company in Company.objects.filter(memberships__isnull=False).distinct():
        assert company.memberships.filter(role=Membership.Role.OWNER).count() == 1


@pytest.mark.parametrize(
    ("email", "home"),
    [
        (CANDIDATES[0][0], "/me/"),
        (EMPLOYERS[0][0], "/dashboard/"),
        (EMPLOYERS[1][0], "/dashboard/"),
        (EDITOR[0], "/admin/"),  # staff land where their work is
        (ADMIN[0], "/admin/"),
    ],
)
def test_demo_user_signs_in_with_the_demo_password(client, seeded, email, home):
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == home
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_demo_user_cannot_sign_in_with_a_wrong_password(client, seeded):
    response = client.post(
        "/accounts/login/", {"login": CANDIDATES[0][0], "password": "healthcareers-demo-x"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_editor_is_staff_in_the_editors_group_but_not_superuser(seeded):
    editor = User.objects.get(email=EDITOR[0])

    assert editor.is_staff
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


def test_admin_is_a_superuser(seeded):
    admin = User.objects.get(email=ADMIN[0])

    assert admin.is_staff
    assert admin.is_superuser


def test_other_demo_users_have_no_staff_rights(seeded):
    ordinary = User.objects.exclude(email__in=[EDITOR[0], ADMIN[0]])

    assert ordinary.count() == len(ALL_DEMO_EMAILS) - 2 + len(FINDABLE)
    assert not ordinary.filter(is_staff=True).exists()
    assert not ordinary.filter(is_superuser=True).exists()


def test_logins_option_prints_the_sign_ins_and_changes_nothing(seeded):
    User.objects.get(email=CANDIDATES[1][0]).delete()
    before = counts()

    output = seed("--logins")

    assert DEMO_PASSWORD in output
    for email in (CANDIDATES[0][0], EMPLOYERS[0][0], EMPLOYERS[1][0], EDITOR[0], ADMIN[0]):
        assert email in output
    assert counts() == before


def test_demo_applications_show_figures_one_company_on_notice_and_full_pages(seeded):
    from applications.models import Application, ProcessRating, Stage

    maria = User.objects.get(email="maria.alvarez@example.com")
    stages = set(Application.objects.filter(candidate=maria).values_list("stage", flat=True))
    assert {Stage.INTERVIEW, Stage.NOT_SELECTED, Stage.POSITION_CLOSED, Stage.SUBMITTED} <= stages
    assert Application.objects.filter(candidate=maria, breached_at__isnull=False).exists()

    tidewater = Company.objects.get(name="Tidewater Bay Medical Center")
    assert tidewater.shows_responsiveness and not tidewater.is_on_notice
    assert tidewater.shows_ratings
    assert tidewater.applications.filter(first_response_at__isnull=True).count() >= 4
    assert Company.objects.get(name="Northfield Coding Collective").shows_responsiveness
    assert Company.objects.get(name="Granite Peak Cancer Institute").shows_responsiveness
    assert not Company.objects.get(name="Sunpath Pediatric Clinics").shows_responsiveness
    on_notice = Company.objects.filter(on_notice_since__isnull=False)
    assert list(on_notice.values_list("name", flat=True)) == ["Mesa Alta Imaging Partners"]
    assert ProcessRating.objects.count() >= 5
    # Every application's job was posted before it was submitted.
    for application in Application.objects.select_related("job"):
        assert application.job.published_at < application.submitted_at


def test_demo_pages_are_full_for_the_demo_employer_and_candidate(client, seeded):
    dana = User.objects.get(email="dana.whitfield@tidewaterbay.example")
    client.force_login(dana)
    dashboard = client.get("/dashboard/").content.decode()
    assert "Answers due:" in dashboard and "overdue" in dashboard

    on_notice = Company.objects.get(name="Mesa Alta Imaging Partners")
    tidewater = Company.objects.get(name="Tidewater Bay Medical Center")
    assert "Answers on time: 33%" in client.get("/companies/").content.decode()
    assert (
        "How Tidewater Bay Medical Center answers"
        in client.get(tidewater.get_absolute_url()).content.decode()
    )
    assert "<strong>33%</strong>" in client.get(on_notice.get_absolute_url()).content.decode()


def test_the_demo_candidate_has_a_full_profile_licenses_and_saved_jobs(seeded):
    from candidates.models import CandidateProfile
    from candidates.selectors import profile_completeness, resumes_of

    profile = CandidateProfile.objects.get(user__email="maria.alvarez@example.com")
    percent, _ = profile_completeness(profile, resumes_of(profile.user))
    assert percent == 100
    licenses = list(profile.licenses.all())
    assert any(license.expires_soon for license in licenses)
    assert any(license.is_verified for license in licenses)
    assert profile.user.saved_jobs.count() >= 3
    assert seed().startswith("Demo data already loaded")
