import pytest
from django.contrib.auth.models import Group, Permission

from articles.models import Article, Comment
from tests.articles.factories import AuthorFactory, PendingCommentFactory, PublishedArticleFactory
from tests.factories import CandidateFactory, StaffEditorFactory

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ["facts", "pay_levels", "career_stages", "pros_cons", "faqs",
                   "Article_related", "images"]  # fmt: skip


def management_forms(**totals) -> dict:
    data = {}
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = str(totals.get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data


def test_editors_group_has_every_blog_permission_and_none_on_users_companies_or_jobs():
    group = Group.objects.get(name="Editors")
    granted = set(group.permissions.all())
    assert set(Permission.objects.filter(content_type__app_label="articles")) <= granted
    forbidden = Permission.objects.filter(
        content_type__app_label__in=["accounts", "auth", "employers", "sessions", "admin"]
    ) | Permission.objects.filter(content_type__app_label="jobs", content_type__model="job")
    assert not granted & set(forbidden)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/comment/",
        "/admin/articles/author/",
        "/admin/articles/category/",
        "/admin/articles/tag/",
    ],
)
def test_editor_can_open_the_blog_admin(client, staff_editor, path):
    client.force_login(staff_editor)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/employers/company/",
        "/admin/jobs/job/",
        "/admin/auth/group/",
    ],
)
def test_editor_cannot_reach_users_companies_or_jobs(client, staff_editor, path):
    client.force_login(staff_editor)
    assert client.get(path).status_code == 403


def test_non_staff_cannot_open_the_article_admin(client):
    client.force_login(CandidateFactory())
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editor_without_the_group_cannot_open_the_article_admin(client):
    client.force_login(StaffEditorFactory())
    assert client.get("/admin/articles/article/").status_code == 403


def test_article_form_uses_the_rich_text_editor_without_inline_script(client, staff_editor):
    client.force_login(staff_editor)
    content = client.get("/admin/articles/article/add/").content.decode()
    assert "data-django-prose-editor-articles" in content
    assert 'src="/static/js/article-editor.js" type="module"' in content
    assert '<script type="importmap"' not in content


def test_editor_writes_a_scheduled_guide_and_the_body_is_sanitized(client, staff_editor):
    author = AuthorFactory()
    other_guide = PublishedArticleFactory()
    client.force_login(staff_editor)
    data = {
        "kind": "career_guide",
        "title": "Dosimetrist guide",
        "slug": "dosimetrist-guide",
        "summary": "Planning radiation treatment.",
        "body": '<h2>The work</h2><p onclick="x()">Plans</p><script>alert(1)</script>',
        "status": "scheduled",
        "publish_at_0": "2099-01-05",
        "publish_at_1": "09:00:00",
        "author": author.pk,
        "profession": "dosimetrist",
        **management_forms(facts=1, pay_levels=1, faqs=1, Article_related=1),
        "Article_related-0-to_article": other_guide.pk,
        "facts-0-median_pay": "130000",
        "facts-0-median_pay_period": "year",
        "facts-0-median_pay_source": "Survey",
        "facts-0-median_pay_year": "2024",
        "pay_levels-0-position": "0",
        "pay_levels-0-level": "New CMD",
        "pay_levels-0-pay_low": "100000",
        "pay_levels-0-pay_high": "120000",
        "pay_levels-0-pay_period": "year",
        "faqs-0-position": "0",
        "faqs-0-question": "Is it remote?",
        "faqs-0-answer": "Sometimes.",
    }
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="dosimetrist-guide")
    assert article.body == '<h2 id="the-work">The work</h2><p>Plans</p>'
    assert article.status == Article.Status.SCHEDULED
    assert article.facts.median_pay == 130000
    assert article.pay_levels.get().level == "New CMD"
    assert article.faqs.get().question == "Is it remote?"
    assert list(article.related.all()) == [other_guide]
    assert client.get(article.get_absolute_url()).status_code == 200  # editor preview
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_hero_image_needs_alt_text(client, staff_editor):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, "PNG")
    client.force_login(staff_editor)
    data = {
        "kind": "blog_post",
        "title": "With a picture",
        "slug": "with-a-picture",
        "summary": "Summary.",
        "body": "<p>Text</p>",
        "status": "draft",
        "hero_image": SimpleUploadedFile("hero.png", buffer.getvalue(), "image/png"),
        "hero_image_alt": "",
        **management_forms(),
    }
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    assert "hero_image_alt" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_comments_are_approved_and_marked_spam_in_bulk_from_admin(client, staff_editor):
    article = PublishedArticleFactory()
    first, second, third = (PendingCommentFactory(article=article) for _ in range(3))
    client.force_login(staff_editor)
    response = client.post(
        "/admin/articles/comment/",
        {"action": "approve", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/articles/comment/", {"action": "mark_spam", "_selected_action": [third.pk]}
    )
    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "approved", third.pk: "spam"}


def test_comment_moderation_requires_post(client, staff_editor):
    article = PublishedArticleFactory()
    comment = PendingCommentFactory(article=article)
    client.force_login(staff_editor)
    client.get(f"/admin/articles/comment/?action=approve&_selected_action={comment.pk}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_comment_list_shows_short_columns_with_long_text_cut(client, staff_editor):
    article = PublishedArticleFactory(title="A career guide with a very long title " * 3)
    parent = PendingCommentFactory(article=article, body="word " * 100, name="Jordan Lee")
    PendingCommentFactory(article=article, parent=parent, by_editor=True, name="Hana")
    client.force_login(staff_editor)

    response = client.get("/admin/articles/comment/")

    assert response.status_code == 200
    assert list(response.context["cl"].list_display) == [
        "action_checkbox", "excerpt", "author", "on_article", "status", "created",
    ]  # fmt: skip
    html = response.content.decode()
    assert "word " * 100 not in html
    assert "Reply: Thanks, this helped." in html
    assert "Hana (editor)" in html
    assert '<td class="field-on_article">A career guide with a very long title A…</td>' in html
