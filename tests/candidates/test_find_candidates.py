"""Find Candidates: the plan gate, what a search shows and hides, blocks, paging limits, the
daily view cap, invitations and their monthly cap, and the reveal rule."""

import pytest
import time_machine
from django.urls import reverse

from applications.models import Application
from candidates import finder
from candidates.models import CandidateInvitation, CompanyBlock, ProfileView
from notifications.models import Notification
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import (
    CertificationFactory,
    CompactLicenseFactory,
    DenverProfileFactory,
    ExpiredLicenseFactory,
    LicenseFactory,
    ProfileFactory,
)
from tests.factories import CandidateFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lakeside(company):
    company.plan, company.is_verified = "professional", True
    company.website = "https://www.lakeside.example/careers"
    company.save()
    return company


@pytest.fixture
def searcher(client, lakeside, employer_owner):
    client.force_login(employer_owner)
    return client


@pytest.fixture
def nurse():
    return DenverProfileFactory(
        user=CandidateFactory(email="nora@nurses.example", full_name="Nora Nightingale"),
        headline="ICU nurse, nights",
        specialties=["ICU", "telemetry"],
    )


def search(client, **params):
    return client.get(reverse("finder:search"), params)


def result_ids(response) -> list[int]:
    page = response.context["page"]
    return [profile.pk for profile in page.object_list]


# The plan gate --------------------------------------------------------------------------------


def test_free_employer_is_told_how_to_upgrade(client, company, employer_owner, nurse):
    client.force_login(employer_owner)

    response = client.get("/candidates/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Find Candidates is not part of the Free plan: upgrade to Professional" in html
    assert reverse("pricing:index") in html
    assert nurse.headline not in html


@pytest.mark.parametrize("who", ["guest", "candidate"])
def test_guests_and_job_seekers_see_what_it_offers(client, candidate, nurse, who):
    if who == "candidate":
        client.force_login(candidate)

    html = client.get("/candidates/").content.decode()

    assert "What it offers" in html
    assert nurse.headline not in html


def test_unverified_company_on_a_paid_plan_cannot_search(client, company, employer_owner, nurse):
    company.plan = "professional"
    company.save()
    client.force_login(employer_owner)

    html = client.get("/candidates/").content.decode()

    assert "once our staff have verified your company" in html
    assert nurse.headline not in html
    assert client.get(reverse("finder:detail", args=[nurse.pk])).status_code == 403


def test_free_employer_cannot_open_a_profile(client, company, employer_owner, nurse):
    client.force_login(employer_owner)

    assert client.get(reverse("finder:detail", args=[nurse.pk])).status_code == 403


# What a search shows ----------------------------------------------------------------------------


def test_hidden_profiles_never_appear(searcher, nurse):
    hidden = ProfileFactory(headline="Hidden ICU nurse")

    response = search(searcher)

    assert result_ids(response) == [nurse.pk]
    assert searcher.get(reverse("finder:detail", args=[hidden.pk])).status_code == 404


def test_search_by_text_profession_credential_and_availability(searcher, nurse):
    coder = DenverProfileFactory(
        headline="Certified coder",
        profession="medical_coder",
        specialties=["CPC"],
        available_from=None,
    )
    CertificationFactory(profile=nurse, credential="acls")

    assert result_ids(search(searcher, q="telemetry")) == [nurse.pk]
    assert result_ids(search(searcher, profession="medical_coder")) == [coder.pk]
    assert result_ids(search(searcher, credential="acls")) == [nurse.pk]
    assert result_ids(search(searcher, available="now")) == [nurse.pk]


def test_license_state_counts_a_multistate_license_for_compact_states(searcher, nurse):
    CompactLicenseFactory(profile=nurse, state="CO")
    single = DenverProfileFactory(headline="California RN")
    LicenseFactory(profile=single, state="CA")
    expired = DenverProfileFactory(headline="Expired Texas RN")
    ExpiredLicenseFactory(profile=expired, state="TX")

    assert result_ids(search(searcher, license_state="TX")) == [nurse.pk]
    assert result_ids(search(searcher, license_state="CA")) == [single.pk]
    assert result_ids(search(searcher, license_state="NY")) == []


def test_location_and_radius(searcher, nurse):
    boston = DenverProfileFactory(city="Boston", state="MA", latitude=42.36, longitude=-71.06)

    assert result_ids(search(searcher, location="Boulder, CO", radius="50")) == [nurse.pk]
    assert result_ids(search(searcher, location="Boston, MA", radius="10")) == [boston.pk]


def test_cards_show_the_facts_but_not_the_name_or_email(searcher, nurse):
    LicenseFactory(profile=nurse, state="CO")

    html = search(searcher).content.decode()

    assert "ICU nurse, nights" in html
    assert "Denver, CO" in html
    assert "6 years" in html
    assert "RN" in html
    assert "Nora" not in html
    assert "nora@nurses.example" not in html


def test_name_shows_once_the_candidate_applied_to_that_company(
    searcher, lakeside, nurse, other_employer, private_storage
):
    ApplicationFactory(job=PublishedJobFactory(company=lakeside), candidate=nurse.user)

    html = searcher.get(reverse("finder:detail", args=[nurse.pk])).content.decode()

    assert "Nora Nightingale" in html
    assert "nora@nurses.example" in html


def test_an_application_to_another_company_reveals_nothing(
    searcher, nurse, other_employer, private_storage
):
    summit = other_employer.membership.company
    ApplicationFactory(job=PublishedJobFactory(company=summit), candidate=nurse.user)

    html = searcher.get(reverse("finder:detail", args=[nurse.pk])).content.decode()

    assert "Nora" not in html


# Blocks --------------------------------------------------------------------------------------


def test_a_company_blocked_by_name_never_sees_the_candidate(searcher, lakeside, nurse):
    CompanyBlock.objects.create(user=nurse.user, kind="name", value="lakeside health")

    assert result_ids(search(searcher)) == []
    assert searcher.get(reverse("finder:detail", args=[nurse.pk])).status_code == 404


@pytest.mark.parametrize("domain", ["lakeside.example", "careers.lakeside.example"])
def test_a_domain_block_covers_the_website_and_team_emails(searcher, lakeside, nurse, domain):
    lakeside.website = f"https://{domain}/"
    lakeside.save()
    CompanyBlock.objects.create(user=nurse.user, kind="domain", value="lakeside.example")

    assert result_ids(search(searcher)) == []


def test_a_domain_block_matches_team_members_email_domain(searcher, lakeside, nurse):
    lakeside.website = ""
    lakeside.save()
    # employer_owner is owner@lakeside.example
    CompanyBlock.objects.create(user=nurse.user, kind="domain", value="lakeside.example")

    assert result_ids(search(searcher)) == []


def test_a_block_of_another_company_hides_nothing_from_this_one(searcher, nurse):
    CompanyBlock.objects.create(user=nurse.user, kind="domain", value="summit.example")
    CompanyBlock.objects.create(user=nurse.user, kind="name", value="summit clinics")

    assert result_ids(search(searcher)) == [nurse.pk]


def test_candidate_blocks_by_domain_from_the_privacy_page(client, candidate):
    client.force_login(candidate)

    response = client.post(
        reverse("candidates:block_add"), {"kind": "domain", "value": "nurse@Denver-Health.org"}
    )

    assert response.status_code == 302
    assert list(CompanyBlock.objects.values_list("kind", "value")) == [
        ("domain", "denver-health.org")
    ]
    assert "denver-health.org" in client.get(reverse("candidates:privacy")).content.decode()


# Paging limits and the daily view cap ---------------------------------------------------------


def test_results_stop_after_ten_pages_of_twenty(searcher, monkeypatch):
    monkeypatch.setattr(finder, "PAGE_SIZE", 2)
    for _ in range(2 * finder.MAX_PAGES + 3):
        DenverProfileFactory()

    first = search(searcher)
    beyond = search(searcher, page="50")

    assert len(result_ids(first)) == 2
    assert first.context["capped"] is True
    assert first.context["page"].paginator.num_pages == finder.MAX_PAGES
    assert beyond.context["page"].number == finder.MAX_PAGES
    assert "narrow the search" in first.content.decode()


def test_page_size_is_at_most_twenty():
    assert finder.PAGE_SIZE <= 20 and finder.MAX_PAGES <= 10


def test_daily_cap_on_profile_views(searcher, settings, nurse):
    settings.FIND_CANDIDATES_DAILY_VIEWS = 2
    others = [DenverProfileFactory() for _ in range(2)]
    for profile in others:
        assert searcher.get(reverse("finder:detail", args=[profile.pk])).status_code == 200

    refused = searcher.get(reverse("finder:detail", args=[nurse.pk]))
    again = searcher.get(reverse("finder:detail", args=[others[0].pk]))

    assert refused.status_code == 429
    assert "2 candidate profiles today" in refused.content.decode()
    assert again.status_code == 200  # already opened today
    assert ProfileView.objects.count() == 2


# Invitations ---------------------------------------------------------------------------------


def invite(client, profile, job):
    return client.post(
        reverse("finder:invite", args=[profile.pk]), {"job": job.pk, "message": "We'd love you."}
    )


def test_invite_to_apply_emails_the_candidate_a_link_to_the_job(searcher, lakeside, nurse):
    job = PublishedJobFactory(company=lakeside)

    response = invite(searcher, nurse, job)

    assert response.status_code == 302
    invitation = CandidateInvitation.objects.get()
    assert (invitation.company, invitation.candidate, invitation.job) == (lakeside, nurse.user, job)
    email = Notification.objects.get(kind="candidates.invitation")
    assert email.to_email == "nora@nurses.example"
    assert job.get_absolute_url() in email.body_text


def test_inviting_twice_to_the_same_job_is_refused(searcher, lakeside, nurse):
    job = PublishedJobFactory(company=lakeside)
    invite(searcher, nurse, job)

    invite(searcher, nurse, job)

    assert CandidateInvitation.objects.count() == 1


def test_another_companys_job_cannot_be_used(searcher, nurse, other_employer):
    summit_job = PublishedJobFactory(company=other_employer.membership.company)

    invite(searcher, nurse, summit_job)

    assert not CandidateInvitation.objects.exists()


def test_monthly_contact_cap_is_refused_with_the_plans_link(searcher, lakeside, employer_owner):
    job = PublishedJobFactory(company=lakeside)
    for _ in range(50):
        CandidateInvitation.objects.create(
            company=lakeside, candidate=CandidateFactory(), job=job, invited_by=employer_owner
        )
    nurse = DenverProfileFactory()

    response = invite(searcher, nurse, job)
    page = searcher.get(response["Location"]).content.decode()

    assert CandidateInvitation.objects.filter(candidate=nurse.user).count() == 0
    assert "Your Professional plan includes 50 contacts a month" in page
    assert reverse("pricing:index") in page


def test_enterprise_has_unlimited_contacts(lakeside):
    lakeside.plan = "enterprise"
    assert finder.contact_allowance(lakeside).allowed


def test_candidate_accepts_an_invitation_which_reveals_their_name(
    client, searcher, lakeside, nurse, employer_owner
):
    job = PublishedJobFactory(company=lakeside)
    invitation = CandidateInvitation.objects.create(
        company=lakeside, candidate=nurse.user, job=job, invited_by=employer_owner
    )
    from django.test import Client

    candidate_client = Client()
    candidate_client.force_login(nurse.user)
    assert job.title in candidate_client.get("/me/").content.decode()

    response = candidate_client.post(reverse("candidates:invitation_accept", args=[invitation.pk]))

    assert response["Location"] == job.get_absolute_url()
    detail = searcher.get(reverse("finder:detail", args=[nurse.pk])).content.decode()
    assert "Nora Nightingale" in detail


def test_declining_reveals_nothing(client, lakeside, nurse, employer_owner):
    job = PublishedJobFactory(company=lakeside)
    invitation = CandidateInvitation.objects.create(
        company=lakeside, candidate=nurse.user, job=job, invited_by=employer_owner
    )
    client.force_login(nurse.user)

    client.post(reverse("candidates:invitation_decline", args=[invitation.pk]))

    invitation.refresh_from_db()
    assert invitation.declined_at and not invitation.accepted_at
    assert finder.revealed_user_ids(lakeside, [nurse.user_id]) == set()


def test_another_candidates_invitation_is_404(client, lakeside, nurse, employer_owner, candidate):
    invitation = CandidateInvitation.objects.create(
        company=lakeside, candidate=nurse.user, job=PublishedJobFactory(company=lakeside)
    )
    client.force_login(candidate)

    for name in ("candidates:invitation_accept", "candidates:invitation_decline"):
        assert client.post(reverse(name, args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_another_companys_invitations_are_not_listed(searcher, nurse, other_employer):
    summit = other_employer.membership.company
    CandidateInvitation.objects.create(
        company=summit,
        candidate=nurse.user,
        job=PublishedJobFactory(company=summit, title="Summit only"),
    )

    html = searcher.get(reverse("finder:sent")).content.decode()

    assert "Summit only" not in html


def test_accepting_does_not_count_an_application(client, lakeside, nurse):
    invitation = CandidateInvitation.objects.create(
        company=lakeside, candidate=nurse.user, job=PublishedJobFactory(company=lakeside)
    )
    client.force_login(nurse.user)

    client.post(reverse("candidates:invitation_accept", args=[invitation.pk]))

    assert not Application.objects.exists()


def test_profile_saves_city_point_and_availability(client, candidate):
    client.force_login(candidate)

    client.post(
        reverse("candidates:about"),
        {
            "headline": "RN",
            "profession": "registered_nurse",
            "city": "denver",
            "state": "CO",
            "available_from": "2026-01-05",
        },
    )

    profile = candidate.candidate_profile
    assert profile.city == "Denver" and profile.latitude is not None
    assert str(profile.available_from) == "2026-01-05"


# Abuse: invitations per hour, staff told of the daily cap --------------------------------------


def test_invitations_are_rate_limited_per_company_and_hour(
    client, searcher, lakeside, settings, employer_recruiter
):
    settings.FIND_CANDIDATES_INVITE_RATE_LIMIT = "2/h"
    job = PublishedJobFactory(company=lakeside)
    first, second, third = (DenverProfileFactory() for _ in range(3))
    invite(searcher, first, job)
    invite(searcher, second, job)
    # A teammate shares the company's count.
    client.force_login(employer_recruiter)

    response = invite(client, third, job)
    page = client.get(response["Location"]).content.decode()

    assert "sent a lot of invitations in the last hour" in page
    assert set(CandidateInvitation.objects.values_list("candidate", flat=True)) == {
        first.user_id,
        second.user_id,
    }


def test_another_companys_invitations_do_not_count_towards_the_hourly_limit(
    client, searcher, lakeside, settings, other_employer
):
    settings.FIND_CANDIDATES_INVITE_RATE_LIMIT = "1/h"
    summit = other_employer.membership.company
    summit.plan, summit.is_verified = "professional", True
    summit.save()
    invite(searcher, DenverProfileFactory(), PublishedJobFactory(company=lakeside))

    client.force_login(other_employer)
    response = invite(client, DenverProfileFactory(), PublishedJobFactory(company=summit))

    assert response.status_code == 302
    assert CandidateInvitation.objects.filter(company=summit).count() == 1


def test_staff_are_emailed_once_a_day_when_a_company_reaches_its_daily_view_cap(
    searcher, settings, nurse, lakeside, staff_editor
):
    settings.FIND_CANDIDATES_DAILY_VIEWS = 1
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@healthcareers.example"]
    kind = "finder.daily_cap_staff"
    with time_machine.travel("2026-03-02 15:00Z"):
        searcher.get(reverse("finder:detail", args=[DenverProfileFactory().pk]))
        assert not Notification.objects.filter(kind=kind).exists()  # under the cap: no alert

        for _ in range(3):
            assert searcher.get(reverse("finder:detail", args=[nurse.pk])).status_code == 429

        [email] = Notification.objects.filter(kind=kind)
    assert email.to_email == "staff@healthcareers.example"
    assert lakeside.name in email.subject and "1 candidate profiles" in email.body_text

    with time_machine.travel("2026-03-03 15:00Z"):
        searcher.get(reverse("finder:detail", args=[DenverProfileFactory().pk]))
        searcher.get(reverse("finder:detail", args=[nurse.pk]))
    assert Notification.objects.filter(kind=kind).count() == 2
