"""An employer posts a job in a real browser (headless Chromium) and sees it live."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobs.models import Job
from tests.factories import TEST_PASSWORD, JobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Lakeside Health").wait_for()


def test_verified_employer_posts_a_job_and_sees_it_published(
    live_server, page, company, employer_owner
):
    company.is_verified = True
    company.save()
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, live_server, "owner@lakeside.example")

    page.get_by_role("link", name="Post a Job").first.click()
    page.get_by_role("heading", name="Post a Job").wait_for()
    page.get_by_label("Job title").fill("Remote Risk Adjustment Coder")
    page.get_by_label("Profession").select_option(label="Medical Coder")
    page.get_by_label("Facility type").select_option(label="Health insurer / payer")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("Remote", exact=True).check()
    # The location fields make no sense for a remote job: they are hidden, the states shown.
    assert not page.get_by_label("ZIP code").is_visible()
    page.get_by_label("Texas").first.check()
    page.get_by_label("Minimum pay").fill("62000")
    page.get_by_label("Maximum pay").fill("74000")
    page.get_by_label("per year").check()
    page.locator("#id_required_credentials").get_by_label("CRC (AAPC)").check()
    page.get_by_label("Description").fill(
        "Review provider documentation for risk adjustment coding accuracy across Medicare "
        "Advantage charts.\n\nFully remote, with a steady queue and a supportive QA team."
    )
    page.get_by_role("button", name="Save and preview").click()

    page.get_by_text("Your draft is saved").wait_for()
    assert page.get_by_text("$62,000–$74,000/yr").first.is_visible()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("is live until").wait_for()

    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    row = page.get_by_role("row").filter(has_text="Remote Risk Adjustment Coder")
    assert row.locator(".status").inner_text() == "Published"
    job = Job.objects.get()
    assert job.status == Job.Status.PUBLISHED
    assert job.remote_states == ["TX"] and job.required_credentials == ["crc"]
    assert job.description.startswith("<p>Review provider documentation")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_form_errors_are_shown_at_the_top_and_next_to_the_fields(
    live_server, page, company, employer_owner
):
    sign_in(page, live_server, "owner@lakeside.example")
    page.goto(live_server.url + "/dashboard/jobs/new/")
    page.get_by_label("Job title").fill("Night Nurse")
    page.get_by_label("ZIP code").fill("1234")
    page.get_by_role("button", name="Save and preview").click()

    page.get_by_role("heading", name="Please correct").wait_for()
    zip_input = page.get_by_label("ZIP code")
    assert zip_input.get_attribute("aria-invalid") == "true"
    assert "id_zip_code_error" in zip_input.get_attribute("aria-describedby")
    assert page.get_by_label("Job title").input_value() == "Night Nurse"
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()
    assert not Job.objects.exists()


@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/jobs/", "/dashboard/jobs/new/", "job"])
def test_dashboard_pages_are_accessible_and_fit_a_phone(
    live_server, browser, company, employer_owner, path
):
    job = JobFactory(company=company, title="Registered Nurse, Medical-Surgical")
    if path == "job":
        path = f"/dashboard/jobs/{job.pk}/"
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, "owner@lakeside.example")

    page.goto(live_server.url + path)

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    results = Axe().run(page, options=WCAG_A_AA)
    context.close()
    assert overflow <= 0
    assert results.violations_count == 0, results.generate_report()
