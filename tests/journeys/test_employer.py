"""Journey (b): an employer signs up, verifies their email, completes the company profile, posts
a job, reviews the applicants, messages one and answers all of them at once. Every page passes
axe (WCAG 2.2 A/AA), reflows at 200% zoom and 320 px, and is photographed at 1280 and 375 px.
Without JavaScript the employer still answers an applicant and answers all."""

import pytest

from applications.models import Application, ApplicationEvent, Stage
from employers.models import Company
from jobs.models import Job
from tests.applications.factories import ApplicationFactory
from tests.factories import CandidateFactory, PublishedJobFactory
from tests.journeys.conftest import (
    Journey,
    confirmation_link,
    fill_signup,
    sign_in,
    watch_console,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Night-shift-ICU-2026"


def apply_to(job, *names):
    return [
        ApplicationFactory(
            job=job,
            candidate=CandidateFactory(
                full_name=name, email=f"{name.split()[0].lower()}@example.com"
            ),
        )
        for name in names
    ]


def test_employer_signs_up_posts_a_job_reviews_messages_and_answers_all(
    live_server, desk, mailoutbox
):
    journey = Journey("employer")
    base = live_server.url
    page = desk.new_page()
    problems = watch_console(page)

    page.goto(base + "/post-a-job/")
    journey.check(page, "employer sign-up")
    fill_signup(
        page,
        name="Grace Liu",
        email="grace@willowcreek.example",
        password=PASSWORD,
        company="Willow Creek Clinic",
    )
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    page.goto(confirmation_link("grace@willowcreek.example"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Willow Creek Clinic").wait_for()
    journey.check(page, "new dashboard")

    page.goto(base + "/dashboard/company/")
    journey.check(page, "company profile form")
    page.get_by_label("Type of facility").select_option("clinic")
    page.get_by_label("Number of employees").select_option("51-200")
    page.get_by_label("Website").fill("willowcreek.example")
    page.get_by_label("About the company").fill("A family clinic with evening hours.")
    page.get_by_label("Locations").fill("Madison, WI")
    page.get_by_label("Benefits").fill("Tuition reimbursement")
    page.get_by_role("button", name="Save the profile").click()
    page.get_by_text("Your company profile is saved.").wait_for()
    journey.check(page, "company profile saved")
    company = Company.objects.get(name="Willow Creek Clinic")
    assert company.facility_type == "clinic"
    # Staff verify new companies in admin (the staff journey works there); the jobs of a
    # verified company go live without waiting in the review queue.
    Company.objects.filter(pk=company.pk).update(is_verified=True)

    page.get_by_role("link", name="Post a Job").first.click()
    page.get_by_role("heading", name="Post a Job").wait_for()
    journey.check(page, "post a job form")
    page.get_by_label("Job title").fill("Medical Assistant, Evenings")
    page.get_by_label("Profession").select_option(label="Medical Assistant")
    page.get_by_label("Facility type").select_option("clinic")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("On-site", exact=True).check()
    page.locator("#id_city").fill("Madison")
    page.locator("#id_state").select_option("WI")
    page.get_by_label("ZIP code").fill("53703")
    page.get_by_label("Minimum pay").fill("21")
    page.get_by_label("Maximum pay").fill("26")
    page.get_by_label("per hour").check()
    page.get_by_label("Description").fill(
        "Room patients, take vitals and keep the evening clinic running on time.\n\n"
        "Monday to Thursday, 2pm to 10pm."
    )
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_text("Your draft is saved").wait_for()
    journey.check(page, "job preview")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("is live until").wait_for()
    journey.check(page, "job published")
    job = Job.objects.get(company=company)
    assert job.status == Job.Status.PUBLISHED

    # Three job seekers apply.
    first, *_ = apply_to(job, "Ana Ortiz", "Ben Cole", "Chloe Diaz")

    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    page.get_by_role("link", name="Applicants", exact=True).first.click()
    page.get_by_role("link", name="Ana Ortiz").wait_for()
    journey.check(page, "applicants")
    page.get_by_role("link", name="Ana Ortiz").click()
    page.get_by_role("heading", name="Ana Ortiz").wait_for()
    journey.check(page, "an applicant")
    page.get_by_role("textbox", name="Message").fill(
        "Could you tell us which evenings you can work?"
    )
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Could you tell us which evenings you can work?").wait_for()
    journey.check(page, "message sent")
    assert ApplicationEvent.objects.filter(application=first, kind="message").exists()

    page.get_by_role("link", name="Applicants", exact=True).first.click()
    answer_all_not_selected(page, "Thank you: we have filled the evening shift.")
    journey.check(page, "answered all")
    assert set(Application.objects.values_list("stage", flat=True)) == {Stage.NOT_SELECTED}
    told = {m.to[0] for m in mailoutbox if "filled the evening shift" in m.body}
    assert told == {"ana@example.com", "ben@example.com", "chloe@example.com"}
    assert not problems, "\n".join(problems)


def answer_all_not_selected(page, message):
    for box in page.locator("input[name=application]").all():
        box.check()
    page.locator("summary", has_text="not selected").click()
    page.locator("details.bulk textarea").fill(message)
    page.get_by_role("button", name="Send to the selected applicants").click()
    page.get_by_text("told “not selected”").wait_for()


def test_without_javascript_an_employer_answers_an_applicant_and_then_all(
    live_server, no_js, company, employer_owner
):
    job = PublishedJobFactory(company=company, title="Night Charge Nurse")
    first, *_ = apply_to(job, "Dev Patel", "Eva Stone")
    page = no_js.new_page()
    sign_in(page, live_server.url, employer_owner.email)

    page.goto(live_server.url + "/dashboard/applicants/")
    page.get_by_role("link", name="Dev Patel").click()
    page.get_by_role("link", name="Interview", exact=True).click()
    page.get_by_label("Message to the candidate").fill("Can you come in on Monday at 9?")
    page.get_by_role("button", name="Move and send").click()
    page.get_by_text("Moved to “Interview”").wait_for()
    first.refresh_from_db()
    assert first.stage == Stage.INTERVIEW

    page.goto(live_server.url + "/dashboard/applicants/")
    answer_all_not_selected(page, "Thank you, the position is filled.")
    assert set(Application.objects.values_list("stage", flat=True)) == {Stage.NOT_SELECTED}
