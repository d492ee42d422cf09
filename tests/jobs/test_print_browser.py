"""A printed job page in headless Chromium: the job itself, black on white, without the site
around it (static/css/print.css)."""

import pytest

from tests.factories import CompanyFactory, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HIDDEN_ON_PAPER = [
    ".site-header",
    ".site-footer",
    ".banner",
    ".similar-jobs",
    ".job-share",
    ".job-report",
    ".job-apply",
]


@pytest.fixture
def job(db):
    company = CompanyFactory(name="Front Range Health")
    PublishedJobFactory(company=company, title="Day Registered Nurse")
    return PublishedJobFactory(
        company=company,
        title="Night Registered Nurse",
        description='<p>Read our <a href="https://www.frontrange.example/benefits">benefits</a>.</p>',
    )


def test_a_printed_job_page_shows_the_job_and_hides_the_site(live_server, page, job):
    page.goto(live_server.url + job.get_absolute_url())
    assert page.locator(".similar-jobs").is_visible()  # there is something to hide on screen

    page.emulate_media(media="print")

    for selector in HIDDEN_ON_PAPER:
        assert page.locator(selector).first.is_hidden(), selector
    assert page.get_by_role("heading", level=1).inner_text() == "Night Registered Nurse"
    assert page.locator(".job-header__company").is_visible()
    assert page.locator(".job-pay__amount").inner_text() == job.pay_label
    assert page.locator(".key-facts").is_visible() and page.locator(".prose").is_visible()
    colours = page.evaluate(
        "() => { const body = getComputedStyle(document.body);"
        " return [body.color, body.backgroundColor]; }"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.prose a'), '::after').content"
    )
    assert after == '" (https://www.frontrange.example/benefits)"'


def test_the_screen_never_sees_the_print_rules(live_server, page, job):
    page.goto(live_server.url + job.get_absolute_url())

    assert page.locator(".site-header").is_visible() and page.locator(".site-footer").is_visible()
    assert page.locator(".job-apply").is_visible()
