"""The Redis cache, with allauth's rate limits failing open when Redis is down.

django-redis's IGNORE_EXCEPTIONS turns a connection error into "nothing cached", which is right
for reads, but allauth takes a lock with `cache.add(...)` before counting a sign-in, sign-up or
password reset: an unreachable Redis looked like a lock held by someone else, so every such
request waited a second and got a 429. For allauth's rate-limit keys alone, an `add` that cannot
reach Redis reports success; the count then reads as empty and the request goes through, as our
own limits do (RATELIMIT_FAIL_OPEN). Other keys keep the usual answer (False).
"""

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

# allauth.core.internal.ratelimit builds its keys as "allauth:rl:<app>:<action>:...".
FAIL_OPEN_PREFIXES = ("allauth:rl:",)


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
