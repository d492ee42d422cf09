"""Job descriptions: the small subset of HTML we keep, cleaned with nh3.

Employers paste from Word, from other boards or type plain text; what we store and later show with
`|safe` is always the output of `sanitize_description`.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Links leave the site: no referral credit for posters, no window.opener for the target.
LINK_REL = "nofollow noopener"
URL_SCHEMES = {"http", "https", "mailto"}

_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
_SPACE_RE = re.compile(r"\s+")


def plain_text_to_html(text: str) -> str:
    """Plain text -> paragraphs: a blank line starts a paragraph, a single newline is a <br>."""
    paragraphs = [p.strip() for p in _BLANK_LINES_RE.split(text.replace("\r\n", "\n"))]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs if p)


def sanitize_description(value: str) -> str:
    """Return safe HTML: allowed tags only, links rel="nofollow noopener", no script or handlers.

    Text without any markup is treated as plain text, so line breaks typed in a textarea survive.
    """
    value = (value or "").strip()
    if not _TAG_RE.search(value):
        value = plain_text_to_html(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
    ).strip()


def visible_text(value: str) -> str:
    """The text a reader sees in (sanitized) HTML, whitespace collapsed."""
    text = nh3.clean(value or "", tags=set(), clean_content_tags={"script", "style"})
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()
