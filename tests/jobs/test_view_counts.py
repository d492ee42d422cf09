"""Job page views are counted in Redis and added to the jobs in batches."""

import pytest
import redis
from django_redis import get_redis_connection

from jobs import view_counts
from jobs.tasks import flush_job_view_counts
from tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_job_page_views_reach_the_job_after_a_flush(client):
    job = PublishedJobFactory()
    for _ in range(3):
        assert client.get(job.get_absolute_url()).status_code == 200
    job.refresh_from_db()
    assert job.view_count == 0  # nothing written while serving pages

    assert flush_job_view_counts() == 1
    job.refresh_from_db()
    assert job.view_count == 3


def test_a_second_flush_adds_nothing_more(client):
    job = PublishedJobFactory()
    client.get(job.get_absolute_url())
    flush_job_view_counts()
    assert flush_job_view_counts() == 0
    job.refresh_from_db()
    assert job.view_count == 1


def test_views_of_a_closed_job_are_not_counted(client):
    job = ClosedJobFactory()
    assert client.get(job.get_absolute_url()).status_code == 410
    flush_job_view_counts()
    job.refresh_from_db()
    assert job.view_count == 0


def test_a_flush_that_died_before_its_update_is_finished_by_the_next_one():
    job = PublishedJobFactory()
    view_counts.job_view_record(job.pk)
    get_redis_connection("default").rename(view_counts.PENDING_KEY, view_counts.FLUSHING_KEY)
    view_counts.job_view_record(job.pk)  # counted while the dead flush held the old hash

    flush_job_view_counts()
    flush_job_view_counts()
    job.refresh_from_db()
    assert job.view_count == 2


def test_job_page_still_works_when_redis_is_down(client, monkeypatch):
    job = PublishedJobFactory()

    class DownRedis:
        def hincrby(self, *args):
            raise redis.ConnectionError("Redis is down")

    monkeypatch.setattr(view_counts, "get_redis_connection", lambda alias: DownRedis())
    assert client.get(job.get_absolute_url()).status_code == 200


def test_dashboard_shows_each_jobs_views(client, employer_owner, company):
    job = PublishedJobFactory(company=company, view_count=42)
    client.force_login(employer_owner)
    response = client.get("/dashboard/jobs/")
    assert '<td data-label="Views">42</td>' in response.content.decode()
    assert job.title in response.content.decode()
