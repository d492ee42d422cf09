"""The Redis circuit breaker (infra/breaker.py): after one failed call, Redis is not asked again
for REDIS_BREAKER_SECONDS, so a hung Redis costs one timeout, not one per cache call or task."""

import pytest
import redis
from django.core.cache import cache
from django.db import transaction

from infra import queueing
from infra.breaker import redis_breaker
from infra.cache import BreakingConnection

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def breaker(settings):
    settings.REDIS_BREAKER_SECONDS = 10
    redis_breaker.succeeded()
    yield redis_breaker
    redis_breaker.succeeded()


@pytest.fixture
def dead_cache(settings):
    default = settings.CACHES["default"]
    settings.CACHES = {"default": {**default, "LOCATION": DEAD_REDIS}}


def test_after_one_failed_call_the_cache_does_not_connect_again_until_the_breaker_closes(
    breaker, dead_cache, monkeypatch
):
    connects = []
    real_connect = redis.Connection.connect

    def counting_connect(self):
        connects.append(self)
        return real_connect(self)

    monkeypatch.setattr(redis.Connection, "connect", counting_connect)
    clock = [1000.0]  # the breaker's monotonic clock (time-machine leaves monotonic alone)
    monkeypatch.setattr("infra.breaker.time.monotonic", lambda: clock[0])

    assert cache.get("anything") is None
    assert breaker.is_open()
    tried = len(connects)
    assert tried >= 1
    for _ in range(5):
        assert cache.get("anything") is None
        cache.set("anything", 1)
    assert len(connects) == tried, "the open breaker still let calls reach the network"

    clock[0] += 11
    assert not breaker.is_open()
    cache.get("anything")
    assert len(connects) > tried


def test_the_cache_connections_are_the_breaking_kind():
    from django_redis import get_redis_connection

    pool = get_redis_connection("default").connection_pool
    assert issubclass(pool.connection_class, BreakingConnection.__mro__[1])


@pytest.mark.django_db(transaction=True)
def test_an_open_breaker_skips_queueing_a_task_and_a_working_broker_closes_it(breaker, monkeypatch):
    sent = []
    monkeypatch.setattr("celery.app.task.Task.delay", lambda self, *args: sent.append(args))
    breaker.failed()

    with transaction.atomic():
        queueing.send_task_on_commit("notifications.tasks.deliver_due")
    assert sent == []

    breaker.succeeded()
    with transaction.atomic():
        queueing.send_task_on_commit("notifications.tasks.deliver_due")
    assert sent == [()]
