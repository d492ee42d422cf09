"""The Redis cache: fails open when Redis is down, and fails fast.

django-redis's IGNORE_EXCEPTIONS turns a connection error into "nothing cached", which is right
for reads, but allauth takes a lock with `cache.add(...)` before counting a sign-in, sign-up or
password reset: an unreachable Redis looked like a lock held by someone else, so every such
request waited a second and got a 429. For allauth's rate-limit keys alone, an `add` that cannot
reach Redis reports success; the count then reads as empty and the request goes through, as our
own limits do (RATELIMIT_FAIL_OPEN). Other keys keep the usual answer (False).

Fast: the connections of the cache's pool (used also by get_redis_connection, e.g. job view
counts) go through the process's Redis circuit breaker (infra/breaker.py), so a hung Redis costs
one socket timeout per process every REDIS_BREAKER_SECONDS, not one per call.
"""

import redis
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from django_redis.pool import ConnectionFactory

from infra.breaker import redis_breaker

# allauth.core.internal.ratelimit builds its keys as "allauth:rl:<app>:<action>:...".
FAIL_OPEN_PREFIXES = ("allauth:rl:",)
REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError, OSError)


class FailOpenRedisCache(RedisCache):
    def add(self, key, *args, **kwargs):
        try:
            return self.client.add(key, *args, **kwargs)
        except ConnectionInterrupted as error:
            if not self._ignore_exceptions:
                raise error.__cause__ from None
            if self._log_ignored_exceptions:
                self.logger.warning("Redis unreachable; cache.add(%r) ignored", key)
            return str(key).startswith(FAIL_OPEN_PREFIXES)


class _Breaking:
    """A redis-py connection that asks the breaker first and tells it what happened."""

    def _refuse_while_open(self):
        if redis_breaker.is_open():
            raise redis.ConnectionError("Redis marked unreachable for a few seconds")

    def connect(self):
        self._refuse_while_open()
        try:
            return super().connect()
        except REDIS_DOWN as error:
            redis_breaker.failed(error)
            raise

    def send_packed_command(self, *args, **kwargs):
        self._refuse_while_open()
        try:
            return super().send_packed_command(*args, **kwargs)
        except REDIS_DOWN as error:
            redis_breaker.failed(error)
            raise

    def read_response(self, *args, **kwargs):
        try:
            response = super().read_response(*args, **kwargs)
        except REDIS_DOWN as error:
            redis_breaker.failed(error)
            raise
        redis_breaker.succeeded()
        return response


class BreakingConnection(_Breaking, redis.Connection):
    pass


class BreakingUnixConnection(_Breaking, redis.UnixDomainSocketConnection):
    pass


class BreakingConnectionFactory(ConnectionFactory):
    """DJANGO_REDIS_CONNECTION_FACTORY: pools of breaker-aware connections (TCP or socket)."""

    def get_connection_pool(self, params):
        unix = params["url"].startswith("unix://")
        cp_params = {
            **params,
            **self.pool_cls_kwargs,
            "connection_class": BreakingUnixConnection if unix else BreakingConnection,
        }
        pool = self.pool_cls.from_url(**cp_params)
        if pool.connection_kwargs.get("password", None) is None:
            pool.connection_kwargs["password"] = params.get("password")
            pool.reset()
        return pool
