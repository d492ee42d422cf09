"""The one place where refusals meet the person who asked (see infra/refusals.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from infra.refusals import Refusal


def safe_local_url(request, url: str) -> str:
    """`url` if it is a path on this site (never another host), else ""."""
    if url and url.startswith("/") and not url.startswith("//"):
        allowed = url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        if allowed:
            return url
    return ""


class RefusalMiddleware:
    """A `Refusal` a view did not catch becomes an error message (with its link) on the page the
    form was posted from: its `next` field, else the view's `on_refusal_redirect` target, else
    a 409 page that says why. Nothing was changed, so there is nothing else to undo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.refusal_redirect = (getattr(view_func, "refusal_redirect", None), view_kwargs)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
            return None
        target = safe_local_url(request, request.POST.get("next", ""))
        fallback, kwargs = getattr(request, "refusal_redirect", (None, {}))
        if not target and fallback:
            target = fallback(request, **kwargs) if callable(fallback) else resolve_url(fallback)
        if target:
            messages.error(request, exception.as_html())
            return redirect(target)
        return render(request, "refusal.html", {"refusal": exception}, status=409)
