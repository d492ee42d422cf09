"""Sending the employers app's emails: each has subject, text and HTML templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(template: str, context: dict, *, to: list[str], reply_to=None) -> None:
    """Render templates/employers/email/<template>_subject.txt, .txt and .html and send them."""
    context = {"site_url": settings.SITE_URL, **context}
    base = f"employers/email/{template}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{base}.txt", context),
        to=to,
        reply_to=reply_to or None,
    )
    email.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    email.send()
