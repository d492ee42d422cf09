"""The client's IP address for rate limits and records, aware of trusted reverse proxies.

Behind a proxy every request comes from the proxy's address, which would make per-IP limits
site-wide. With TRUSTED_PROXY_COUNT=N, the address N hops from the right of X-Forwarded-For is
the client's (the proxies append to it, so only the rightmost N entries can be trusted).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def client_ip_address(request) -> str | None:
    """client_ip() for storing in an IP address column: None when it is missing or not an
    address (a proxy that sends something odd must not fail the request)."""
    candidate = client_ip(request)
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
