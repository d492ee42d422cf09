"""Who is acting, for the audit trail: set by AuditContextMiddleware for each request.

Services record events without being handed the request: the actor and their address come from
here. Outside a request (Celery tasks, management commands) there is none, and the event's
actor is the system unless the caller names one.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from infra.client_ip import client_ip_address


@dataclass(frozen=True)
class Actor:
    user: object | None
    ip: str | None


current: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)


class AuditContextMiddleware:
    """After AuthenticationMiddleware: `request.user` is known, and stays lazy until used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current.set(Actor(user=request.user, ip=client_ip_address(request)))
        try:
            return self.get_response(request)
        finally:
            current.reset(token)
