"""Turning a template and its context into the parts of an email, safe to put in headers."""

import re
from email.utils import formataddr

from django.conf import settings
from django.contrib.sites.models import Site
from django.template.loader import render_to_string
from django.utils.html import conditional_escape

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


# Many emails of one template, rendered once per shape -------------------------------------

# A slot's token carries an "&" so that the rendered token says whether the template escaped
# it there ("&amp;": autoescape on) or not (`{% autoescape off %}`, as the text parts are).
_SLOT = re.compile("\ue000(\\d+)(&amp;|&)\ue001")


def _skeleton(value, slots: list):
    """(`value` with every non-empty string replaced by a slot token, its shape): the shape is
    what a template's tags can see of the value (dict keys, list lengths, every other leaf),
    so two contexts of one shape render the same around their strings."""
    if isinstance(value, dict):
        parts = [(key, *_skeleton(item, slots)) for key, item in value.items()]
        return {k: v for k, v, _ in parts}, ("dict", tuple((k, s) for k, _, s in parts))
    if isinstance(value, (list, tuple)):
        parts = [_skeleton(item, slots) for item in value]
        return [v for v, _ in parts], ("list", tuple(s for _, s in parts))
    if isinstance(value, str) and value:
        slots.append(value)
        return f"\ue000{len(slots) - 1}&\ue001", ("str",)
    if value is None or isinstance(value, (bool, int, float)) or value == "":
        return value, ("const", value)
    raise TypeError(f"render_parts_many takes plain data (str, dict, list), not {type(value)}")


def _compiled(rendered: str) -> str:
    """A render as a str.format pattern: slot i becomes {2i} where the template left it as is
    and {2i+1} where it escaped it (so filling is one call in C, not a loop per slot)."""
    parts = _SLOT.split(rendered)  # text, index, "&" or "&amp;", text, index, ...
    pattern = [parts[0].replace("{", "{{").replace("}", "}}")]
    for at in range(1, len(parts), 3):
        pattern.append("{" + str(2 * int(parts[at]) + (parts[at + 1] == "&amp;")) + "}")
        pattern.append(parts[at + 2].replace("{", "{{").replace("}", "}}"))
    return "".join(pattern)


def _escaped(text: str, cache: dict) -> str:
    if text not in cache:
        cache[text] = str(conditional_escape(text))
    return cache[text]


def render_parts_many(template: str, contexts: list[dict]) -> list[tuple[str, str, str]]:
    """render_parts(template, context) for each of `contexts`, rendering the templates once per
    shape (see _skeleton) and putting each context's strings in, escaped where the template
    escapes them: a sweep's thousands of emails cost a few renders, not one each.

    Contexts are plain data (dicts, lists, strings, numbers), used by the template as they are:
    a string filtered (`|date`, `|truncatechars`) or compared in a tag would see the token, not
    the value, so the caller formats dates (and the like) in Python first."""
    shared = {"site_url": settings.SITE_URL, "site_name": site_name()}
    renders: dict = {}
    escaped: dict = {}  # each string escaped once, however many emails show it
    results = []
    for context in contexts:
        slots: list = []
        skeleton, shape = _skeleton({**shared, **context}, slots)
        if shape not in renders:
            renders[shape] = tuple(
                _compiled(render_to_string(f"{template}{suffix}", skeleton))
                for suffix in ("_subject.txt", ".txt", ".html")
            )
        values = [value for slot in slots for value in (slot, _escaped(slot, escaped))]
        subject, text, html = (pattern.format(*values) for pattern in renders[shape])
        results.append((header_safe(subject), text.strip() + "\n", html))
    return results
