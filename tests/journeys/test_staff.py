"""Journey (d): a reader reports a job and staff handle the report in admin (pause the job,
resolve the report); a company goes on notice under the No-Ghosting Policy, staff find it in
admin, its team is told why on the dashboard and cannot publish until it answers the overdue
applications, and then it is off notice. The site's pages pass axe (WCAG 2.2 A/AA) and
reflow at 200% zoom and 320 px; every step is photographed at 1280 and 375 px. Without
JavaScript a reader still reports a job and staff still resolve it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.responsiveness import companies_refresh_responsiveness
from employers.models import Company
from jobs.models import Job, JobReport
from tests.applications.deadline_factories import (
    AnsweredApplicationFactory,
    OverdueApplicationFactory,
)
from tests.factories import (
    TEST_PASSWORD,
    CompanyFactory,
    EmployerUserFactory,
    JobFactory,
    MembershipFactory,
    PublishedJobFactory,
    UserFactory,
)
from tests.journeys.conftest import Journey, sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(db):
    return UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def harbor(db):
    """A company whose on-time rate over 30 days is 40% with two applications overdue."""
    company = CompanyFactory(
        name="Harbor Imaging", slug="harbor-imaging", is_verified=True, plan="professional"
    )
    owner = MembershipFactory(
        company=company, user=EmployerUserFactory(email="owner@harbor.example")
    ).user
    job = PublishedJobFactory(company=company, title="CT Technologist")
    for hours in (5, 5, 24 * 8):
        AnsweredApplicationFactory(
            job=job,
            submitted_at=timezone.now() - timedelta(days=20),
            answered_after=timedelta(hours=hours),
        )
    OverdueApplicationFactory.create_batch(2, job=job)
    companies_refresh_responsiveness()
    return company, owner


def admin_login(page, base, user):
    page.goto(base + "/admin/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Site administration").wait_for()


def report_job(page, job):
    page.locator("summary", has_text="Report this job").click()
    page.get_by_label("What is wrong with this job?").select_option("scam")
    page.get_by_label("Details (optional)").fill("They asked me to pay for a background check.")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Thank you").first.wait_for()


def resolve_reports(page, base):
    page.goto(base + "/admin/jobs/jobreport/?resolved=no")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("mark_resolved")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("1 report(s) marked as resolved.").wait_for()


def test_staff_handle_a_reported_job_and_a_company_on_notice(
    live_server, desk, browser, staff, harbor
):
    company, owner = harbor
    assert Company.objects.get(pk=company.pk).is_on_notice
    reported = PublishedJobFactory(title="Travel Sonographer, $9,000 a week")
    draft = JobFactory(company=company, title="MRI Technologist")
    journey = Journey("staff")
    base = live_server.url

    # A reader reports a job.
    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    reader.goto(base + reported.get_absolute_url())
    report_job(reader, reported)
    journey.check(reader, "job reported")
    assert JobReport.objects.get().job == reported

    # Staff pause the job and resolve the report.
    page = desk.new_page()
    problems = watch_console(page)
    admin_login(page, base, staff)
    journey.check(page, "admin home")
    page.goto(base + "/admin/jobs/jobreport/?resolved=no")
    journey.check(page, "open reports")
    page.goto(base + f"/admin/jobs/job/{reported.pk}/change/")
    page.locator("#id_status").select_option("paused")
    page.locator("input[name=_save]").first.click()
    page.get_by_text("was changed successfully").wait_for()
    resolve_reports(page, base)
    journey.check(page, "report resolved")
    assert Job.objects.get(pk=reported.pk).status == Job.Status.PAUSED
    assert JobReport.objects.get().resolved_at is not None
    assert reader.goto(base + reported.get_absolute_url()).status in (404, 410)
    reader_context.close()

    # The company on notice, as staff see it.
    page.goto(base + "/admin/employers/company/")
    page.get_by_role("link", name="On notice", exact=True).click()
    page.wait_for_url("**/admin/employers/company/?on_notice=yes")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    assert "Harbor Imaging" in row.inner_text()
    journey.check(page, "companies on notice")
    row.get_by_role("link", name="Harbor Imaging").click()
    page.get_by_role("heading", name="No-Ghosting responsiveness").wait_for()
    journey.check(page, "company on notice")

    # Its team is told why and cannot publish until the overdue applications are answered.
    team_context = browser.new_context(viewport={"width": 1280, "height": 900})
    team = team_context.new_page()
    sign_in(team, base, owner.email)
    team.get_by_role("heading", name="Your company is on notice").wait_for()
    journey.check(team, "dashboard on notice")
    team.goto(base + f"/dashboard/jobs/{draft.pk}/")
    team.get_by_role("button", name="Publish").click()
    team.get_by_text("is on notice under our No-Ghosting Policy").wait_for()
    journey.check(team, "publishing refused")
    team.goto(base + "/dashboard/applicants/?stage=submitted")
    for box in team.locator("input[name=application]").all():
        box.check()
    team.locator("summary", has_text="not selected").click()
    team.locator("details.bulk textarea").fill("Thank you: the position has been filled.")
    team.get_by_role("button", name="Send to the selected applicants").click()
    team.get_by_text("told “not selected”").wait_for()
    # The responsiveness refresh (a beat task every few minutes) lifts the notice.
    companies_refresh_responsiveness()
    team.goto(base + f"/dashboard/jobs/{draft.pk}/")
    team.get_by_role("button", name="Publish").click()
    team.get_by_text("is live until").wait_for()
    journey.check(team, "published again")
    team_context.close()

    page.goto(base + "/admin/employers/company/?on_notice=yes")
    page.get_by_text("0 companies").wait_for()
    journey.check(page, "no company on notice")
    assert not Company.objects.get(pk=company.pk).is_on_notice
    assert not problems, "\n".join(problems)


def test_without_javascript_a_reader_reports_a_job_and_staff_resolve_it(
    live_server, no_js, browser, staff
):
    job = PublishedJobFactory(title="Travel Sonographer, $9,000 a week")
    reader = no_js.new_page()
    reader.goto(live_server.url + job.get_absolute_url())
    report_job(reader, job)

    admin_context = browser.new_context(java_script_enabled=False)
    page = admin_context.new_page()
    admin_login(page, live_server.url, staff)
    resolve_reports(page, live_server.url)
    admin_context.close()
    assert JobReport.objects.get(job=job).resolved_at is not None
