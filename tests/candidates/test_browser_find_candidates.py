"""In a real browser: an employer on Professional finds a visible candidate and invites them;
a Free employer is told how to upgrade; the pages pass axe and fit a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from candidates.models import CandidateInvitation
from tests.candidates.factories import DenverProfileFactory, LicenseFactory
from tests.factories import TEST_PASSWORD, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/dashboard/**")


@pytest.mark.parametrize("width", [1280, 375])
def test_professional_employer_finds_and_invites_a_visible_candidate(
    live_server, browser, company, employer_owner, width
):
    company.plan, company.is_verified = "professional", True
    company.save()
    job = PublishedJobFactory(company=company, title="Night ICU Nurse")
    profile = DenverProfileFactory(headline="ICU nurse, telemetry, nights")
    LicenseFactory(profile=profile, state="CO", is_compact=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, employer_owner.email)

    page.goto(live_server.url + "/candidates/")
    page.get_by_label("Keywords").fill("telemetry")
    page.get_by_label("Licensed in").select_option("TX")  # the compact license covers Texas
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 candidate").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Axe().run(page, options=WCAG_A_AA).violations_count == 0
    assert profile.user.email not in page.content()

    page.get_by_role("link", name="ICU nurse, telemetry, nights").click()
    page.get_by_label("Job to apply to").select_option(str(job.pk))
    page.get_by_label("A note to the candidate").fill("We'd love to meet you.")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert Axe().run(page, options=WCAG_A_AA).violations_count == 0
    assert CandidateInvitation.objects.filter(candidate=profile.user, job=job).exists()
    context.close()


def test_free_employer_is_told_how_to_upgrade(live_server, browser, company, employer_owner):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, employer_owner.email)

    page.goto(live_server.url + "/candidates/")

    page.get_by_text("Find Candidates is not part of the Free plan").wait_for()
    page.get_by_role("link", name="See plans and upgrade").click()
    page.wait_for_url("**/pricing/**")
    context.close()
