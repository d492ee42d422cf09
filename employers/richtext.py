"""Rich text that employers write (the company's "about", job descriptions): a small subset of
HTML, cleaned with nh3. What we store and later show with `|safe` is always cleaned here.
"""

import html
import re

import nh3

from employers import markdown_subset

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Links leave the site: no referral credit, no window.opener for the target.
LINK_REL = "nofollow noopener noreferrer"
URL_SCHEMES = {"http", "https", "mailto"}

_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
_SPACE_RE = re.compile(r"\s+")


def plain_text_to_html(text: str) -> str:
    """Plain text -> paragraphs: a blank line starts a paragraph, a single newline is a <br>."""
    parts = [p.strip() for p in _BLANK_LINES_RE.split(text.replace("\r\n", "\n"))]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in parts if p)


def clean_rich_text(
    value: str, *, tags: set[str], link_rel: str, text_to_html=plain_text_to_html
) -> str:
    """Safe HTML from what someone typed or pasted: only `tags`, links get `link_rel`, no script,
    style, comments or event handlers. Text without markup goes through `text_to_html` (by
    default it keeps its paragraphs and line breaks)."""
    value = (value or "").strip()
    if not _TAG_RE.search(value):
        value = text_to_html(value)
    return nh3.clean(
        value,
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=link_rel,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    ).strip()


def sanitize_about(value: str) -> str:
    """Safe HTML for a company's "about" text. Typed text may use the little Markdown people
    type (**bold**, *italics*, "- " lists, [links](https://...)): it becomes those tags."""
    return clean_rich_text(
        value, tags=ALLOWED_TAGS, link_rel=LINK_REL, text_to_html=markdown_subset.to_html
    )


_SIMPLE_MARKUP_RE = re.compile(r"</?(p|br)\s*/?>", re.IGNORECASE)


def editable_text(value: str) -> str:
    """What the edit form shows: plain paragraphs as plain text (a blank line between them), and
    bold, italics, lists and links as the Markdown that makes them, so that someone who typed
    text never sees tags; HTML that Markdown cannot say (pasted) is shown as it is stored."""
    value = value or ""
    if _TAG_RE.sub("", _SIMPLE_MARKUP_RE.sub("", value)) != _SIMPLE_MARKUP_RE.sub("", value):
        try:
            return markdown_subset.from_html(value)
        except markdown_subset.CannotExpress:
            return value  # keep the HTML
    value = re.sub(r"</p>\s*<p>", "\n\n", value, flags=re.IGNORECASE)
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    return html.unescape(_SIMPLE_MARKUP_RE.sub("", value)).strip()


def visible_text(value: str) -> str:
    """The text a reader sees in (sanitized) HTML, whitespace collapsed."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()
