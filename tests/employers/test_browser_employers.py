"""Real-browser journey of issue 4: an owner edits the company and invites a recruiter, who
accepts from the email; the Company List finds the company; Pricing shows the plans.
Plus accessibility (axe-core, WCAG 2.1 A/AA) and 375 px phones on the employers pages."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from employers.models import CompanyLocation, Membership
from tests.employers.uploads import image_bytes
from tests.factories import (
    TEST_PASSWORD,
    CompanyFactory,
    EmployerUserFactory,
    MembershipFactory,
    PublishedJobFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard/"))


def sign_out(page):
    page.context.clear_cookies()


def invitation_path(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    url = re.search(r"https?://\S+/dashboard/team/join/\S+/", message.body).group(0)
    return urlsplit(url).path


@pytest.fixture
def directory(db):
    """A few companies around the owner's, so that the list has something to search."""
    for name, state in [("Summit Clinics", "CO"), ("Prairie Wind Family Medicine", "NE")]:
        company = CompanyFactory(name=name, facility_type="clinic")
        CompanyLocation.objects.create(company=company, city="Somewhere", state=state)
        PublishedJobFactory(company=company)


def test_owner_edits_company_invites_recruiter_who_accepts(
    live_server, page, employer_owner, company, directory, tmp_path
):
    base = live_server.url
    sign_in(page, base, employer_owner.email)

    # The owner edits the company profile, with a logo.
    page.goto(base + "/dashboard/company/")
    page.get_by_label("Type of facility").select_option("hospital")
    page.get_by_label("Number of employees").select_option("501-1000")
    page.get_by_label("Website").fill("lakeside.example.org")
    page.get_by_label("About the company").fill("A teaching hospital on Lake Mendota.")
    page.get_by_label("Locations").fill("Madison, WI\nMiddleton, WI")
    page.get_by_label("Benefits").fill("Tuition reimbursement")
    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes(size=(900, 300)))
    page.get_by_label("Logo image (optional)", exact=True).set_input_files(str(logo))
    page.get_by_role("button", name="Save the profile").click()
    page.get_by_text("Your company profile is saved.").wait_for()
    company.refresh_from_db()
    assert company.facility_type == "hospital" and company.logo

    # A bad logo is refused next to the field, and what was typed stays.
    fake = tmp_path / "fake.png"
    fake.write_text("not an image")
    page.get_by_label("Logo image (optional)", exact=True).set_input_files(str(fake))
    page.get_by_label("About the company").fill("Changed, but not saved.")
    page.get_by_role("button", name="Save the profile").click()
    page.get_by_text("This file is not a PNG, JPEG or WebP image.").wait_for()
    assert page.get_by_label("About the company").input_value() == "Changed, but not saved."

    # The owner invites a recruiter.
    page.goto(base + "/dashboard/team/")
    page.get_by_label("Email address of the recruiter").fill("sam.rivera@lakeside.example")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to sam.rivera@lakeside.example").wait_for()
    path = invitation_path("sam.rivera@lakeside.example")

    # The recruiter opens the emailed link, creates an account and joins.
    sign_out(page)
    page.goto(base + path)
    page.get_by_role("heading", name="Join Lakeside Health's hiring team").wait_for()
    page.get_by_label("Your name").fill("Sam Rivera")
    page.get_by_label("Password", exact=True).fill("Night-shift-ICU-2026")
    page.get_by_label("Password (again)").fill("Night-shift-ICU-2026")
    page.get_by_role("button", name="Create account and join").click()
    page.wait_for_url(base + "/dashboard/")
    membership = Membership.objects.get(user__email="sam.rivera@lakeside.example")
    assert membership.company == company and membership.role == Membership.Role.RECRUITER

    # The link works once.
    sign_out(page)
    page.goto(base + path)
    page.get_by_role("heading", name="This invitation was already used").wait_for()

    # The Company List finds the company, in place with htmx.
    page.goto(base + "/companies/")
    page.get_by_label("Company name").fill("lakesi")
    page.wait_for_url(re.compile(r"q=lakesi"))
    results = page.locator("#company-results")
    results.get_by_role("link", name="Lakeside Health").wait_for()
    assert results.get_by_role("link", name="Summit Clinics").count() == 0
    assert page.get_by_role("status").inner_text() == "1 company matches your search"
    results.get_by_role("link", name="Lakeside Health").click()
    page.get_by_role("heading", name="Lakeside Health", exact=True).wait_for()
    assert "A teaching hospital on Lake Mendota." in page.content()

    # The Pricing page shows the plans.
    page.goto(base + "/pricing/")
    for plan in ["Free", "Professional", "Enterprise"]:
        assert page.get_by_role("heading", name=plan, exact=True).is_visible()


def test_company_list_filters_work_without_javascript(live_server, browser, directory, company):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/companies/")
    page.get_by_label("State").select_option("CO")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"state=CO"))
    names = page.locator(".company-card h2").all_inner_texts()
    context.close()
    assert names == ["Summit Clinics"]


def test_owner_requests_an_upgrade_and_sees_the_confirmation(
    live_server, page, employer_owner, company
):
    sign_in(page, live_server.url, employer_owner.email)
    page.goto(live_server.url + "/pricing/")
    page.get_by_label("Professional: $299 / month, invoiced").check()
    page.get_by_label("Anything we should know (optional)", exact=True).fill(
        "Six openings a month."
    )
    page.get_by_role("button", name="Send the upgrade request").click()
    page.get_by_text("We received your request for the Professional plan").wait_for()
    assert {m.to[0] for m in mail.outbox} >= {"owner@lakeside.example"}


def public_paths(company) -> list[str]:
    return ["/companies/", company.get_absolute_url(), "/pricing/"]


@pytest.fixture
def profiled_company(company):
    company.is_verified = True
    company.facility_type = "hospital"
    company.about = "<p>A <strong>teaching</strong> hospital.</p>"
    company.website = "https://lakeside.example.org"
    company.benefits = ["Tuition reimbursement", "On-site childcare"]
    company.save()
    CompanyLocation.objects.create(company=company, city="Madison", state="WI")
    PublishedJobFactory.create_batch(3, company=company)
    return company


@pytest.mark.parametrize("which", [0, 1, 2])
def test_employers_public_pages_have_no_accessibility_violations(
    live_server, page, profiled_company, directory, which
):
    page.goto(live_server.url + public_paths(profiled_company)[which])
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/dashboard/company/", "/dashboard/team/", "/dashboard/plan/"])
def test_employer_dashboard_pages_have_no_accessibility_violations(
    live_server, page, employer_owner, employer_recruiter, profiled_company, path
):
    sign_in(page, live_server.url, employer_owner.email)
    page.goto(live_server.url + path)
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


def test_signed_in_owner_pricing_page_has_no_accessibility_violations(
    live_server, page, employer_owner
):
    sign_in(page, live_server.url, employer_owner.email)
    page.goto(live_server.url + "/pricing/")
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


def test_employers_pages_fit_a_375px_phone(
    live_server, browser, employer_owner, employer_recruiter, profiled_company, directory
):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    overflows = {}
    for path in public_paths(profiled_company):
        page.goto(live_server.url + path)
        overflows[path] = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    sign_in(page, live_server.url, employer_owner.email)
    for path in ["/dashboard/company/", "/dashboard/team/", "/dashboard/plan/", "/pricing/"]:
        page.goto(live_server.url + path)
        overflows["owner " + path] = page.evaluate(
            "document.documentElement.scrollWidth - innerWidth"
        )
    context.close()
    assert all(value <= 0 for value in overflows.values()), overflows


@pytest.fixture
def busy_team(company, employer_owner):
    """A team with long addresses and a page of jobs, as a real hospital's dashboard has."""
    for n in range(3):
        MembershipFactory(
            company=company,
            role=Membership.Role.RECRUITER,
            user=EmployerUserFactory(
                email=f"alexandra.konstantinopoulou{n}@tidewaterbaymedicalcenter.example",
                full_name="Alexandra Konstantinopoulou-Whitfield",
            ),
        )
    PublishedJobFactory.create_batch(
        4, company=company, title="Clinical Documentation Integrity Specialist, Inpatient"
    )
    return company


def test_every_dashboard_page_fits_a_375px_phone(live_server, browser, employer_owner, busy_team):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, employer_owner.email)
    overflows = {}
    for path in ["/dashboard/", "/dashboard/jobs/", "/dashboard/jobs/new/", "/dashboard/team/",
                 "/dashboard/company/", "/dashboard/plan/", "/pricing/"]:  # fmt: skip
        page.goto(live_server.url + path)
        overflows[path] = page.evaluate("document.documentElement.scrollWidth")
    # The team table is a stack of cards: no column sits beside the member.
    page.goto(live_server.url + "/dashboard/")
    member = page.locator(".table--cards td.person").first.bounding_box()
    role = page.locator(".table--cards td[data-label=Role]").first.bounding_box()
    context.close()

    assert all(width <= 375 for width in overflows.values()), overflows
    assert role["y"] >= member["y"] + member["height"] - 1


def test_job_seeker_who_clicks_post_a_job_learns_how_to_get_an_employer_account(
    live_server, browser, candidate
):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(candidate.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/me/"))

    response = page.goto(live_server.url + "/dashboard/jobs/new/")
    assert response.status == 403
    page.get_by_role("heading", name="How to get an employer account").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Sign out and create an employer account").click()
    page.get_by_label("Company or facility name").wait_for()
    context.close()
    assert urlsplit(page.url).path == "/accounts/signup/employer/"
