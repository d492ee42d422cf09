"""Job descriptions: the small subset of HTML we keep, cleaned with nh3 (employers/richtext.py).

Employers paste from Word, from other boards or type plain text; what we store and later show with
`|safe` is always the output of `sanitize_description`.
"""

from employers.richtext import clean_rich_text, plain_text_to_html, visible_text

__all__ = ["plain_text_to_html", "sanitize_description", "visible_text"]

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h3", "h4", "a"}
# Links leave the site: no referral credit for posters, no window.opener for the target.
LINK_REL = "nofollow noopener"


def sanitize_description(value: str) -> str:
    """Return safe HTML: allowed tags only, links rel="nofollow noopener", no script or handlers.

    Text without any markup is treated as plain text, so line breaks typed in a textarea survive.
    """
    return clean_rich_text(value, tags=ALLOWED_TAGS, link_rel=LINK_REL)
