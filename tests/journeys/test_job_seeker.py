"""Journey (a): a job seeker searches, filters, opens a job, signs up, verifies their email,
fills in a profile, applies with a resume, saves the search as an alert, and later sees the
employer's answer. Every page on the way passes axe (WCAG 2.2 A/AA), reflows at 200% zoom
and 320 px, and is photographed at 1280 and 375 px. The same key steps work without
JavaScript."""

from decimal import Decimal

import pytest

from accounts.models import User
from applications.models import Application, Stage
from applications.services import application_move
from candidates.models import JobAlert
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    EmployerUserFactory,
    MembershipFactory,
    PublishedJobFactory,
)
from tests.journeys.conftest import (
    Journey,
    confirmation_link,
    fill_signup,
    resume_pdf,
    sign_in,
    watch_console,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Night-shift-ICU-2026"


@pytest.fixture
def hiring(db):
    company = CompanyFactory(name="Lakeside Health", slug="lakeside-health", is_verified=True)
    owner = MembershipFactory(
        company=company, user=EmployerUserFactory(email="owner@lakeside.example")
    ).user
    night = PublishedJobFactory(
        company=company,
        title="ICU Registered Nurse, Nights",
        shift="night",
        pay_min=Decimal(48),
        pay_max=Decimal(62),
    )
    PublishedJobFactory(company=company, title="ICU Registered Nurse, Days", shift="day")
    PublishedJobFactory(title="Outpatient Medical Coder")
    return owner, night


def test_job_seeker_finds_applies_saves_an_alert_and_sees_the_answer(
    live_server, desk, hiring, tmp_path, mailoutbox
):
    owner, job = hiring
    journey = Journey("job-seeker")
    base = live_server.url
    page = desk.new_page()
    problems = watch_console(page)

    page.goto(base + "/")
    journey.check(page, "home")
    page.get_by_label("What").fill("icu nurse")
    page.get_by_role("button", name="Search jobs").click()
    page.get_by_role("heading", name="Find healthcare jobs").wait_for()
    assert page.locator("#result-count").inner_text().startswith("2 jobs")
    journey.check(page, "search results")

    # A filter ticked: htmx updates the results in place and the URL follows.
    page.locator('input[name="shift"][value="night"]').check()
    page.wait_for_url("**shift=night**")
    # The count is a live region updated in place, so screen readers announce it.
    count = page.locator("#result-count")
    count.get_by_text("1 job").wait_for()
    assert (count.get_attribute("role"), count.get_attribute("aria-live")) == ("status", "polite")
    journey.check(page, "filtered by night shift")

    page.get_by_role("link", name=job.title).first.click()
    page.get_by_role("heading", name=job.title, level=1).wait_for()
    journey.check(page, "job page")

    page.get_by_role("link", name="Create a free account to apply").click()
    journey.check(page, "candidate sign-up")
    fill_signup(page, name="Noor Haddad", email="noor@example.com", password=PASSWORD)
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()
    journey.check(page, "verify your email")

    page.goto(confirmation_link("noor@example.com"))
    journey.check(page, "confirm email")
    page.get_by_role("button", name="Confirm").click()
    # Back where the sign-up started: the job.
    page.get_by_role("heading", name=job.title, level=1).wait_for()
    page.goto(base + "/me/")
    page.get_by_role("heading", name="Welcome, Noor").wait_for()
    journey.check(page, "candidate home")

    page.goto(base + "/me/profile/")
    journey.check(page, "empty profile")
    page.get_by_role("link", name="Edit about you").click()
    journey.check(page, "about you form")
    page.get_by_label("Headline").fill("ICU nurse, five years on nights")
    page.get_by_label("Profession").select_option(label="Registered Nurse")
    page.get_by_label("Specialties").fill("ICU, cardiac step-down")
    page.get_by_label("Years of experience").fill("5")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("ICU nurse, five years on nights").wait_for()
    journey.check(page, "profile with about you")

    page.goto(base + job.get_absolute_url())
    page.get_by_role("link", name="Apply now").click()
    page.get_by_role("heading", name=job.title).wait_for()
    journey.check(page, "apply form")
    page.get_by_label("Resume file").set_input_files(str(resume_pdf(tmp_path / "Noor RN.pdf")))
    page.get_by_label("Cover letter (optional)").fill("Five years of ICU nights.")
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("heading", name=f"You applied for {job.title}").wait_for()
    journey.check(page, "application sent")
    application = Application.objects.get(candidate__email="noor@example.com")
    assert application.resume.original_name == "Noor RN.pdf"

    page.goto(base + "/jobs/?q=icu+nurse&shift=night")
    # Saving a job with htmx swaps the button and says so in a live region.
    page.get_by_role("button", name=f"Save {job.title}").click()
    status = page.locator(f"#save-status-{job.pk}")
    status.get_by_text(f"Saved {job.title} to your saved jobs.").wait_for()
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    journey.check(page, "job saved")
    page.get_by_role("button", name="Email me jobs like these").click()
    page.wait_for_url(base + "/me/alerts/")
    page.get_by_text("Alert saved").wait_for()
    journey.check(page, "alert saved")
    alert = JobAlert.objects.get(user__email="noor@example.com")
    assert alert.query_string == "q=icu+nurse&shift=night"

    page.goto(base + "/me/applications/")
    journey.check(page, "my applications, waiting")

    # Later, the employer answers (through the same service as the pipeline's form).
    application_move(
        application=application,
        stage=Stage.INTERVIEW,
        message="We would love to meet you on Tuesday at 10am.",
        author=owner,
    )
    page.reload()
    card = page.locator(".application-card").filter(has_text=job.title)
    assert "Interview" in card.inner_text()
    journey.check(page, "my applications, answered")
    card.get_by_role("link", name=job.title).click()
    page.get_by_text("We would love to meet you on Tuesday at 10am.").wait_for()
    journey.check(page, "application with the answer")
    assert any("Tuesday at 10am" in m.body for m in mailoutbox if m.to == ["noor@example.com"]), (
        "the answer is emailed too"
    )
    assert User.objects.get(email="noor@example.com").role == User.Role.CANDIDATE
    assert not problems, "\n".join(problems)


def test_without_javascript_a_job_seeker_searches_applies_and_saves_an_alert(
    live_server, no_js, hiring, tmp_path
):
    _, job = hiring
    CandidateFactory(email="casey@example.com", full_name="Casey Candidate")
    base = live_server.url
    page = no_js.new_page()

    page.goto(base + "/")
    page.get_by_label("What").fill("icu nurse")
    page.get_by_role("button", name="Search jobs").click()
    assert page.locator("#result-count").inner_text().startswith("2 jobs")
    # Filters are a plain GET form: tick, then "Apply filters".
    page.locator("summary", has_text="Filters").click()
    page.locator('input[name="shift"][value="night"]').check()
    page.get_by_role("button", name="Apply filters").click()
    assert "shift=night" in page.url
    assert page.locator("#result-count").inner_text().startswith("1 job")

    page.get_by_role("link", name=job.title).first.click()
    page.get_by_role("heading", name=job.title, level=1).wait_for()
    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Email").fill("casey@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-staple-42")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=job.title, level=1).wait_for()

    page.get_by_role("link", name="Apply now").click()
    page.get_by_label("Resume file").set_input_files(str(resume_pdf(tmp_path / "casey.pdf")))
    page.get_by_role("button", name="Send application").click()
    page.get_by_role("heading", name=f"You applied for {job.title}").wait_for()
    assert Application.objects.filter(candidate__email="casey@example.com", job=job).exists()

    page.goto(base + "/jobs/?q=icu+nurse&shift=night")
    page.get_by_role("button", name="Email me jobs like these").click()
    page.get_by_text("Alert saved").wait_for()
    assert JobAlert.objects.get(user__email="casey@example.com").query_string == (
        "q=icu+nurse&shift=night"
    )


def test_a_signed_in_job_seeker_can_reach_every_control_by_keyboard_with_a_visible_focus(
    live_server, desk, hiring
):
    _, job = hiring
    CandidateFactory(email="casey@example.com")
    page = desk.new_page()
    sign_in(page, live_server.url, "casey@example.com")
    for path in ["/jobs/?q=icu+nurse", job.get_absolute_url()]:
        page.goto(live_server.url + path)
        assert_every_control_is_reached_by_tab_with_a_visible_focus(page)


FOCUS_PROBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  // A radio group is one tab stop: the arrow keys move within it.
  const html = el.type === 'radio' ? 'radio group ' + el.name : el.outerHTML.slice(0, 120);
  return {html: html, visible: outline || ring,
          onscreen: box.width > 0 && box.height > 0};
}"""

CONTROLS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.checkVisibility({visibilityProperty: true})
                && !el.closest('[inert]') && !el.closest('.honeypot'))
  .map(el => el.type === 'radio' ? 'radio group ' + el.name : el.outerHTML.slice(0, 120))
  .filter((key, i, all) => all.indexOf(key) === i)"""


def assert_every_control_is_reached_by_tab_with_a_visible_focus(page):
    """Tabs through the whole page: every focusable, visible control gets the focus in turn
    and shows a focus ring (an outline of at least 2 px or a box-shadow)."""
    controls = page.evaluate(CONTROLS)
    reached, invisible = [], []
    page.locator("body").focus()
    for _ in range(500):
        page.keyboard.press("Tab")
        probe = page.evaluate(FOCUS_PROBE)
        if probe is None:
            continue
        if reached and probe["html"] == reached[0]:
            break  # round the page and back to the first control
        if probe["html"] not in reached:
            reached.append(probe["html"])
        if probe["onscreen"] and not probe["visible"]:
            invisible.append(probe["html"])
    assert not invisible, f"no visible focus on {invisible}"
    missed = [html for html in controls if html not in reached]
    assert not missed, f"never reached by Tab: {missed}"
