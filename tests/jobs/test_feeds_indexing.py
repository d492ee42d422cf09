"""Search engines and expiry: gone jobs answer 410 and leave the sitemap; the pluggable
indexing notifier hears of every publish and close/expiry exactly once, in batches."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from jobs import services
from jobs.indexing import (
    GOOGLE_BATCH_URL,
    GoogleIndexingNotifier,
    NoopNotifier,
    indexing_notices_send,
    indexing_notifier,
)
from jobs.models import IndexingNotice
from jobs.tasks import expire_overdue_jobs, send_indexing_notices
from tests.factories import JobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


class RecordingNotifier:
    max_batch = 2

    def __init__(self, fail=False):
        self.batches = []
        self.fail = fail

    def notify(self, notifications):
        if self.fail:
            raise ConnectionError("indexing API unreachable")
        self.batches.append([(n.url, n.kind) for n in notifications])


@pytest.fixture
def verified(company):
    company.is_verified = True
    company.save()
    return company


def test_publishing_and_closing_queue_one_notice_each(verified, settings):
    job = JobFactory(company=verified)
    services.job_publish(job=job)
    services.job_close(job=job)

    notifier = RecordingNotifier()
    assert indexing_notices_send(notifier=notifier) == 2
    url = settings.SITE_URL + job.get_absolute_url()
    assert notifier.batches == [[(url, "URL_UPDATED"), (url, "URL_DELETED")]]
    # Sent once: a second sweep has nothing to send.
    assert indexing_notices_send(notifier=notifier) == 0


def test_expiry_by_the_beat_queues_url_deleted_once(settings):
    job = PublishedJobFactory()
    with time_machine.travel(job.expires_at + timedelta(minutes=1)):
        assert expire_overdue_jobs() == 1
        assert expire_overdue_jobs() == 0
    job.refresh_from_db()
    assert job.status == "expired"
    assert list(IndexingNotice.objects.values_list("job_id", "kind")) == [(job.pk, "URL_DELETED")]


def test_notices_go_in_batches_of_the_notifiers_size():
    for job in PublishedJobFactory.create_batch(5):
        services.job_pause(job=job)
    notifier = RecordingNotifier()
    assert indexing_notices_send(notifier=notifier) == 5
    assert [len(batch) for batch in notifier.batches] == [2, 2, 1]


def test_a_failed_batch_stays_queued_for_the_next_sweep():
    services.job_close(job=PublishedJobFactory())
    assert indexing_notices_send(notifier=RecordingNotifier(fail=True)) == 0
    notice = IndexingNotice.objects.get()
    assert notice.sent_at is None and notice.attempts == 1
    assert "unreachable" in notice.last_error
    assert indexing_notices_send(notifier=RecordingNotifier()) == 1


def test_the_default_notifier_does_nothing_and_the_beat_task_marks_notices_sent():
    services.job_close(job=PublishedJobFactory())
    assert isinstance(indexing_notifier(), NoopNotifier)
    assert send_indexing_notices() == 1
    assert IndexingNotice.objects.get().sent_at is not None


def test_the_google_notifier_refuses_to_start_without_credentials(settings):
    settings.GOOGLE_INDEXING_CREDENTIALS = ""
    settings.JOB_INDEXING_NOTIFIER = "jobs.indexing.GoogleIndexingNotifier"
    with pytest.raises(ImproperlyConfigured, match="GOOGLE_INDEXING_CREDENTIALS"):
        indexing_notifier()


def test_the_google_notifier_sends_one_batch_request(settings):
    calls = []

    def transport(url, body, headers):
        calls.append((url, body.decode(), headers))
        return 200, {}, b"--batch\r\nHTTP/1.1 200 OK\r\n\r\n{}\r\n--batch--"

    notifier = GoogleIndexingNotifier(token=lambda: "t0k3n", transport=transport)
    for job in PublishedJobFactory.create_batch(3):
        services.job_close(job=job)
    assert indexing_notices_send(notifier=notifier) == 3

    [(url, body, headers)] = calls
    assert url == GOOGLE_BATCH_URL
    assert headers["Authorization"] == "Bearer t0k3n"
    assert headers["Content-Type"].startswith("multipart/mixed; boundary=")
    assert body.count("POST /v3/urlNotifications:publish HTTP/1.1") == 3
    assert body.count('"type": "URL_DELETED"') == 3


def test_a_refused_google_batch_is_retried(settings):
    def transport(url, body, headers):
        return 200, {}, b"--b\r\nHTTP/1.1 403 Forbidden\r\n\r\n{}\r\n--b--"

    services.job_close(job=PublishedJobFactory())
    notifier = GoogleIndexingNotifier(token=lambda: "t", transport=transport)
    assert indexing_notices_send(notifier=notifier) == 0
    assert "403" in IndexingNotice.objects.get().last_error


def test_a_closed_job_answers_410_with_similar_jobs_and_leaves_the_sitemap(client):
    job = PublishedJobFactory()
    similar = PublishedJobFactory(title="Another Nurse")
    services.job_close(job=job)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 410
    assert similar in response.context["similar_jobs"]
    sitemap = client.get("/sitemap.xml?section=jobs").content.decode()
    assert job.get_absolute_url() not in sitemap
    assert similar.get_absolute_url() in sitemap
