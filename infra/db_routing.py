"""Reads from a streaming replica, everything else on the primary (DATABASE_REPLICA_URL).

Only a GET or HEAD request may read from the replica (search and public pages, the bulk of
the traffic), and only until it writes or opens a transaction. Everything else reads the
primary: other methods, Celery tasks, commands, any read inside `transaction.atomic()` (a
claim, a select_for_update, a read-then-write), and every request of a client for
DATABASE_REPLICA_PIN_SECONDS after one of its writes, so that whoever just changed something
sees their change although the replica lags (read-your-writes). The pin is a cookie, not a
session flag: the session itself is read from the database, and any web machine must honour it.
A forged cookie gains nothing but reads from the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
PIN_COOKIE = "hc_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class _Reads:
    """What the current request may read from. Mutable, so that a write made in a copied
    context (a sync view under ASGI) is seen by the middleware that set it."""

    def __init__(self, replica: bool):
        self.replica = replica
        self.wrote = False


_reads: ContextVar[_Reads | None] = ContextVar("replica_reads", default=None)


@contextmanager
def replica_reads(allowed: bool = True):
    """Within this block reads may go to the replica (when `allowed`) until the first write;
    yields the state, whose `wrote` says whether a write happened."""
    state = _Reads(replica=allowed)
    token = _reads.set(state)
    try:
        yield state
    finally:
        _reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _reads.get()
        if state is None or not state.replica or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _reads.get()
        if state is not None:
            # The rest of this request reads what it wrote.
            state.replica = False
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows on both aliases: an object read from the replica may be linked to one
        # read from the primary.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary's WAL; it is never migrated itself.
        return db == DEFAULT_DB_ALIAS


class PrimaryPinMiddleware:
    """Lets safe requests of unpinned clients read from the replica; pins a client to the
    primary for DATABASE_REPLICA_PIN_SECONDS after any request that wrote or was not safe."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = request.method in SAFE_METHODS and PIN_COOKIE not in request.COOKIES
        with replica_reads(allowed) as state:
            response = self.get_response(request)
        if state.wrote or request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
