from django import template

from articles.commenttext import render_comment

register = template.Library()


@register.filter
def comment_text(value: str):
    """Plain comment text as safe HTML: escaped, paragraphs, links with rel="nofollow ugc"."""
    return render_comment(value)
