"""In a real browser (one live server, one browser): a candidate fills a profile section, saves
a job from search (htmx) and finds it on /me/saved/; the pages pass axe and fit a phone."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from candidates.models import License, SavedJob
from tests.candidates.factories import ExpiredLicenseFactory, ProfileFactory
from tests.factories import TEST_PASSWORD, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/me/")


def test_candidate_fills_a_profile_section_saves_a_job_and_sees_it_saved(
    live_server, browser, candidate
):
    job = PublishedJobFactory(
        title="Night ICU Nurse", required_credentials=["rn"], license_states=["CO"]
    )
    ExpiredLicenseFactory(profile=ProfileFactory(user=candidate), state="TX")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, live_server.url, candidate.email)

    # A profile section: add a Colorado RN license.
    page.goto(live_server.url + "/me/profile/")
    page.get_by_role("link", name="Add to state licenses").click()
    page.get_by_label("Type", exact=True).select_option("rn")
    page.get_by_label("State", exact=True).select_option("CO")
    page.get_by_label("License number").fill("RN.1234567")
    page.get_by_label("Expires on").fill("2031-05-31")
    page.get_by_label("Multistate (compact) license").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Registered Nurse (RN) license, Colorado saved.").wait_for()
    assert License.objects.filter(profile__user=candidate, state="CO", is_compact=True).exists()
    assert page.locator("#licenses").get_by_text("Expired").is_visible()
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()

    # The job page says the candidate now meets its requirements.
    page.goto(live_server.url + job.get_absolute_url())
    page.get_by_text("You meet every requirement").wait_for()

    # Save it from search, with htmx: the button turns to Saved and the status line says so.
    page.goto(live_server.url + "/jobs/?qualify=1")
    card = page.locator(".job-card", has_text="Night ICU Nurse")
    card.get_by_role("button", name="Save Night ICU Nurse").click()
    card.get_by_role("button", name=re.compile(r"Saved\W+remove Night ICU Nurse")).wait_for()
    assert card.get_by_role("status").inner_text() == "Saved Night ICU Nurse to your saved jobs."
    assert page.url == live_server.url + "/jobs/?qualify=1"  # no reload
    assert SavedJob.objects.filter(user=candidate, job=job).exists()

    page.goto(live_server.url + "/me/saved/")
    page.get_by_role("link", name="Night ICU Nurse").wait_for()
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    assert not problems, problems

    # A phone: the profile's tables become cards, nothing scrolls sideways.
    phone = browser.new_context(viewport={"width": 375, "height": 800})
    phone.add_cookies(context.cookies())
    small = phone.new_page()
    for path in ["/me/", "/me/profile/", "/me/saved/", job.get_absolute_url()]:
        small.goto(live_server.url + path)
        overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    phone.close()
    context.close()


def test_saving_works_without_javascript(live_server, browser, candidate):
    job = PublishedJobFactory(title="Day Med-Surg RN")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, candidate.email)
    page.goto(live_server.url + job.get_absolute_url())
    page.get_by_role("button", name="Save Day Med-Surg RN").click()
    page.get_by_text("Saved “Day Med-Surg RN”").wait_for()
    assert page.url == live_server.url + job.get_absolute_url()
    assert SavedJob.objects.filter(user=candidate, job=job).exists()
    context.close()
