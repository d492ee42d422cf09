"""`{{ job.description|description_html }}`: the one way a template shows a job description.

Descriptions are sanitized when saved, but a row written another way (an import, the shell, an
old admin save) must never reach a page unescaped: the filter cleans again as it renders.
"""

from django import template
from django.utils.safestring import mark_safe

from jobs.sanitize import sanitize_description

register = template.Library()


@register.filter
def description_html(value) -> str:
    return mark_safe(sanitize_description(str(value or "")))  # noqa: S308 - nh3 output
