"""Small display helpers for job cards and pages."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def posted_age(published_at) -> str:
    """ "today", "yesterday", "3 days ago", "30+ days ago": how fresh a job is, at a glance."""
    if not published_at:
        return ""
    days = (timezone.now() - published_at).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return "30+ days ago"
