"""Real-browser checks in headless Chromium: sign-up journeys, accessibility, small screens."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from accounts.models import User
from employers.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/no-ghosting/",
    "/contact/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/signup/candidate/",
    "/accounts/signup/employer/",
    "/jobs/",
    "/terms/",
    "/does-not-exist/",
]
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def confirmation_link(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def fill_signup(page, *, name, email, company=None):
    page.get_by_label("Your name").fill(name)
    if company:
        page.get_by_label("Company or facility name").fill(company)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("Night-shift-ICU-2026")
    page.get_by_label("Password (again)").fill("Night-shift-ICU-2026")
    page.get_by_role("button", name="Create account").click()


def test_candidate_signs_up_verifies_email_and_lands_on_their_home(live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Create your free Candidate account").first.click()
    fill_signup(page, name="Noor Haddad", email="noor@example.com")
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    # Signing in before verifying is refused: allauth resends the link instead.
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("noor@example.com")
    page.get_by_label("Password").fill("Night-shift-ICU-2026")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    page.goto(confirmation_link("noor@example.com"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Welcome, Noor").wait_for()
    assert page.url == live_server.url + "/me/"
    assert User.objects.get(email="noor@example.com").role == User.Role.CANDIDATE


def test_employer_signs_up_with_company_and_lands_on_the_dashboard(live_server, page):
    page.goto(live_server.url + "/post-a-job/")
    fill_signup(
        page, name="Grace Liu", email="grace@willowcreek.example", company="Willow Creek Clinic"
    )
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    page.goto(confirmation_link("grace@willowcreek.example"))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Willow Creek Clinic").wait_for()
    assert page.url == live_server.url + "/dashboard/"
    membership = Membership.objects.get(user__email="grace@willowcreek.example")
    assert membership.is_owner and membership.company.name == "Willow Creek Clinic"


def test_signup_errors_are_shown_next_to_their_fields(live_server, page):
    page.goto(live_server.url + "/accounts/signup/employer/")
    fill_signup(page, name="Grace Liu", email="not-an-email", company="")
    company = page.get_by_label("Company or facility name")
    assert company.get_attribute("aria-invalid") == "true"
    assert "company_name_error" in (company.get_attribute("aria-describedby") or "")
    assert page.get_by_label("Your name").input_value() == "Grace Liu"
    assert not User.objects.exists()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(live_server, page, path):
    page.goto(live_server.url + path)
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/", "/no-ghosting/", "/contact/", "/accounts/signup/employer/"])
def test_page_fits_a_375px_phone_without_sideways_scrolling(live_server, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_phone_menu_opens_and_reaches_every_nav_entry(live_server, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_text("Menu").click()
    nav = page.locator(".nav-toggle .nav")
    for entry in ["Find Jobs", "Find Candidates", "Company List", "Pricing", "Blog", "Contact",
                  "Sign In", "Post a Job"]:  # fmt: skip
        assert nav.get_by_role("link", name=entry, exact=True).is_visible()
    context.close()


def test_pages_raise_no_content_security_policy_violations(live_server, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in ["/", "/contact/", "/accounts/login/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
