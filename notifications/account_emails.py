"""allauth's account emails (confirm your address, reset your password...) through the outbox.

The adapter lives here rather than in accounts because accounts sits below notifications: it
extends accounts' adapter (roles, redirects) and only changes how a rendered email leaves.
settings.ACCOUNT_ADAPTER names this class."""

from uuid import uuid4

from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.html import strip_tags

from accounts.adapter import AccountAdapter
from notifications.services import Recipient, build_notifications, queue_notifications


class OutboxAccountAdapter(AccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next((body for body, mime in message.alternatives if mime == "text/html"), "")
        text = message.body
        if message.content_subtype == "html":
            html, text = message.body, strip_tags(message.body)
        user = ctx.get("user")
        name = template_prefix.rsplit("/", 1)[-1]
        rows = build_notifications(
            to=[Recipient(email=email, user_id=getattr(user, "pk", None))],
            kind=f"account.{name}",
            # Each request is its own cause (allauth rate-limits them): never deduplicated.
            key=f"account.{name}:{uuid4().hex}",
            rendered=(message.subject, text, html),
        )
        queue_notifications(rows)
