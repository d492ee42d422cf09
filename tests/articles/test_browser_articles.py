"""The blog in headless Chromium: an editor writes and schedules a guide in admin, a guest's
comment waits for approval, accessibility and small screens."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article, Comment
from jobs.choices import PayPeriod, Profession
from tests.articles.factories import (
    CareerGuideFactory,
    CommentFactory,
    FAQFactory,
    GuideFactsFactory,
    PayLevelFactory,
    PublishedArticleFactory,
)
from tests.factories import TEST_PASSWORD, PublishedJobFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_editor(staff_editor):
    """The flush between transactional tests empties the Editors group that migration 0002
    filled; give it back the blog's permissions (tests/articles/test_admin.py checks the
    migration itself)."""
    group = Group.objects.get(name="Editors")
    group.permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return staff_editor


WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def admin_login(page, live_server, user):
    # /admin/login/ leads to the site's sign-in form (allauth's), then back to admin.
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Articles", exact=True).first.wait_for()


def csp_problems(page) -> list[str]:
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_editor_writes_schedules_and_the_guide_appears_at_its_time_with_live_jobs(
    live_server, browser, staff_editor
):
    PublishedJobFactory(
        profession=Profession.DOSIMETRIST,
        title="Medical Dosimetrist",
        pay_min=Decimal(105000),
        pay_max=Decimal(128000),
        pay_period=PayPeriod.YEAR,
    )
    PublishedJobFactory(
        profession=Profession.DOSIMETRIST,
        title="Per Diem Dosimetrist",
        pay_min=Decimal(62),
        pay_max=Decimal(70),
        pay_period=PayPeriod.HOUR,
    )
    publish_at = timezone.localtime() + timedelta(days=1)

    editor = browser.new_context(viewport={"width": 1280, "height": 900})
    page = editor.new_page()
    problems = csp_problems(page)
    admin_login(page, live_server, staff_editor)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator("#id_kind").select_option("career_guide")
    page.locator("#id_title").press_sequentially("Dosimetrist Career Guide")
    assert page.locator("#id_slug").input_value() == "dosimetrist-career-guide"
    page.locator("#id_summary").fill("How dosimetrists plan radiation treatment.")
    body = page.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Dosimetrists plan radiation treatment for cancer patients.")
    page.locator("#id_status").select_option("scheduled")
    page.locator("#id_publish_at_0").fill(publish_at.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    page.locator("#id_profession").select_option("dosimetrist")

    page.get_by_text("Add another Key facts", exact=True).click()
    page.locator("#id_facts-0-median_pay").fill("131000")
    page.locator("#id_facts-0-median_pay_source").fill("Dosimetry salary survey")
    page.get_by_text("Add another Pay by experience level", exact=True).click()
    page.locator("#id_pay_levels-0-level").fill("New CMD (0–2 years)")
    page.locator("#id_pay_levels-0-pay_low").fill("100000")
    page.locator("#id_pay_levels-0-pay_high").fill("120000")
    page.get_by_text("Add another FAQ", exact=True).click()
    page.locator("#id_faqs-0-question").fill("Do dosimetrists see patients?")
    page.locator("#id_faqs-0-answer").fill("At simulation, briefly; most work is planning.")
    page.locator("input[name=_save]").first.click()
    page.get_by_text("was added successfully").wait_for()
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]

    article = Article.objects.get(slug="dosimetrist-career-guide")
    assert article.status == Article.Status.SCHEDULED
    assert "Dosimetrists plan radiation treatment" in article.body

    # The editor previews it with a banner; the public gets a 404 until its time.
    page.goto(live_server.url + "/blog/dosimetrist-career-guide/")
    page.get_by_text("Scheduled.", exact=True).wait_for()
    editor.close()

    reader = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reader.new_page()
    response = page.goto(live_server.url + "/blog/dosimetrist-career-guide/")
    assert response.status == 404

    with time_machine.travel(article.publish_at + timedelta(minutes=1)):
        response = page.goto(live_server.url + "/blog/dosimetrist-career-guide/")
        assert response.status == 200
        page.get_by_role("heading", name="Dosimetrist Career Guide", level=1).wait_for()
        facts = page.locator(".fact-cards")
        assert "$131,000 a year" in facts.inner_text()
        assert "2 open jobs" in facts.inner_text()
        assert "$62–$70 an hour" in facts.inner_text()
        assert "$105,000–$128,000 a year" in facts.inner_text()
        assert "New CMD (0–2 years)" in page.locator(".pay-table").inner_text()
        page.get_by_text("Do dosimetrists see patients?").click()
        page.get_by_text("most work is planning").wait_for()
        assert page.get_by_role("link", name="Per Diem Dosimetrist").is_visible()
    reader.close()


def test_guest_comment_shows_only_after_an_editor_approves_it(live_server, browser, staff_editor):
    article = PublishedArticleFactory(title="Reading a pay range", slug="reading-a-pay-range")
    guest = browser.new_context()
    page = guest.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_label("Your name").fill("Jo Guest")
    page.get_by_label("Your email").fill("jo@example.com")
    page.get_by_label("Your comment").fill("The differential example helped me a lot.")
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("will appear once an editor has approved it").wait_for()
    assert page.get_by_text("The differential example helped me a lot.").count() == 0

    editor = browser.new_context()
    admin = editor.new_page()
    admin_login(admin, live_server, staff_editor)
    admin.goto(live_server.url + "/admin/articles/comment/?status__exact=pending")
    admin.locator("input[name=_selected_action]").first.check()
    admin.locator("select[name=action]").select_option("approve")
    admin.get_by_role("button", name="Go").click()
    admin.get_by_text("1 comment(s) approved.").wait_for()
    editor.close()

    assert Comment.objects.get().status == Comment.Status.APPROVED
    page.reload()
    page.get_by_text("The differential example helped me a lot.").wait_for()
    guest.close()


@pytest.fixture
def guide_page(db):
    guide = CareerGuideFactory(
        slug="medical-coder-guide",
        body="<h2>The work</h2><p>Coders read charts.</p><h3>Remote work</h3><p>Common.</p>",
    )
    GuideFactsFactory(article=guide)
    PayLevelFactory(article=guide)
    FAQFactory(article=guide)
    parent = CommentFactory(article=guide, body="Useful, see https://example.com/notes")
    CommentFactory(article=guide, parent=parent, by_editor=True, name="Hana")
    PublishedJobFactory(profession=guide.profession, title="Remote Medical Coder")
    guide.related.add(PublishedArticleFactory())
    return guide.get_absolute_url()


@pytest.mark.parametrize("path", ["/blog/", "guide"])
def test_blog_pages_have_no_accessibility_violations(live_server, page, guide_page, path):
    page.goto(live_server.url + (guide_page if path == "guide" else path))
    results = Axe().run(page, options=WCAG_A_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/blog/", "guide"])
def test_blog_pages_fit_a_375px_phone(live_server, browser, guide_page, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems = csp_problems(page)
    page.goto(live_server.url + (guide_page if path == "guide" else path))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p]


def test_comment_moderation_list_fits_a_1280px_screen(live_server, browser, staff_editor):
    article = PublishedArticleFactory(
        title="Medical Dosimetrist Career Guide: Planning Radiation Treatment, Pay, "
        "Certification and the Path From Radiation Therapist"
    )
    for n in range(3):
        parent = CommentFactory(
            article=article,
            name="Jordan Alexander Lee-Whitfield",
            body="Does anyone know programs that take students without a therapy background? " * 4,
            status=Comment.Status.PENDING if n else Comment.Status.APPROVED,
        )
    CommentFactory(article=article, parent=parent, by_editor=True, name="Hana Lindqvist")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    admin_login(page, live_server, staff_editor)

    page.goto(live_server.url + "/admin/articles/comment/")
    page.get_by_role("columnheader", name="Status").wait_for()
    layout = page.evaluate(
        """() => {
          const results = document.querySelector('.results');
          return {
            page: document.documentElement.scrollWidth,
            hidden: results.scrollWidth - results.clientWidth,
            status: document.querySelector('th.column-status').getBoundingClientRect().right,
          };
        }"""
    )
    context.close()

    assert layout["page"] <= 1280
    assert layout["hidden"] <= 0, layout  # no column cut off behind a scrollbar
    assert layout["status"] <= 1280
