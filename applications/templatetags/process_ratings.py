"""Template tags for showing applicants' approved comments on a company's page (employers' views
may not import applications; a template may load this)."""

from django import template

from applications.models import ProcessRating

register = template.Library()


@register.simple_tag
def approved_rating_comments(company, limit: int = 3):
    """The newest comments staff approved about `company`'s hiring process (one query)."""
    return list(
        ProcessRating.objects.filter(company=company, comment_status=ProcessRating.Status.APPROVED)
        .exclude(comment="")
        .order_by("-created_at", "-pk")[:limit]
    )
