import pytest

from articles.models import Article, Author, Comment
from demo.articles import seed_articles
from tests.factories import StaffEditorFactory

pytestmark = pytest.mark.django_db


def test_seed_articles_creates_original_guides_posts_and_comments_once(client):
    editor = StaffEditorFactory(email="editor@healthcareers.example", full_name="Hana Lindqvist")
    created = seed_articles()
    assert created > 0
    assert seed_articles() == 0  # idempotent

    published = Article.objects.published()
    assert published.count() >= 8
    guides = set(
        published.filter(kind=Article.Kind.CAREER_GUIDE).values_list("profession", flat=True)
    )
    assert {"medical_coder", "clinical_documentation_specialist", "dosimetrist",
            "nuclear_medicine_technologist", "anesthesiologist_assistant"} <= guides  # fmt: skip
    hiring = published.get(kind=Article.Kind.HIRING_GUIDE)
    assert hiring.job_template.responsibility_list
    assert published.filter(kind=Article.Kind.BLOG_POST).count() >= 2
    assert Author.objects.get(user=editor).name == "Hana Lindqvist"
    assert Comment.objects.approved().filter(by_editor=True).exists()
    assert Comment.objects.pending().exists()

    for article in published:
        assert client.get(article.get_absolute_url()).status_code == 200


def test_seed_articles_works_without_the_editor_account():
    assert seed_articles() > 0
    assert not Author.objects.filter(user__isnull=False).exists()
