"""The journeys' shared plumbing: one live server and one browser for each journey module
(pytest-django's live server and pytest-playwright's browser live for the whole session), a
`Journey` that checks and photographs every page a journey reaches, and a real resume PDF."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail

from tests.factories import TEST_PASSWORD

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (target-size is a wcag22aa rule).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
DESK, PHONE = 1280, 375
# 200% zoom of a 1280 px window lays the page out at 640 CSS px; 320 px is WCAG's reflow width
# (a 1280 px window at 400%).
REFLOW_WIDTHS = [640, 320]
HEIGHT = 900
# The innermost elements that stick out past the right edge (what makes a page scroll sideways).
WIDEST = """() => {
  const out = el => el.getBoundingClientRect().right > window.innerWidth + 0.5;
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  return [...document.querySelectorAll('body *')]
    .filter(el => el.checkVisibility() && out(el) && !clipped(el)
                  && ![...el.children].some(c => c.checkVisibility() && out(c)))
    .slice(0, 5).map(el => el.outerHTML.slice(0, 160));
}"""


def artifacts_root() -> Path:
    """Where the screenshots go: JOURNEY_ARTIFACTS_DIR, or var/artifacts/journeys/."""
    default = Path(settings.BASE_DIR) / "var" / "artifacts" / "journeys"
    return Path(os.environ.get("JOURNEY_ARTIFACTS_DIR") or default)


class Journey:
    """Walks one journey's pages: `check(page, step)` runs axe-core, checks that the page
    reflows without sideways scrolling at 200% zoom and at 320 px, and saves a full-page
    screenshot at 1280 and 375 px wide. It keeps count of what it checked for the report."""

    axe = Axe()
    axe_pages: list[str] = []  # every page axe checked in the session

    def __init__(self, name: str):
        self.name = name
        self.directory = artifacts_root() / name
        self.directory.mkdir(parents=True, exist_ok=True)
        for stale in self.directory.glob("*.png"):  # from an earlier run with other steps
            stale.unlink()
        self.steps = 0

    def check(self, page, step: str):
        self.steps += 1
        original = page.viewport_size or {"width": DESK, "height": HEIGHT}
        page.wait_for_load_state("load")
        # In Django admin, two widgets of Django's own are left out: the autocomplete boxes
        # (its vendored select2, whose generated markup has no names; the <select> behind
        # each is labelled) and the tabular inlines (their inputs are named by the column
        # headers, which axe does not count). Everything else is checked.
        context = (
            {"exclude": [[".select2-container"], [".inline-group .tabular"]]}
            if "/admin/" in page.url
            else None
        )
        results = self.axe.run(page, context=context, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{step}: {page.url}\n{results.generate_report()}"
        Journey.axe_pages.append(page.url)
        for width in REFLOW_WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (
                f"{step}: {page.url} scrolls sideways by {overflow}px at {width}px: "
                f"{page.evaluate(WIDEST)}"
            )
        name = f"{self.steps:02d}-{slug(step)}"
        for width in (DESK, PHONE):
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.screenshot(
                path=self.directory / f"{name}-{width}.png", full_page=True, caret="initial"
            )
        page.set_viewport_size(original)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": DESK, "height": HEIGHT})
    yield context
    context.close()


@pytest.fixture
def no_js(browser):
    context = browser.new_context(
        viewport={"width": PHONE, "height": HEIGHT}, java_script_enabled=False
    )
    yield context
    context.close()


def watch_console(page) -> list[str]:
    """Script errors and CSP refusals the page reports. Not in Django admin: its vendored
    select2 writes style attributes, which the CSP (style-src 'self') blocks."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(f"{page.url}: {m.text}")
            if (m.type == "error" or "Content Security Policy" in m.text)
            and "/admin/" not in page.url
            else None
        ),
    )
    return problems


def sign_in(page, base_url: str, email: str, *, password: str = TEST_PASSWORD):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")


def sign_out(page, base_url: str):
    page.goto(base_url + "/accounts/logout/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def confirmation_link(to: str) -> str:
    """The verification link of the newest email to `to` (the outbox is delivered in-process
    when each request commits: CELERY_TASK_ALWAYS_EAGER in the test settings)."""
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def fill_signup(page, *, name, email, password, company=None):
    page.get_by_label("Your name").fill(name)
    if company:
        page.get_by_label("Company or facility name").fill(company)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Create account").click()


def resume_pdf(path: Path, text: str = "Casey Candidate, RN: five years in ICU.") -> Path:
    """A real one-page PDF (catalog, page tree, page, font, content stream and a correct
    cross-reference table), as a PDF reader would open it."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


@pytest.fixture
def editors_group(db):
    """The flush between transactional tests empties the Editors group that a migration
    filled; give it back the blog's permissions."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return group


@pytest.fixture(scope="session", autouse=True)
def _axe_summary():
    """Lists the pages axe checked beside the screenshots (axe-pages.txt)."""
    yield
    if Journey.axe_pages:
        root = artifacts_root()
        root.mkdir(parents=True, exist_ok=True)
        (root / "axe-pages.txt").write_text("\n".join(Journey.axe_pages) + "\n")
