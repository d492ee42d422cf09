"""Turning a template and its context into the parts of an email, safe to put in headers."""

import re
from email.utils import formataddr

from django.conf import settings
from django.contrib.sites.models import Site
from django.template.loader import render_to_string

# CR, LF and every other control character: one of them in a header makes Django refuse the
# whole message (BadHeaderError), so a name typed with a newline must never reach a header.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def header_safe(value: str) -> str:
    """`value` on one line: control characters become spaces, runs of spaces one space."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(value)).split())


def address_safe(address) -> str:
    """An address for Reply-To: an email, or a (display name, email) pair. The pair is joined
    with formataddr, which quotes the name, so a name typed as `Jo <x@evil>` or with a newline
    can never become an address of its own (never parse "Name <email>" built from input)."""
    if isinstance(address, (tuple, list)):
        name, email = address
        return formataddr((header_safe(name), header_safe(email)))
    return header_safe(address)


def site_name() -> str:
    try:
        return Site.objects.get_current().name  # cached per process by the sites framework
    except Site.DoesNotExist:
        return "healthcareers"


def render_parts(template: str, context: dict) -> tuple[str, str, str]:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html`; every email
    template extends notifications/email/base.txt or base.html (site name, footer)."""
    context = {"site_url": settings.SITE_URL, "site_name": site_name(), **context}
    subject = header_safe(render_to_string(f"{template}_subject.txt", context))
    text = render_to_string(f"{template}.txt", context).strip() + "\n"
    html = render_to_string(f"{template}.html", context)
    return subject, text, html
