"""Article bodies: the HTML we keep (cleaned with nh3), heading anchors, the table of contents,
reading time.

Whatever the admin's editor (or a pasted document, or a crafted POST) sends, what we store and
later show with `|safe` is always the output of `sanitize_body`.
"""

import html
import math
import re
from dataclasses import dataclass

import nh3
from django.utils.text import slugify

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup", "a",
    "ul", "ol", "li", "blockquote", "hr", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    # Heading ids are recomputed on every save (see add_heading_ids); kept so that a body saved
    # twice keeps its anchors.
    "h2": {"id"},
    "h3": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
WORDS_PER_MINUTE = 225

# Ids the article page uses itself: a heading must not take them.
RESERVED_IDS = {
    "main", "contents", "key-facts", "pay-by-experience", "career-path", "pros-and-cons",
    "job-description-template", "faq", "jobs", "related", "about-the-author", "comments",
    "leave-comment",
}  # fmt: skip

_HEADING_RE = re.compile(r"<(h[23])(?:\s[^>]*)?>(.*?)</\1>", re.DOTALL)
_ANCHORED_HEADING_RE = re.compile(r'<(h[23]) id="([^"]+)">(.*?)</\1>', re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    text: str


def plain_text(value: str) -> str:
    """The text a reader sees in (sanitized) HTML, whitespace collapsed."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


def add_heading_ids(value: str) -> str:
    """Give every h2/h3 a stable, unique id made from its text (for the table of contents)."""
    seen: set[str] = set()

    def anchor(match: re.Match) -> str:
        tag, inner = match.group(1), match.group(2)
        base = slugify(plain_text(inner))[:60].strip("-") or "section"
        candidate, n = base, 2
        while candidate in seen or candidate in RESERVED_IDS:
            candidate, n = f"{base}-{n}", n + 1
        seen.add(candidate)
        return f'<{tag} id="{candidate}">{inner}</{tag}>'

    return _HEADING_RE.sub(anchor, value)


def sanitize_body(value: str) -> str:
    """Safe article HTML: allowed tags and attributes only, no script, no event handlers, no
    javascript: or data: URLs, and ids on h2/h3 for the table of contents."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()
    # ProseMirror sends an empty paragraph for an empty document.
    if cleaned in {"<p></p>", "<p><br></p>"}:
        return ""
    return add_heading_ids(cleaned)


def table_of_contents(value: str) -> list[TocEntry]:
    """The h2/h3 headings of a sanitized body, in order."""
    return [
        TocEntry(level=int(tag[1]), anchor=anchor, text=plain_text(inner))
        for tag, anchor, inner in _ANCHORED_HEADING_RE.findall(value or "")
    ]


def reading_minutes(*texts: str) -> int:
    words = sum(len(plain_text(text).split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
