"""Job search and the job page in headless Chromium: htmx in place, no JavaScript, a11y, phones."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobs.choices import EmploymentType, Profession, Shift, WorkplaceType
from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def jobs(db):
    company = CompanyFactory(name="Front Range Health", is_verified=True)
    made = [
        PublishedJobFactory(
            title="Remote Medical Coder",
            profession=Profession.MEDICAL_CODER,
            required_credentials=["cpc"],
            workplace_type=WorkplaceType.REMOTE,
            remote_states=["CO"],
            company=company,
        ),
        PublishedJobFactory(
            title="Night Medical Coder",
            profession=Profession.MEDICAL_CODER,
            shift=Shift.NIGHT,
            company=company,
            sign_on_bonus=2500,
            is_featured=True,
        ),
        PublishedJobFactory(
            title="Per Diem ICU Nurse", employment_type=EmploymentType.PER_DIEM, company=company
        ),
    ]
    for n in range(22):
        PublishedJobFactory(title=f"Staff Nurse {n}", company=company)
    return made


def results(page) -> list[str]:
    return page.locator("#search-results .job-card__title").all_inner_texts()


def test_seeker_types_a_query_and_ticks_a_filter_and_results_follow_in_place(
    live_server, page, jobs
):
    page.goto(live_server.url + "/jobs/")
    page.evaluate("window.sameDocument = true")  # gone after a full page load

    page.get_by_label("What").fill("medical coder")
    page.get_by_label("What").press("Enter")
    page.wait_for_url(lambda url: "q=medical" in url)
    page.locator("#result-count").get_by_text("2 jobs").wait_for()
    assert sorted(results(page)) == ["Night Medical Coder", "Remote Medical Coder"]

    night = page.get_by_role("checkbox", name="Night shift")
    night.check()
    page.wait_for_url(lambda url: "shift=night" in url)
    page.locator("#result-count").get_by_text("1 job").wait_for()
    assert results(page) == ["Night Medical Coder"]
    assert page.evaluate("window.sameDocument") is True
    # The re-rendered filters keep the keyboard where it was.
    assert page.evaluate("document.activeElement.id") == "f-shift-night"
    assert page.get_by_role("checkbox", name="Night shift").is_checked()

    # The URL is a bookmark: loading it fresh shows the same search.
    page.goto(page.url)
    assert results(page) == ["Night Medical Coder"]
    assert page.get_by_label("What").input_value() == "medical coder"


def test_removing_a_filter_chip_and_paging_update_in_place(live_server, page, jobs):
    page.goto(live_server.url + "/jobs/?q=nurse&employment_type=per_diem")
    page.evaluate("window.sameDocument = true")
    assert results(page) == ["Per Diem ICU Nurse"]

    page.get_by_role("link", name="Per diem (remove this filter)").click()
    page.locator("#result-count").get_by_text("23 jobs").wait_for()
    assert len(results(page)) == 20

    page.get_by_role("link", name="Page 2").click()
    page.wait_for_url(lambda url: "page=2" in url)
    page.locator("#result-count").get_by_text("page 2 of 2").wait_for()
    assert len(results(page)) == 3
    assert page.evaluate("window.sameDocument") is True


def test_search_works_without_javascript(live_server, browser, jobs):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/jobs/")
    page.locator(".filters__toggle").click()  # the drawer is a plain <details>
    page.get_by_label("What").fill("coder")
    page.get_by_role("checkbox", name="Remote").check()
    page.get_by_role("button", name="Search").click()

    page.wait_for_url("**q=coder**")
    assert "workplace_type=remote" in page.url
    assert results(page) == ["Remote Medical Coder"]
    context.close()


def test_a_typo_shows_the_corrected_results_and_can_search_as_typed(live_server, page, jobs):
    from jobs.suggestions import search_terms_refresh

    search_terms_refresh()
    page.goto(live_server.url + "/jobs/?q=medcal+codr")

    page.get_by_text("Showing results for medical coder.").wait_for()
    page.locator("#result-count").get_by_text("2 jobs").wait_for()
    assert page.get_by_label("What").input_value() == "medical coder"

    page.get_by_role("link", name="medcal codr").click()
    page.locator("#result-count").get_by_text("No jobs").wait_for()
    assert page.get_by_label("What").input_value() == "medcal codr"


@pytest.mark.parametrize(
    "path",
    ["/jobs/", "/jobs/?q=coder&location=Atlantis%2C+ZZ", "/jobs/?q=zzzz", "job", "/"],
)
def test_search_and_job_pages_have_no_accessibility_violations(live_server, page, jobs, path):
    url = jobs[1].get_absolute_url() if path == "job" else path
    page.goto(live_server.url + url)
    assert Axe().run(page, options=WCAG_A_AA).violations_count == 0, (
        Axe().run(page, options=WCAG_A_AA).generate_report()
    )


@pytest.mark.parametrize("path", ["/jobs/", "/jobs/?q=nurse&location=80202", "job", "/"])
def test_search_and_job_pages_fit_a_375px_phone(live_server, browser, jobs, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + (jobs[1].get_absolute_url() if path == "job" else path))
    if path.startswith("/jobs/"):
        filters = page.locator("#filters")
        assert filters.get_attribute("open") is None  # a closed drawer on phones
        assert not page.get_by_role("button", name="Apply filters").is_visible()
        page.locator(".filters__toggle").click()
        assert page.get_by_role("button", name="Apply filters").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_filters_are_an_open_sidebar_on_a_desktop(live_server, browser, jobs):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/jobs/")
    assert page.get_by_role("checkbox", name="Night shift").is_visible()
    assert not page.locator(".filters__toggle").is_visible()
    context.close()


def test_job_page_raises_no_content_security_policy_violations(live_server, page, jobs):
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in [jobs[1].get_absolute_url(), "/jobs/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    page.get_by_label("What").fill("nurse")
    page.get_by_label("What").press("Enter")
    page.wait_for_url(lambda url: "q=nurse" in url)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_copy_link_button_copies_the_job_address(live_server, browser, jobs):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + jobs[1].get_absolute_url())
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith(jobs[1].get_absolute_url())
    context.close()
