"""The design system in a real browser (issue 15): on a 375 px phone every table of the
employer, job seeker and pay pages is a stack of cards (each row a card, each cell labelled)
and no page scrolls sideways; a form shows it was sent (aria-busy, its button disabled) and
the page after it says what happened."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from employers.models import Membership
from employers.services import invitation_create
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CertificationFactory, LicenseFactory, ProfileFactory
from tests.factories import (
    TEST_PASSWORD,
    EmployerUserFactory,
    MembershipFactory,
    PublishedJobFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "design"
WCAG_A_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}

# For every table on the page: how its rows and header are laid out, and whether each data
# cell shows its label. A card row is a block as wide as the table, and the header is hidden.
TABLE_LAYOUT = """() => [...document.querySelectorAll("main table")].map((table) => {
  const rows = [...table.tBodies].flatMap((body) => [...body.rows]);
  const cells = rows.flatMap((row) => [...row.cells].filter((c) => c.tagName === "TD"));
  const head = table.tHead ? table.tHead.getBoundingClientRect() : {width: 0, height: 0};
  return {
    rows: rows.length,
    cardRows: rows.filter((row) => getComputedStyle(row).display === "block"
      && row.getBoundingClientRect().width >= table.getBoundingClientRect().width - 1).length,
    headHidden: head.width <= 1 && head.height <= 1,
    labelled: cells.filter((c) => c.dataset.label && c.colSpan === 1
      && getComputedStyle(c, "::before").content.includes(c.dataset.label)).length,
    toLabel: cells.filter((c) => c.dataset.label && c.colSpan === 1).length,
    rightEdge: Math.max(...rows.map((row) => row.getBoundingClientRect().right)),
    shapes: rows.map((row) => [getComputedStyle(row).display, row.getBoundingClientRect().width,
      table.getBoundingClientRect().width]),
  };
})"""


def sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/(dashboard|me)/"))


@pytest.fixture
def employer_world(company, employer_owner):
    for n in range(2):
        MembershipFactory(
            company=company,
            role=Membership.Role.RECRUITER,
            user=EmployerUserFactory(
                email=f"alexandra.konstantinopoulou{n}@tidewaterbaymedicalcenter.example"
            ),
        )
    invitation_create(
        company=company,
        invited_by=employer_owner,
        email="a.very.long.address.for.a.new.recruiter@tidewaterbaymedicalcenter.example",
    )
    jobs = PublishedJobFactory.create_batch(
        3, company=company, title="Clinical Documentation Integrity Specialist, Inpatient"
    )
    for job in jobs:
        ApplicationFactory(job=job)
    return jobs


@pytest.fixture
def candidate_world(candidate):
    profile = ProfileFactory(user=candidate)
    LicenseFactory(profile=profile)
    CertificationFactory(profile=profile)
    return profile


def layouts(page, base, paths):
    """Each page's sideways overflow and table layout, and a screenshot of it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    found = {}
    for path in paths:
        page.goto(base + path)
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        found[path] = {
            "overflow": page.evaluate("document.documentElement.scrollWidth - innerWidth"),
            "tables": page.evaluate(TABLE_LAYOUT),
        }
    return found


def test_tables_are_cards_on_a_375px_phone_and_nothing_scrolls_sideways(
    live_server, browser, employer_owner, employer_world, candidate, candidate_world
):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, employer_owner.email)
    job = employer_world[0]
    found = layouts(
        page,
        live_server.url,
        [
            "/dashboard/",
            "/dashboard/jobs/",
            "/dashboard/team/",
            "/dashboard/applicants/",
            f"/dashboard/jobs/{job.pk}/applicants/",
        ],
    )
    context.clear_cookies()
    sign_in(page, live_server.url, candidate.email)
    found.update(layouts(page, live_server.url, ["/me/profile/"]))
    context.close()

    assert all(page["overflow"] <= 0 for page in found.values()), found
    tables = [(path, t) for path, page in found.items() for t in page["tables"]]
    # Job table and team on the dashboard, jobs, team and invitations, applicants (twice),
    # licenses and certifications.
    assert len(tables) >= 8, found
    for path, table in tables:
        assert table["rows"] and table["cardRows"] == table["rows"], f"{path} {table}"
        assert table["headHidden"], f"{path} {table}"
        assert table["labelled"] == table["toLabel"] > 0, f"{path} {table}"
        assert table["rightEdge"] <= 375, f"{path} {table}"


def test_the_same_tables_stay_tables_on_a_desk(
    live_server, browser, employer_owner, employer_world
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, employer_owner.email)
    found = layouts(page, live_server.url, ["/dashboard/jobs/", "/dashboard/applicants/"])
    context.close()

    for table in [t for page in found.values() for t in page["tables"]]:
        assert table["cardRows"] == 0 and not table["headHidden"], found


def test_a_form_shows_it_was_sent_then_the_next_page_says_what_happened(
    live_server, page, candidate, candidate_world
):
    sign_in(page, live_server.url, candidate.email)
    page.goto(live_server.url + "/me/privacy/")
    form = page.locator("form", has=page.get_by_role("button", name="Block", exact=True))
    form.get_by_label("Company name or domain").fill("st-elsewhere.example")

    # The answer is "204 No Content", so the browser stays on the page: it shows the form as
    # it looks while the next page is on its way.
    page.route("**/me/privacy/blocks/", lambda route: route.fulfill(status=204))
    form.get_by_role("button", name="Block", exact=True).click(no_wait_after=True)
    page.wait_for_function(
        "() => document.querySelector('form[aria-busy=true] button[type=submit]:disabled')"
    )
    assert form.get_attribute("aria-busy") == "true"
    assert form.get_by_role("button", name="Block", exact=True).is_disabled()

    page.unroute("**/me/privacy/blocks/")
    page.goto(live_server.url + "/me/privacy/")
    form = page.locator("form", has=page.get_by_role("button", name="Block", exact=True))
    form.get_by_label("Company name or domain").fill("st-elsewhere.example")
    form.get_by_role("button", name="Block", exact=True).click()
    page.wait_for_url(re.compile(r"/me/privacy/$"))
    toast = page.get_by_role("status").locator(".message--success")
    assert toast.is_visible()
    assert page.get_by_role("button", name="Block", exact=True).is_enabled()


def test_the_progress_page_updates_itself_until_the_export_is_ready(
    live_server, page, employer_owner, employer_world, private_storage, monkeypatch
):
    from applications import pipeline_actions
    from applications.models import PipelineAction

    monkeypatch.setattr(PipelineAction._meta.get_field("file"), "storage", private_storage)
    # Written as export_start writes it, minus the task: here the test is the worker.
    action = PipelineAction.objects.create(
        kind="export", company=employer_world[0].company, requested_by=employer_owner, total=3
    )
    sign_in(page, live_server.url, employer_owner.email)
    page.goto(live_server.url + pipeline_actions.action_url(action))
    page.get_by_text("Waiting to start").wait_for()
    violations = Axe().run(page, options=WCAG_A_AA).response["violations"]

    pipeline_actions.action_run(action_id=action.pk)  # the worker, meanwhile

    # No reload: htmx polls the progress block every 2 seconds.
    page.get_by_role("link", name="Download the CSV").wait_for(timeout=10000)
    assert page.get_by_text("3 applicants").first.is_visible()
    assert not page.get_by_role("link", name="Check again").count()
    assert violations == [], violations
