"""In a real browser: from a search (changed with htmx), "Email me jobs like these" saves that
search as an alert and it shows on /me/alerts/; the pages pass axe and fit a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from candidates.models import JobAlert
from tests.candidates.test_browser_candidates import WCAG_A_AA, sign_in
from tests.factories import PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_email_me_jobs_like_these_creates_an_alert_shown_on_my_alerts(
    live_server, browser, candidate
):
    PublishedJobFactory(title="Night ICU Nurse", shift="night")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, live_server.url, candidate.email)

    page.goto(live_server.url + "/jobs/?q=icu+nurse")
    # A filter ticked with htmx: the URL follows and so does the alert's search.
    page.locator('input[name="shift"][value="night"]').check()
    page.wait_for_url("**shift=night**")
    page.get_by_role("button", name="Email me jobs like these").click()
    page.wait_for_url(live_server.url + "/me/alerts/")
    page.get_by_text("Alert saved").wait_for()
    page.get_by_role("link", name="“icu nurse” · Night shift").wait_for()
    alert = JobAlert.objects.get(user=candidate)
    assert alert.query_string == "q=icu+nurse&shift=night"
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()

    # Change how often, on the page.
    page.get_by_label("How often").select_option("weekly")
    page.get_by_role("button", name="Save how often").click()
    page.get_by_text("weekly.").wait_for()
    alert.refresh_from_db()
    assert alert.frequency == "weekly"
    assert not problems, problems

    phone = browser.new_context(viewport={"width": 375, "height": 800})
    phone.add_cookies(context.cookies())
    small = phone.new_page()
    for path in ["/me/alerts/", "/jobs/?q=icu+nurse"]:
        small.goto(live_server.url + path)
        overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    phone.close()
    context.close()
