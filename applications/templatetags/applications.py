"""Template helpers of the pipeline and My applications, also used by the job dashboard's
templates (templates sit above every app, so the jobs app itself never imports these)."""

import math

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from applications import selectors
from applications.models import Application, Stage

register = template.Library()

CLOSED_STAGES = (Stage.WITHDRAWN, Stage.POSITION_CLOSED)


@register.simple_tag
def countdown(application, now=None) -> dict:
    """{"text", "tone"} for the respond-by date: "Answer due in 3 days" (tone "due", "soon"
    under two days), "Answer overdue since Dec 1" ("overdue"), "Answered Dec 1" ("answered")."""
    if application.stage in CLOSED_STAGES and application.first_response_at is None:
        return {"text": "", "tone": ""}
    if application.first_response_at is not None:
        on_time = application.first_response_at <= application.respond_by
        when = date_format(timezone.localtime(application.first_response_at), "M j")
        return {
            "text": f"Answered {when}{'' if on_time else ' (late)'}",
            "tone": "answered" if on_time else "late",
        }
    now = now or timezone.now()
    left = application.respond_by - now
    if left.total_seconds() <= 0:
        since = date_format(timezone.localtime(application.respond_by), "M j")
        return {"text": f"Answer overdue since {since}", "tone": "overdue"}
    days = left.days
    if days >= 1:
        text = f"Answer due in {days} day{'s' if days != 1 else ''}"
    else:
        hours = max(1, math.ceil(left.total_seconds() / 3600))
        text = f"Answer due in {hours} hour{'s' if hours != 1 else ''}"
    return {"text": text, "tone": "soon" if days < 2 else "due"}


@register.simple_tag
def applicant_counts(jobs) -> dict:
    """{job id: {"total", "new", "unanswered"}} for a list of jobs, in one query."""
    return selectors.applicant_counts_by_job(job.pk for job in jobs)


@register.simple_tag
def applicant_counts_of(job) -> dict:
    """{"total", "new", "unanswered"} for one job."""
    return selectors.applicant_counts_by_job([job.pk]).get(job.pk, {})


@register.simple_tag
def applicant_summary(company) -> dict:
    return selectors.company_applicant_summary(company)


@register.simple_tag
def application_of(job, user):
    """The signed-in candidate's application to `job`, or None (for the job page's apply card)."""
    if not getattr(user, "is_authenticated", False) or not user.is_candidate:
        return None
    return Application.objects.filter(job=job, candidate=user).first()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key) or {}
