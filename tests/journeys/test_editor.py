"""Journey (c): an editor writes a career guide in Django admin and schedules it; at its time
the public reads it; a reader's comment waits until the editor approves it. The site's pages
pass axe (WCAG 2.2 A/AA) and reflow at 200% zoom and 320 px; admin pages (Django's own
templates) are photographed. Without JavaScript an editor still moderates comments."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Comment
from jobs.choices import PayPeriod, Profession
from tests.articles.factories import PendingCommentFactory, PublishedArticleFactory
from tests.factories import TEST_PASSWORD, PublishedJobFactory
from tests.journeys.conftest import Journey, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_login(page, base, user):
    # /admin/login/ leads to the site's sign-in form (allauth's), then back to admin.
    page.goto(base + "/admin/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Articles", exact=True).first.wait_for()


def test_editor_writes_schedules_a_guide_and_moderates_a_comment(
    live_server, desk, browser, staff_editor, editors_group
):
    PublishedJobFactory(
        profession=Profession.DOSIMETRIST,
        title="Medical Dosimetrist",
        pay_min=Decimal(105000),
        pay_max=Decimal(128000),
        pay_period=PayPeriod.YEAR,
    )
    journey = Journey("editor")
    base = live_server.url
    publish_at = timezone.localtime() + timedelta(days=1)
    page = desk.new_page()
    problems = watch_console(page)

    admin_login(page, base, staff_editor)
    journey.check(page, "admin home")
    page.goto(base + "/admin/articles/article/add/")
    page.locator("#id_kind").select_option("career_guide")
    page.locator("#id_title").press_sequentially("Dosimetrist Career Guide")
    page.locator("#id_summary").fill("How dosimetrists plan radiation treatment.")
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("Dosimetrists plan radiation treatment for cancer patients.")
    page.locator("#id_status").select_option("scheduled")
    page.locator("#id_publish_at_0").fill(publish_at.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    page.locator("#id_profession").select_option("dosimetrist")
    page.get_by_text("Add another Key facts", exact=True).click()
    page.locator("#id_facts-0-median_pay").fill("131000")
    page.locator("#id_facts-0-median_pay_source").fill("Dosimetry salary survey")
    journey.check(page, "writing the guide")
    page.locator("input[name=_save]").first.click()
    page.get_by_text("was added successfully").wait_for()
    journey.check(page, "guide scheduled")
    article = Article.objects.get(slug="dosimetrist-career-guide")
    assert article.status == Article.Status.SCHEDULED

    # The editor previews it on the site, with a banner; the public waits for its time.
    page.goto(base + article.get_absolute_url())
    page.get_by_text("Scheduled.", exact=True).wait_for()
    journey.check(page, "scheduled preview")

    reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = reader_context.new_page()
    assert reader.goto(base + article.get_absolute_url()).status == 404
    with time_machine.travel(article.publish_at + timedelta(minutes=1)):
        reader.goto(base + "/blog/")
        journey.check(reader, "blog with the guide")
        reader.get_by_role("link", name="Dosimetrist Career Guide").first.click()
        reader.get_by_role("heading", name="Dosimetrist Career Guide", level=1).wait_for()
        assert "$131,000 a year" in reader.locator(".fact-cards").inner_text()
        journey.check(reader, "published guide")
        reader.get_by_label("Your name").fill("Jo Guest")
        reader.get_by_label("Your email").fill("jo@example.com")
        reader.get_by_label("Your comment").fill("Which programs take career changers?")
        reader.get_by_role("button", name="Post comment").click()
        reader.get_by_text("will appear once an editor has approved it").wait_for()
        journey.check(reader, "comment awaiting approval")

        page.goto(base + "/admin/articles/comment/?status__exact=pending")
        journey.check(page, "comments to moderate")
        approve_first_pending(page)
        journey.check(page, "comment approved")
        reader.reload()
        reader.get_by_text("Which programs take career changers?").wait_for()
        journey.check(reader, "guide with the comment")
    reader_context.close()
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert not problems, "\n".join(problems)


def approve_first_pending(page):
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve")
    page.get_by_role("button", name="Go").click()
    page.get_by_text("1 comment(s) approved.").wait_for()


def test_without_javascript_an_editor_moderates_a_comment(
    live_server, no_js, staff_editor, editors_group
):
    comment = PendingCommentFactory(
        article=PublishedArticleFactory(title="Reading a pay range"), body="Thanks!"
    )
    page = no_js.new_page()
    admin_login(page, live_server.url, staff_editor)
    page.goto(live_server.url + "/admin/articles/comment/?status__exact=pending")
    approve_first_pending(page)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
