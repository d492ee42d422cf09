"""In a real browser: a candidate applies with a resume, the employer moves them to interview
with a message, and the candidate sees it on My applications (and by email)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from applications.models import Application, Stage
from tests.applications.factories import PDF_BYTES, ScreeningQuestionFactory
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page, live_server, email, landing):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=landing).wait_for()


def assert_fits_and_accessible(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


def test_a_candidate_applies_and_sees_the_employers_interview_invitation(
    live_server, browser, candidate, employer_owner, job, tmp_path, mailoutbox
):
    ScreeningQuestionFactory(job=job, prompt="Do you hold an active RN license?")
    resume = tmp_path / "Casey Candidate RN.pdf"
    resume.write_bytes(PDF_BYTES)

    # The candidate, on a phone.
    phone = browser.new_context(viewport={"width": 375, "height": 800})
    seeker = phone.new_page()
    sign_in(seeker, live_server, "candidate@example.com", "Welcome, Casey")
    seeker.goto(live_server.url + job.get_absolute_url())
    seeker.get_by_role("link", name="Apply now").click()
    seeker.get_by_role("heading", name=job.title).wait_for()
    assert_fits_and_accessible(seeker)
    seeker.get_by_label("Resume file").set_input_files(str(resume))
    seeker.get_by_label("Yes").check()
    seeker.get_by_label("Cover letter (optional)").fill("Five years on a med-surg floor.")
    seeker.get_by_role("button", name="Send application").click()
    seeker.get_by_role("heading", name=f"You applied for {job.title}").wait_for()
    application = Application.objects.get()
    assert application.resume.original_name == "Casey Candidate RN.pdf"

    # The employer, at a desk.
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    employer = desk.new_page()
    sign_in(employer, live_server, "owner@lakeside.example", "Lakeside Health")
    employer.get_by_role("link", name="Applicants", exact=True).first.click()
    employer.get_by_role("link", name="Casey Candidate").click()
    employer.get_by_role("heading", name="Casey Candidate").wait_for()
    assert_fits_and_accessible(employer)
    employer.get_by_role("link", name="Interview", exact=True).click()
    message = employer.get_by_label("Message to the candidate")
    assert "invite you to an interview" in message.input_value()
    message.fill("We would love to meet you on Tuesday at 10am.")
    employer.get_by_role("button", name="Move and send").click()
    employer.get_by_text("Moved to “Interview”").wait_for()
    desk.close()

    # Back on the phone: My applications says Interview, with the message.
    seeker.goto(live_server.url + "/me/applications/")
    card = seeker.locator(".application-card").filter(has_text=job.title)
    assert "Interview" in card.inner_text()
    card.get_by_role("link", name=job.title).click()
    seeker.get_by_text("We would love to meet you on Tuesday at 10am.").wait_for()
    assert_fits_and_accessible(seeker)
    phone.close()

    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW and application.first_response_at is not None
    to_candidate = [m for m in mailoutbox if m.to == ["candidate@example.com"]]
    assert any("Tuesday at 10am" in m.body for m in to_candidate)
