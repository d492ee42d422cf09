"""A recruiter on the Free plan meets the quota in a real browser, with the way to upgrade."""

import pytest

from jobs.models import Job
from tests.factories import TEST_PASSWORD, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_free_company_recruiter_posts_a_second_job_and_gets_the_quota_message(
    live_server, page, company, employer_recruiter
):
    company.is_verified = True
    company.save()
    PublishedJobFactory(company=company, title="Charge Nurse, Telemetry")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("recruiter@lakeside.example")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Lakeside Health").wait_for()

    page.goto(live_server.url + "/dashboard/jobs/new/")
    page.get_by_label("Job title").fill("Medical Assistant, Pediatrics")
    page.get_by_label("Profession").select_option(label="Medical Assistant")
    page.get_by_label("Facility type").select_option(label="Physician practice")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("ZIP code").fill("80202")
    page.get_by_label("Minimum pay").fill("19")
    page.get_by_label("Maximum pay").fill("23")
    page.get_by_label("per hour").check()
    page.get_by_label("Description").fill(
        "Room patients, take vitals and histories, give vaccines and keep the pediatric clinic "
        "running on time with a friendly team of four providers."
    )
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_text("Your draft is saved").wait_for()
    page.get_by_role("button", name="Publish").click()

    page.get_by_text("Your Free plan includes 1 active job at a time").wait_for()
    page.get_by_role("link", name="Compare plans").click()
    page.get_by_role("heading", name="Professional").first.wait_for()
    assert Job.objects.get(title="Medical Assistant, Pediatrics").status == Job.Status.DRAFT
