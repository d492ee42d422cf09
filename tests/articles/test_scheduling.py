from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from articles.models import Article
from articles.services import articles_mark_due_published, articles_publish_now
from tests.articles.factories import DraftArticleFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("America/New_York"))


def test_article_scheduled_for_tomorrow_appears_tomorrow_with_no_other_action(client):
    with time_machine.travel(NOON, tick=False):
        article = DraftArticleFactory(title="Scheduled guide")
        article.status = Article.Status.PUBLISHED  # the editor picks Published + a future time
        article.publish_at = NOON + timedelta(days=1)
        article.save()
        assert article.status == Article.Status.SCHEDULED
        assert client.get(article.get_absolute_url()).status_code == 404
        assert "Scheduled guide" not in client.get("/blog/").content.decode()
        assert b"Scheduled guide" not in client.get("/blog/feed/").content

    with time_machine.travel(NOON + timedelta(days=1, minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Scheduled guide" in client.get("/blog/").content.decode()
        assert b"Scheduled guide" in client.get("/blog/feed/").content


def test_a_minute_before_its_time_the_article_is_still_hidden(client):
    with time_machine.travel(NOON, tick=False):
        article = PublishedArticleFactory(publish_at=NOON + timedelta(hours=2))
    with time_machine.travel(NOON + timedelta(hours=1, minutes=59), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_published_without_a_time_appears_now(client):
    article = DraftArticleFactory()
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.publish_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduled_without_a_time_is_refused_by_validation():
    from django.core.exceptions import ValidationError

    article = DraftArticleFactory.build(status=Article.Status.SCHEDULED, publish_at=None)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "publish_at" in error.value.message_dict


def test_reserved_slugs_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        DraftArticleFactory.build(slug="feed").clean()


def test_due_scheduled_articles_are_relabelled_published():
    with time_machine.travel(NOON, tick=False):
        article = PublishedArticleFactory(publish_at=NOON + timedelta(hours=1))
        assert article.status == Article.Status.SCHEDULED
        assert articles_mark_due_published() == 0
    with time_machine.travel(NOON + timedelta(hours=2), tick=False):
        assert articles_mark_due_published() == 1
        assert articles_mark_due_published() == 0
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_publish_now_leaves_already_published_articles_alone():
    old = PublishedArticleFactory()
    original_time = old.publish_at
    draft = DraftArticleFactory()
    assert articles_publish_now(articles=Article.objects.all()) == 1
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.publish_at == original_time
    assert draft.is_public
