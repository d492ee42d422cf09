"""One circuit breaker per process for Redis (the cache, the rate limits and the Celery broker
are one Redis server): after a connection error or a timeout, calls to Redis fail at once for
REDIS_BREAKER_SECONDS instead of each waiting for its own timeout, then the next call tries
again. A hung Redis (accepting connections, never answering) would otherwise cost every request
a socket timeout per cache call and per queued task.
"""

import logging
import time

from django.conf import settings

logger = logging.getLogger(__name__)


class Breaker:
    def __init__(self, name: str):
        self.name = name
        self._open_until = 0.0

    def is_open(self) -> bool:
        return self._open_until > 0 and time.monotonic() < self._open_until

    def failed(self, error: BaseException | None = None) -> None:
        if not self.is_open():
            logger.warning(
                "%s unreachable (%s); not asking it again for %s s",
                self.name,
                error.__class__.__name__ if error else "error",
                settings.REDIS_BREAKER_SECONDS,
            )
        self._open_until = time.monotonic() + settings.REDIS_BREAKER_SECONDS

    def succeeded(self) -> None:
        if self._open_until:
            self._open_until = 0.0


redis_breaker = Breaker("Redis")
