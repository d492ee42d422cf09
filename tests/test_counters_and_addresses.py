"""A duplicated job starts its own view count; comments record the client's address, not the
proxy's."""

import pytest

from articles.models import Comment
from infra.client_ip import client_ip_address
from jobs import services
from jobs.models import Job
from tests.articles.factories import PublishedArticleFactory
from tests.factories import ClosedJobFactory

pytestmark = pytest.mark.django_db

GUEST = {"name": "Pat Guest", "email": "pat@example.com", "body": "Very useful, thank you!"}


def test_a_duplicated_job_starts_with_no_views(employer_owner, company):
    job = ClosedJobFactory(company=company, view_count=1234)

    copy = services.job_duplicate(job=job, created_by=employer_owner)

    assert copy.view_count == 0
    assert Job.objects.get(pk=copy.pk).view_count == 0
    assert Job.objects.get(pk=job.pk).view_count == 1234


def test_a_comment_behind_the_proxy_records_the_clients_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    article = PublishedArticleFactory()

    client.post(
        f"/blog/{article.slug}/comments/",
        GUEST,
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert Comment.objects.get().ip_address == "198.51.100.7"


def test_a_comment_without_a_proxy_records_the_remote_address(client):
    article = PublishedArticleFactory()

    client.post(
        f"/blog/{article.slug}/comments/",
        GUEST,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",  # not trusted: anyone can send it
    )

    assert Comment.objects.get().ip_address == "203.0.113.9"


def test_an_address_that_is_not_one_is_stored_as_unknown(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.2")

    assert client_ip_address(request) is None
