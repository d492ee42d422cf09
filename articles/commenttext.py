"""Comments are plain text: shown escaped, paragraphs kept, and web addresses made into links that
carry rel="nofollow ugc" (Django's urlize cannot add "ugc")."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# A web address: http(s)://... or www....; stops at whitespace, quotes and angle brackets.
URL_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"']+")
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
_BLANK_LINES_RE = re.compile(r"\n\s*\n")


def count_links(text: str) -> int:
    return len(URL_RE.findall(text or ""))


def _linkify(text: str) -> str:
    """Escape `text` and turn each web address into a nofollow, ugc link."""
    parts, position = [], 0
    for match in URL_RE.finditer(text):
        url = match.group(0)
        trailing = ""
        while url and url[-1] in TRAILING_PUNCTUATION:
            url, trailing = url[:-1], url[-1] + trailing
        parts.append(escape(text[position : match.start()]))
        href = url if url.lower().startswith(("http://", "https://")) else f"https://{url}"
        parts.append(format_html('<a href="{}" rel="nofollow ugc">{}</a>', href, url))
        parts.append(escape(trailing))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


def render_comment(text: str) -> SafeString:
    paragraphs = [p.strip() for p in _BLANK_LINES_RE.split((text or "").replace("\r\n", "\n"))]
    html = "".join(
        "<p>" + _linkify(paragraph).replace("\n", "<br>") + "</p>"
        for paragraph in paragraphs
        if paragraph
    )
    # Every piece of the commenter's text went through escape() or format_html() above.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
