"""Pay in a real browser (headless Chromium): Colorado's pay-transparency rule on the posting
form, and the /pay/ pages at desktop and phone widths, checked with axe-core."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from jobs.models import Job, PayTransparencyRule
from jobs.pay_insights import pay_summary_refresh
from tests.factories import PublishedJobFactory
from tests.jobs.test_posting_browser import WCAG_A_AA, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLORADO = "Colorado's Equal Pay for Equal Work Act"


@pytest.fixture
def colorado_rule(db):
    # Transactional tests flush the seeded rows between tests: make sure Colorado's is there.
    rule, _ = PayTransparencyRule.objects.get_or_create(
        state="CO",
        effective_date="2021-01-01",
        defaults={
            "name": COLORADO,
            "source_name": "Colorado Department of Labor and Employment",
            "source_url": "https://cdle.colorado.gov/dlss/labor-laws-by-topic/equal-pay-for-equal-work-act",
            "requires_benefits": True,
        },
    )
    return rule


def test_employer_posting_up_to_pay_in_colorado_is_told_the_rule_fixes_it_and_publishes(
    live_server, page, company, employer_owner, colorado_rule
):
    company.is_verified = True
    company.save()
    sign_in(page, live_server, "owner@lakeside.example")
    page.goto(live_server.url + "/dashboard/jobs/new/")
    page.get_by_label("Job title").fill("Registered Nurse, ICU (nights)")
    page.get_by_label("Profession").select_option(label="Registered Nurse")
    page.get_by_label("Facility type").select_option(label="Hospital")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("On-site", exact=True).check()
    page.get_by_label("City").fill("Denver")
    page.get_by_label("State", exact=True).select_option("CO")
    page.get_by_label("Maximum pay").fill("60")  # "up to $60/hr"
    page.get_by_label("per hour").check()
    page.locator("#id_benefits").get_by_label("Health insurance").check()
    page.get_by_label("Description").fill(
        "Care for two ICU patients a night with a charge nurse, intensivists on site and a "
        "rapid-response team a call away."
    )
    page.get_by_role("button", name="Save and preview").click()

    page.get_by_role("heading", name="Please correct").wait_for()
    summary = page.locator("#form-errors").inner_text()
    assert COLORADO in summary and "“up to $60/hr” is not one" in summary
    assert (
        f"{COLORADO} applies because the job is in Colorado"
        in page.locator("#pay-rules").inner_text()
    )
    minimum = page.get_by_label("Minimum pay")
    assert minimum.get_attribute("aria-invalid") == "true"
    assert not Job.objects.exists()

    minimum.fill("48")
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_text("Your draft is saved").wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("is live until").wait_for()
    job = Job.objects.get()
    assert job.status == Job.Status.PUBLISHED
    assert (job.pay_min, job.pay_max) == (Decimal("48"), Decimal("60"))


@pytest.mark.parametrize("width", [1280, 375])
def test_pay_pages_read_well_at_desktop_and_phone_widths(live_server, page, width):
    for n in range(8):
        PublishedJobFactory(pay_min=Decimal(36 + n), pay_max=Decimal(46 + 2 * n))
    for n in range(6):
        PublishedJobFactory(
            city="Seattle",
            state="WA",
            zip_code="98101",
            pay_min=Decimal(50 + n),
            pay_max=Decimal(64),
        )
    pay_summary_refresh()
    page.set_viewport_size({"width": width, "height": 900})
    for path in ["/pay/", "/pay/registered-nurse/", "/pay/registered-nurse/co/"]:
        page.goto(live_server.url + path)
        assert page.locator("svg[role=img]").first.is_visible(), path
        assert page.locator("table caption").first.is_visible(), path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
        results = Axe().run(page, options=WCAG_A_AA)
        assert results.violations_count == 0, f"{path}: {results.generate_report()}"
