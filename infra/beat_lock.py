"""Celery beat exactly once, however many beats are started (CELERY_BEAT_SCHEDULER).

A deployment runs one beat service; this guards against a second (two machines configured
alike, a rolling deploy that starts the new beat before stopping the old one). Every beat
holds or waits for one Redis key: the beat holding it sends the periodic tasks and renews the
key at every tick; the others keep their schedules in step without sending anything, so that
when the leader stops (its key is released, or expires LOCK_SECONDS after it died) one of them
takes over with nothing to catch up on. Should two ever overlap for a tick, the periodic tasks
are idempotent anyway (config/celery.py).
"""

import contextlib
import logging
import os
import socket
import uuid

import redis
from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)

LOCK_KEY = "hc:celery-beat:leader"
LOCK_SECONDS = 60
# A leader ticks at least this often, so its key never lapses while it is alive.
RENEW_SECONDS = LOCK_SECONDS / 4

# Take the key when it is free, renew it when it is ours; 1 when we hold it afterwards.
_HOLD = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
    return 1
end
if not holder then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
    return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class BeatLeadership:
    """One Redis key naming the beat that sends the periodic tasks."""

    def __init__(self, client, key: str = LOCK_KEY, seconds: int = LOCK_SECONDS):
        self.client = client
        self.key = key
        self.seconds = seconds
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def hold(self) -> bool:
        """Take or renew the key; False while another beat holds it or Redis is unreachable
        (then no beat can send tasks anyway: Redis is the broker)."""
        try:
            return bool(self.client.eval(_HOLD, 1, self.key, self.token, self.seconds))
        except redis.RedisError as error:
            logger.warning("beat: cannot reach Redis to hold the leadership (%s)", error)
            return False

    def release(self) -> None:
        # Unreachable, the key expires by itself.
        with contextlib.suppress(redis.RedisError):
            self.client.eval(_RELEASE, 1, self.key, self.token)


def _default_client():
    from django.conf import settings

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=5)


class SingleBeatScheduler(PersistentScheduler):
    """Celery's default scheduler, sending only while it holds the beat leadership."""

    def __init__(self, *args, leadership: BeatLeadership | None = None, **kwargs):
        self.leadership = leadership or BeatLeadership(_default_client())
        self.leading = None  # unknown until the first tick, which logs which it is
        super().__init__(*args, **kwargs)

    def tick(self, *args, **kwargs):
        leading = self.leadership.hold()
        if leading != self.leading:
            logger.info("beat: %s", "leading" if leading else "standing by (another beat leads)")
        self.leading = leading
        return min(super().tick(*args, **kwargs), RENEW_SECONDS)

    def apply_entry(self, entry, producer=None):
        if self.leading:
            return super().apply_entry(entry, producer=producer)
        # The entry's run is recorded all the same (reserve), so a takeover sends only what
        # falls due after it.
        logger.debug("beat: %s left to the leading beat", entry.name)
        return None

    def close(self):
        try:
            super().close()
        finally:
            if self.leading:
                self.leadership.release()
                self.leading = False
