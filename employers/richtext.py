"""The company's "about" text: a small subset of HTML, cleaned with nh3.

What we store and later show with `|safe` is always the output of `sanitize_about`.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Links leave the site: no referral credit, no window.opener for the target.
LINK_REL = "nofollow noopener noreferrer"
URL_SCHEMES = {"http", "https", "mailto"}

_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
_SPACE_RE = re.compile(r"\s+")


def _paragraphs(text: str) -> str:
    """Plain text -> paragraphs: a blank line starts a paragraph, a single newline is a <br>."""
    parts = [p.strip() for p in _BLANK_LINES_RE.split(text.replace("\r\n", "\n"))]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in parts if p)


def sanitize_about(value: str) -> str:
    """Safe HTML from what an employer typed or pasted; plain text keeps its line breaks."""
    value = (value or "").strip()
    if not _TAG_RE.search(value):
        value = _paragraphs(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    ).strip()


_SIMPLE_MARKUP_RE = re.compile(r"</?(p|br)\s*/?>", re.IGNORECASE)


def editable_text(value: str) -> str:
    """What the edit form shows: plain paragraphs as plain text (a blank line between them), so
    that someone who typed text never sees tags; richer HTML is shown as it is stored."""
    value = value or ""
    if _TAG_RE.sub("", _SIMPLE_MARKUP_RE.sub("", value)) != _SIMPLE_MARKUP_RE.sub("", value):
        return value  # it has other tags (lists, links, bold): keep the HTML
    value = re.sub(r"</p>\s*<p>", "\n\n", value, flags=re.IGNORECASE)
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    return html.unescape(_SIMPLE_MARKUP_RE.sub("", value)).strip()


def visible_text(value: str) -> str:
    """The text a reader sees in (sanitized) HTML, whitespace collapsed."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()
