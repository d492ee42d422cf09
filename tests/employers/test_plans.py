"""Pricing, the upgrade request (stored, emailed to staff, confirmed), and the plan page."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from employers.models import UpgradeRequest
from employers.plans import ENTERPRISE, FREE, PROFESSIONAL
from employers.services import upgrade_request_notify
from notifications.delivery import deliver_due
from notifications.models import Notification
from tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

STAFF_INBOX = ["sales@healthcareers.example"]


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    settings.STAFF_NOTIFICATION_EMAILS = STAFF_INBOX


def request_upgrade(client, capture, plan=PROFESSIONAL, message="We hire 6 nurses a month."):
    with capture(execute=True):
        return client.post("/pricing/upgrade/", {"plan": plan, "message": message})


# The Pricing page --------------------------------------------------------------------------


def test_pricing_shows_the_plans_from_plans_py(client):
    response = client.get("/pricing/")

    assert response.status_code == 200
    html = response.content.decode()
    for name, price in [("Free", "Free"), ("Professional", "$299 / month, invoiced"),
                        ("Enterprise", "Custom")]:  # fmt: skip
        assert f'<h2 id="plan-{name.lower()}">{name}</h2>' in html
        assert f'<p class="plan__price">{price}</p>' in html
    assert "Find Candidates: search visible profiles, 50 contacts a month" in html
    assert '<a href="/pricing/" aria-current="page">Pricing</a>' in html


def test_guest_is_shown_how_to_get_to_an_upgrade(client):
    html = client.get("/pricing/").content.decode()

    assert "Create your free Employer account" in html
    assert 'action="/pricing/upgrade/"' not in html


def test_candidate_is_told_plans_are_for_employers(client, candidate):
    client.force_login(candidate)

    html = client.get("/pricing/").content.decode()

    assert "Plans are for employers" in html
    assert 'action="/pricing/upgrade/"' not in html


def test_owner_sees_their_plan_and_the_upgrade_form(client, employer_owner):
    client.force_login(employer_owner)

    html = client.get("/pricing/").content.decode()

    assert "Lakeside Health is on the <strong>Free</strong> plan." in html
    assert '<span class="badge badge--teal">Your plan</span>' in html
    assert 'action="/pricing/upgrade/#upgrade"' in html
    assert 'value="professional"' in html and 'value="enterprise"' in html
    assert 'value="free"' not in html


def test_recruiter_is_told_who_can_upgrade(client, employer_owner, employer_recruiter):
    client.force_login(employer_recruiter)

    html = client.get("/pricing/").content.decode()

    assert "Only your company's owner, Olive Owner (owner@lakeside.example), can ask" in html
    assert 'action="/pricing/upgrade/' not in html


def test_owner_on_enterprise_has_nothing_to_upgrade_to(client, employer_owner, company):
    company.plan = ENTERPRISE
    company.save()
    client.force_login(employer_owner)

    html = client.get("/pricing/").content.decode()

    assert "You're on our largest plan." in html
    assert 'action="/pricing/upgrade/' not in html


# Every plan's card says what to do next ----------------------------------------------------

PLAN_CARD = re.compile(
    r'<section class="plan[^"]*" aria-labelledby="plan-(\w+)">(.*?)</section>', re.S
)


def plan_cards(client) -> dict[str, str]:
    """{plan key: the text and links of its card's next step}."""
    html = client.get("/pricing/").content.decode().replace("&#x27;", "'")
    cards = {
        key: body.split('<div class="plan__next">')[1] for key, body in PLAN_CARD.findall(html)
    }
    assert list(cards) == [FREE, PROFESSIONAL, ENTERPRISE]
    return cards


def test_guest_sees_a_call_to_action_on_every_plan(client):
    cards = plan_cards(client)

    assert 'href="/accounts/signup/employer/">Start free</a>' in cards[FREE]
    for key, name in [(PROFESSIONAL, "Professional"), (ENTERPRISE, "Enterprise")]:
        assert f"then request {name} here" in cards[key]
        assert 'href="/accounts/signup/employer/">Create an employer account</a>' in cards[key]
        assert (
            f'href="/accounts/login/?next=%2Fpricing%2F%3Fplan%3D{key}%23upgrade">'
            "Sign in to request it</a>" in cards[key]
        )


def test_owner_on_a_lower_plan_is_offered_the_upgrades_and_told_which_is_theirs(
    client, employer_owner
):
    client.force_login(employer_owner)

    cards = plan_cards(client)

    assert "This is your plan." in cards[FREE]
    assert 'href="/dashboard/plan/">See what you use</a>' in cards[FREE]
    assert (
        'href="/pricing/?plan=professional#upgrade">Request Professional</a>' in cards[PROFESSIONAL]
    )
    assert 'href="/pricing/?plan=enterprise#upgrade">Request Enterprise</a>' in cards[ENTERPRISE]


def test_owner_on_a_higher_plan_is_told_the_lower_one_is_included(client, employer_owner, company):
    company.plan = PROFESSIONAL
    company.save()
    client.force_login(employer_owner)

    cards = plan_cards(client)

    assert "Included in your Professional plan" in cards[FREE]
    assert "This is your plan." in cards[PROFESSIONAL]
    assert "Request Enterprise</a>" in cards[ENTERPRISE]


def test_owner_with_an_open_request_sees_it_on_the_cards(client, employer_owner, company):
    UpgradeRequest.objects.create(
        company=company, requester_email="o@example.com", current_plan=FREE, plan=PROFESSIONAL
    )
    client.force_login(employer_owner)

    cards = plan_cards(client)

    assert "Requested on" in cards[PROFESSIONAL]
    assert "You asked for Professional" in cards[ENTERPRISE]
    assert "Request " not in cards[PROFESSIONAL] + cards[ENTERPRISE]


def test_recruiter_is_told_on_each_card_who_can_change_the_plan(
    client, employer_owner, employer_recruiter
):
    client.force_login(employer_recruiter)

    cards = plan_cards(client)

    assert "This is your plan." in cards[FREE]
    for key in [PROFESSIONAL, ENTERPRISE]:
        assert "Your company's owner, Olive Owner, can ask for this plan." in cards[key]


def test_job_seeker_is_told_on_each_card_that_plans_are_for_employers(client, candidate):
    client.force_login(candidate)

    cards = plan_cards(client)

    for card in cards.values():
        assert "For employers. Your job seeker account is free" in card
        assert 'href="#upgrade">How to get an employer account</a>' in card


# Requesting an upgrade ---------------------------------------------------------------------


def test_owner_requests_an_upgrade(
    client, employer_owner, company, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)

    response = request_upgrade(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/pricing/"
    upgrade = UpgradeRequest.objects.get()
    assert (upgrade.company, upgrade.requested_by) == (company, employer_owner)
    assert (upgrade.current_plan, upgrade.plan) == (FREE, PROFESSIONAL)
    assert upgrade.message == "We hire 6 nurses a month."
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    company.refresh_from_db()
    assert company.plan == FREE  # only staff change the plan

    staff, confirmation = mailoutbox
    assert staff.to == STAFF_INBOX
    assert staff.subject == "Upgrade request: Lakeside Health (Free → Professional)"
    assert staff.reply_to == ["Olive Owner <owner@lakeside.example>"]
    assert "We hire 6 nurses a month." in staff.body
    assert f"/admin/employers/upgraderequest/{upgrade.pk}/change/" in staff.body
    assert confirmation.to == ["owner@lakeside.example"]
    assert confirmation.subject == "We received your request for the Professional plan"
    assert "Nothing is charged until then" in confirmation.body
    assert confirmation.alternatives[0][1] == "text/html"
    assert "you asked for the Professional plan for Lakeside Health" in confirmation.body
    assert "staff inbox" in staff.alternatives[0][0]


def test_the_request_is_confirmed_on_screen(
    client, employer_owner, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    request_upgrade(client, django_capture_on_commit_callbacks)

    html = client.get("/pricing/").content.decode()

    assert "We received your request for the Professional plan" in html
    assert "Request received." in html
    assert 'action="/pricing/upgrade/' not in html  # one open request at a time


def test_a_second_request_while_one_is_open_is_refused(
    client, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    request_upgrade(client, django_capture_on_commit_callbacks)

    response = request_upgrade(client, django_capture_on_commit_callbacks, plan=ENTERPRISE)

    assert response.status_code == 400
    assert "You asked for the Professional plan on" in response.content.decode()
    assert UpgradeRequest.objects.count() == 1
    assert len(mailoutbox) == 2


def test_requesting_the_current_plan_is_refused(client, employer_owner, company):
    company.plan = PROFESSIONAL
    company.save()
    client.force_login(employer_owner)

    response = client.post("/pricing/upgrade/", {"plan": PROFESSIONAL})

    assert response.status_code == 400
    assert "Choose one of the plans listed." in response.content.decode()
    assert not UpgradeRequest.objects.exists()


def test_an_unknown_plan_is_refused(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post("/pricing/upgrade/", {"plan": "platinum"})

    assert response.status_code == 400
    assert not UpgradeRequest.objects.exists()


def test_recruiter_cannot_change_the_plan(client, employer_recruiter, company, mailoutbox):
    client.force_login(employer_recruiter)

    response = client.post("/pricing/upgrade/", {"plan": PROFESSIONAL})

    assert response.status_code == 403
    assert not UpgradeRequest.objects.exists()
    assert not mailoutbox


def test_candidate_cannot_request_an_upgrade(client, candidate):
    client.force_login(candidate)

    assert client.post("/pricing/upgrade/", {"plan": PROFESSIONAL}).status_code == 403


def test_guest_is_sent_to_sign_in(client):
    response = client.post("/pricing/upgrade/", {"plan": PROFESSIONAL})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_upgrade_refuses_get(client, employer_owner):
    client.force_login(employer_owner)

    assert client.get("/pricing/upgrade/").status_code == 405


def test_notifications_are_sent_once_whatever_the_retries(
    client, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)
    request_upgrade(client, django_capture_on_commit_callbacks)
    upgrade = UpgradeRequest.objects.get()

    assert upgrade_request_notify(upgrade=upgrade) == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert deliver_due()["sent"] == 0

    assert len(mailoutbox) == 2


def test_a_failed_staff_email_is_retried_later(
    client, employer_owner, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_contact.BrokenMailServer"
    client.force_login(employer_owner)
    request_upgrade(client, django_capture_on_commit_callbacks)
    assert set(Notification.objects.values_list("status", flat=True)) == {"pending"}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert deliver_due()["sent"] == 2
    assert len(mailoutbox) == 2


def test_staff_users_get_the_request_when_no_inbox_is_configured(
    settings, employer_owner, company, staff_editor, mailoutbox
):
    settings.STAFF_NOTIFICATION_EMAILS = []
    upgrade = UpgradeRequest.objects.create(
        company=company,
        requester_email=employer_owner.email,
        current_plan=FREE,
        plan=PROFESSIONAL,
    )

    upgrade_request_notify(upgrade=upgrade)
    deliver_due()

    assert mailoutbox[0].to == ["editor@example.com"]


# The plan page in the dashboard ------------------------------------------------------------


def test_plan_page_shows_usage_against_the_limits(client, employer_recruiter, company):
    PublishedJobFactory(company=company)
    client.force_login(employer_recruiter)

    html = client.get("/dashboard/plan/").content.decode()

    assert "<h1>Your plan: Free</h1>" in html
    assert re.search(r"<dt>Active jobs</dt>\s*<dd>1 of 1\s", html)
    assert 'value="1" aria-label="Active jobs used"' in html
    assert "Only your company's owner can request a bigger plan." in html


def test_plan_page_for_the_owner_links_to_the_upgrade(client, employer_owner, company):
    client.force_login(employer_owner)

    html = client.get("/dashboard/plan/").content.decode()

    assert 'href="/pricing/#upgrade"' in html


def test_plan_page_is_for_team_members_only(client, candidate):
    client.force_login(candidate)

    assert client.get("/dashboard/plan/").status_code == 403
