import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from jobs.choices import PayPeriod, Profession
from jobs.models import Job
from tests.articles.factories import (
    CareerGuideFactory,
    CategoryFactory,
    CommentFactory,
    DraftArticleFactory,
    FAQFactory,
    GuideFactsFactory,
    PayLevelFactory,
    PublishedArticleFactory,
    ScheduledArticleFactory,
    TagFactory,
)
from tests.factories import ExpiredJobFactory, JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

JSON_LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(response) -> list:
    blocks = JSON_LD_RE.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_blog_lists_published_articles_only(client):
    published = PublishedArticleFactory(title="Reading a pay range")
    DraftArticleFactory(title="A draft nobody should see")
    ScheduledArticleFactory(title="Tomorrow's article")
    response = client.get("/blog/")
    assert response.status_code == 200
    content = response.content.decode()
    assert published.title in content
    assert "A draft nobody should see" not in content
    assert "Tomorrow&#x27;s article" not in content and "Tomorrow's article" not in content


@pytest.mark.parametrize("factory", [DraftArticleFactory, ScheduledArticleFactory])
def test_drafts_and_future_articles_are_404_for_the_public(client, factory, candidate):
    article = factory()
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(candidate)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_without_the_editors_permissions_cannot_preview(client, db):
    from tests.factories import StaffEditorFactory

    article = DraftArticleFactory()
    client.force_login(StaffEditorFactory())  # staff, but not in the Editors group
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editors_see_a_draft_with_a_banner(client, staff_editor):
    article = DraftArticleFactory(title="Work in progress")
    client.force_login(staff_editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Draft preview." in content
    assert '<meta name="robots" content="noindex">' in content
    assert f"/admin/articles/article/{article.pk}/change/" in content


def test_editors_see_a_scheduled_article_with_its_time(client, staff_editor):
    article = ScheduledArticleFactory()
    client.force_login(staff_editor)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>Scheduled.</strong>" in content
    assert "appears to the public on" in content


def test_published_article_has_no_preview_banner(client, staff_editor):
    article = PublishedArticleFactory()
    client.force_login(staff_editor)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Draft preview." not in content and "<strong>Scheduled.</strong>" not in content


def test_article_page_has_contents_reading_time_ctas_and_faq(client):
    article = PublishedArticleFactory(
        body="<h2>What the work is</h2><p>" + "word " * 500 + "</p><h3>Shifts</h3><p>x</p>"
    )
    FAQFactory(article=article, question="Is it remote?", answer="Often.")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="#what-the-work-is">What the work is</a>' in content
    assert '<a href="#shifts">Shifts</a>' in content
    assert '<h2 id="what-the-work-is">' in content
    assert "3 min read" in content
    assert 'href="/accounts/signup/candidate/">Create your free Candidate account</a>' in content
    assert 'href="/accounts/signup/employer/">Create your free Employer account</a>' in content
    assert "<summary>Is it remote?</summary>" in content


def test_script_in_a_stored_body_never_reaches_the_page(client):
    article = PublishedArticleFactory(body='<p>Hi</p><script>alert("body")</script>')
    Article.objects.filter(pk=article.pk).update(
        body='<p>Hi</p><img src=x onerror="alert(1)">'
    )  # even a body written around save() is cleaned on the next save
    article.refresh_from_db()
    article.save()
    content = client.get(article.get_absolute_url()).content.decode()
    assert 'alert("body")' not in content
    assert "onerror" not in content


def test_json_ld_has_article_faq_page_and_breadcrumbs(client):
    article = PublishedArticleFactory(title="Coders & </script> <b>pay</b>")
    FAQFactory(article=article, question="Q <one>?", answer="A & B")
    response = client.get(article.get_absolute_url())
    raw = JSON_LD_RE.findall(response.content.decode())[0]
    assert "</script>" not in raw and "<b>" not in raw
    graph = json_ld(response)
    kinds = {item["@type"]: item for item in graph}
    assert set(kinds) == {"Article", "FAQPage", "BreadcrumbList"}
    assert kinds["Article"]["headline"] == "Coders & </script> <b>pay</b>"
    assert kinds["Article"]["author"]["name"] == article.author.name
    assert kinds["Article"]["datePublished"].startswith(str(article.publish_at.year))
    question = kinds["FAQPage"]["mainEntity"][0]
    assert question["name"] == "Q <one>?"
    assert question["acceptedAnswer"]["text"] == "A & B"
    crumbs = kinds["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Blog", article.title]
    assert crumbs[2]["item"].endswith(article.get_absolute_url())


def test_json_ld_without_faq_has_no_faq_page(client):
    article = PublishedArticleFactory()
    types = [item["@type"] for item in json_ld(client.get(article.get_absolute_url()))]
    assert types == ["Article", "BreadcrumbList"]


def test_open_graph_and_canonical_tags(client):
    article = PublishedArticleFactory(seo_title="SEO title here", seo_description="SEO text")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in content
    assert '<meta property="og:title" content="SEO title here">' in content
    assert '<meta property="og:description" content="SEO text">' in content
    url = settings.SITE_URL + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert "<title>SEO title here · healthcareers</title>" in content


def test_explicit_canonical_url_is_used(client):
    article = PublishedArticleFactory(canonical_url="https://journal.example/original")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<link rel="canonical" href="https://journal.example/original">' in content


def test_rss_feed_parses_and_lists_published_articles(client):
    published = PublishedArticleFactory(title="Published & fine")
    DraftArticleFactory(title="Secret draft")
    response = client.get("/blog/feed/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Published & fine"]
    link = next(root.iter("item")).findtext("link")
    assert link.endswith(published.get_absolute_url())


def test_blog_filters_by_category_tag_kind_and_search(client):
    coding = CategoryFactory(name="Coding", slug="coding")
    remote = TagFactory(name="Remote", slug="remote")
    in_category = PublishedArticleFactory(title="Coding audits explained")
    in_category.categories.add(coding)
    tagged = PublishedArticleFactory(title="Working from home")
    tagged.tags.add(remote)
    guide = CareerGuideFactory(title="Dosimetrist guide", summary="Radiation planning work.")
    other = PublishedArticleFactory(title="Unrelated news", summary="Nothing here.")

    def titles(url):
        return [a.title for a in client.get(url).context["page"].object_list]

    assert titles("/blog/?category=coding") == ["Coding audits explained"]
    assert titles("/blog/?tag=remote") == ["Working from home"]
    assert titles("/blog/?kind=career_guide") == [guide.title]
    assert titles("/blog/?q=radiation") == [guide.title]
    assert other.title not in titles("/blog/?q=dosimetrist")
    assert client.get("/blog/?category=missing").status_code == 404


def test_blog_paginates(client):
    for _ in range(14):
        PublishedArticleFactory()
    first = client.get("/blog/")
    assert len(first.context["page"].object_list) == 12
    assert 'rel="next"' in first.content.decode()
    second = client.get("/blog/?page=2")
    assert len(second.context["page"].object_list) == 2
    assert client.get("/blog/?page=99").status_code == 200  # last page, not an error


def test_guide_shows_live_job_figures_of_its_profession(client):
    guide = CareerGuideFactory(profession=Profession.MEDICAL_CODER)
    GuideFactsFactory(article=guide)
    PayLevelFactory(article=guide)
    coder = {"profession": Profession.MEDICAL_CODER, "title": "Remote Coder"}
    PublishedJobFactory(**coder, pay_min=Decimal(24), pay_max=Decimal(31))
    PublishedJobFactory(**coder, pay_min=Decimal(27), pay_max=Decimal(38))
    PublishedJobFactory(
        **coder, pay_min=Decimal(60000), pay_max=Decimal(82000), pay_period=PayPeriod.YEAR
    )
    # Not counted: other professions, drafts, expired jobs.
    PublishedJobFactory(profession=Profession.REGISTERED_NURSE, pay_min=5, pay_max=500)
    JobFactory(**coder, pay_min=Decimal(1), pay_max=Decimal(900))
    ExpiredJobFactory(**coder, pay_min=Decimal(1), pay_max=Decimal(900))

    response = client.get(guide.get_absolute_url())
    figures = response.context["figures"]
    expected = Job.objects.published().filter(profession=Profession.MEDICAL_CODER)
    assert figures.open_jobs == expected.count() == 3
    assert (figures.hourly.low, figures.hourly.high) == (Decimal(24), Decimal(38))
    assert (figures.yearly.low, figures.yearly.high) == (Decimal(60000), Decimal(82000))
    content = response.content.decode()
    assert "$24–$38 an hour" in content
    assert "$60,000–$82,000 a year" in content
    assert "3 open jobs" in content
    assert 'href="/jobs/?profession=medical_coder"' in content
    assert len(figures.jobs) == 3
    for job in expected:
        assert job.get_absolute_url() in content


def test_guide_without_open_jobs_says_so(client):
    guide = CareerGuideFactory(profession=Profession.DOSIMETRIST)
    content = client.get(guide.get_absolute_url()).content.decode()
    assert "No open jobs for this profession right now." in content


def test_hiring_guide_offers_its_job_description_template(client):
    from jobs.models import JobDescriptionTemplate

    template = JobDescriptionTemplate.objects.create(
        title="Medical Coder",
        profession=Profession.MEDICAL_CODER,
        summary="Code outpatient visits.",
        responsibilities="Assign codes\n- Send queries",
        qualifications="One year of coding",
        certifications=["cpc"],
    )
    guide = PublishedArticleFactory(
        kind=Article.Kind.HIRING_GUIDE, slug="hire-a-coder", job_template=template
    )
    content = client.get(guide.get_absolute_url()).content.decode()
    assert f'href="/post-a-job/?template={template.pk}">Use this template</a>' in content
    assert "<li>Send queries</li>" in content
    assert "<li>CPC (AAPC)</li>" in content


def article_page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_blog_index_query_count_does_not_grow_with_articles(client):
    category = CategoryFactory()
    for _ in range(3):
        PublishedArticleFactory().categories.add(category)
    few = article_page_queries(client, "/blog/")
    for _ in range(9):
        PublishedArticleFactory().categories.add(CategoryFactory())
    assert article_page_queries(client, "/blog/") == few


def test_article_page_query_count_does_not_grow_with_its_parts(client):
    guide = CareerGuideFactory()
    GuideFactsFactory(article=guide)
    PayLevelFactory(article=guide)
    FAQFactory(article=guide)
    PublishedJobFactory(profession=guide.profession)
    parent = CommentFactory(article=guide)
    CommentFactory(article=guide, parent=parent)
    few = article_page_queries(client, guide.get_absolute_url())
    for _ in range(5):
        PayLevelFactory(article=guide)
        FAQFactory(article=guide)
        PublishedJobFactory(profession=guide.profession)
        parent = CommentFactory(article=guide)
        CommentFactory(article=guide, parent=parent)
        guide.related.add(PublishedArticleFactory())
        guide.tags.add(TagFactory())
    assert article_page_queries(client, guide.get_absolute_url()) == few


def test_sitemap_lists_published_articles_only():
    from articles.sitemaps import ArticleSitemap

    published = PublishedArticleFactory()
    DraftArticleFactory()
    ScheduledArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    assert list(ArticleSitemap().items()) == [published]


def test_blog_nav_link_points_at_the_blog(client):
    content = client.get("/").content.decode()
    assert 'href="/blog/"' in content


def test_hero_image_shows_with_its_alt_text_and_in_open_graph(client, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), "teal").save(buffer, "PNG")
    article = PublishedArticleFactory(hero_image_alt="A coder at a desk with two monitors")
    article.hero_image.save("desk.png", ContentFile(buffer.getvalue()))
    content = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="A coder at a desk with two monitors" width="120" height="60"' in content
    assert f'<meta property="og:image" content="{settings.SITE_URL}/media/articles/hero/' in content
    graph = json_ld(client.get(article.get_absolute_url()))
    assert graph[0]["image"][0].startswith(settings.SITE_URL + "/media/articles/hero/desk")
