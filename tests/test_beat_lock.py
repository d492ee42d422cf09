"""Celery beat exactly once: of two beats started against the same Redis, one sends the
periodic tasks and the other stands by until the first stops (infra/beat_lock.py)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import redis
import time_machine
from celery import Celery
from django.conf import settings

from infra.beat_lock import LOCK_SECONDS, RENEW_SECONDS, BeatLeadership, SingleBeatScheduler


@pytest.fixture
def client():
    return redis.Redis.from_url(settings.REDIS_URL)


@pytest.fixture
def key(client):
    # A key of this test's own, so that a beat of `make run` on this machine is not disturbed.
    name = f"hc:test:beat-leader:{uuid.uuid4().hex}"
    yield name
    client.delete(name)


def test_one_beat_leads_and_the_other_waits(client, key):
    first, second = BeatLeadership(client, key), BeatLeadership(client, key)

    assert first.hold() is True
    assert second.hold() is False
    assert first.hold() is True  # renewed by its holder
    assert 0 < client.ttl(key) <= LOCK_SECONDS


def test_the_other_beat_takes_over_once_the_leader_releases_or_its_key_expires(client, key):
    first, second = BeatLeadership(client, key), BeatLeadership(client, key)
    assert first.hold()

    first.release()
    assert second.hold() is True
    assert first.hold() is False

    client.delete(key)  # what Redis does LOCK_SECONDS after the leader died without releasing
    assert first.hold() is True


def test_a_release_by_a_beat_that_no_longer_leads_leaves_the_leader_alone(client, key):
    first, second = BeatLeadership(client, key), BeatLeadership(client, key)
    assert first.hold()
    client.delete(key)
    assert second.hold()

    first.release()

    assert client.get(key).decode() == second.token


def test_without_redis_no_beat_leads():
    unreachable = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2)

    assert BeatLeadership(unreachable, "hc:test:beat").hold() is False


class RecordingScheduler(SingleBeatScheduler):
    """Records what it would send instead of publishing to a broker."""

    def __init__(self, *args, sent, **kwargs):
        self.sent = sent
        super().__init__(*args, **kwargs)

    @property
    def producer(self):
        return None

    def apply_async(self, entry, producer=None, advance=True, **options):
        self.sent.append(entry.name)


def make_scheduler(tmp_path, name, client, key, sent):
    app = Celery(set_as_current=False)
    app.conf.beat_schedule = {"every-second": {"task": "probe", "schedule": 1.0}}
    return RecordingScheduler(
        app=app,
        schedule_filename=str(tmp_path / name),
        leadership=BeatLeadership(client, key),
        sent=sent,
        lazy=False,
    )


def test_only_the_leading_scheduler_sends_periodic_tasks(tmp_path, client, key):
    sent_first, sent_second = [], []
    first = make_scheduler(tmp_path, "first", client, key, sent_first)
    second = make_scheduler(tmp_path, "second", client, key, sent_second)

    start = datetime.now(UTC)
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        delay = first.tick()
        second.tick()

    assert "every-second" in sent_first and first.leading
    assert sent_second == [] and not second.leading
    # The leader comes back before its key lapses, even with nothing due for longer.
    assert delay <= RENEW_SECONDS

    first.close()
    with time_machine.travel(start + timedelta(seconds=10), tick=False):
        second.tick()

    assert "every-second" in sent_second and second.leading
    second.close()
    assert client.get(key) is None


def test_beat_uses_the_single_beat_scheduler():
    assert settings.CELERY_BEAT_SCHEDULER == "infra.beat_lock:SingleBeatScheduler"
