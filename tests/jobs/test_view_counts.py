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


class Crash(BaseException):
    """The worker dying (killed, out of memory) right after a step."""


def test_a_flush_that_dies_after_its_update_never_counts_twice(monkeypatch):
    job = PublishedJobFactory()
    for _ in range(3):
        view_counts.job_view_record(job.pk)
    add_views = view_counts._add_views

    def add_then_die(counts):
        add_views(counts)
        raise Crash

    monkeypatch.setattr(view_counts, "_add_views", add_then_die)
    with pytest.raises(Crash):
        view_counts.job_views_flush()
    monkeypatch.setattr(view_counts, "_add_views", add_views)
    view_counts.job_views_flush()

    job.refresh_from_db()
    assert job.view_count == 3


def test_views_are_out_of_redis_before_the_update_runs(monkeypatch):
    job = PublishedJobFactory()
    view_counts.job_view_record(job.pk)
    client = get_redis_connection("default")
    seen = []
    add_views = view_counts._add_views

    def check_then_add(counts):
        seen.append(client.exists(view_counts.PENDING_KEY, view_counts.FLUSHING_KEY))
        add_views(counts)

    monkeypatch.setattr(view_counts, "_add_views", check_then_add)
    view_counts.job_views_flush()

    assert seen == [0]


def test_views_are_given_back_when_the_database_refuses_the_update(monkeypatch):
    from django.db import OperationalError

    job = PublishedJobFactory()
    for _ in range(2):
        view_counts.job_view_record(job.pk)
    add_views = view_counts._add_views

    def database_down(counts):
        raise OperationalError("the database is down")

    monkeypatch.setattr(view_counts, "_add_views", database_down)
    with pytest.raises(OperationalError):
        view_counts.job_views_flush()
    view_counts.job_view_record(job.pk)  # counted meanwhile
    monkeypatch.setattr(view_counts, "_add_views", add_views)
    view_counts.job_views_flush()

    job.refresh_from_db()
    assert job.view_count == 3
