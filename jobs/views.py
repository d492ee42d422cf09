"""Public job pages: search, the job page (410 once the job is gone), "report this job"."""

import dataclasses
import re
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST, require_safe

from candidates.selectors import credential_match, qualifications_of, saved_job_ids
from infra.rate_limits import form_over_limit
from jobs.choices import PayPeriod, WorkplaceType
from jobs.jsonld import as_script_content, job_posting
from jobs.models import Job
from jobs.pay_insights import job_pay_comparison
from jobs.presenters import job_description_html, job_facts
from jobs.reports import JobReportForm
from jobs.sanitize import visible_text
from jobs.search import (
    RADIUS_CHOICES,
    JobSearchForm,
    Sort,
    page_numbers,
    search_url,
)
from jobs.suggestions import what_suggestions, where_suggestions
from jobs.view_counts import job_view_record

SIMILAR_JOBS = 4
REPORT_RATE_LIMIT = "5/h"
# The id at the end of the slug finds the job; the words before it are only for readers.
SLUG_ID_RE = re.compile(r"(?:^|-)(\d{1,18})$")
HIDDEN_FROM_PUBLIC = [Job.Status.DRAFT, Job.Status.PENDING_REVIEW]


def get_public_job_or_404(slug: str) -> Job:
    """The job a slug names, if the public may see it at all: drafts and jobs waiting for review
    are a 404. Paused, closed and expired jobs are found (their page answers 410)."""
    match = SLUG_ID_RE.search(slug)
    if not match:
        raise Http404
    return get_object_or_404(
        Job.objects.with_company().exclude(status__in=HIDDEN_FROM_PUBLIC), pk=int(match[1])
    )


# Search ----------------------------------------------------------------------------------


@require_safe
def search(request):
    form = JobSearchForm(request.GET)
    job_search = form.search()
    # "Jobs I qualify for" (candidates with a profile): their credentials as plain data.
    qualifications = qualifications_of(request.user)
    qualify_on = qualifications is not None and request.GET.get("qualify") == "1"
    if qualify_on:
        job_search = dataclasses.replace(
            job_search,
            qualified_with=(
                tuple(sorted(qualifications.credentials)),
                tuple(sorted(qualifications.states)),
            ),
        )
    results = job_search.run(form.cleaned_data.get("page"))
    job_search = results.search  # the corrected search when the words as typed found nothing
    params = request.GET
    if results.corrected_from:
        params = params.copy()
        params["q"] = job_search.q
    context = {
        "form": form,
        "search": job_search,
        "results": results,
        "sort": job_search.effective_sort,
        **sort_options(job_search),
        "radius_choices": RADIUS_CHOICES,
        "radius": job_search.radius,
        "location_error": form.errors.get("location"),
        "chips": active_filter_chips(params, job_search, results.facets),
        "pagination": pagination(params, results.page) if results.total else None,
        "suggestion_url": search_url(params, q=results.suggestion) if results.suggestion else "",
        "verbatim_url": (
            search_url(params, q=results.corrected_from, verbatim=1)
            if results.corrected_from
            else ""
        ),
        "empty_state": empty_state_links(params, job_search) if not results.total else {},
        "qualify": {"on": qualify_on} if qualifications is not None else None,
        "saved_job_ids": saved_job_ids(request.user, [job.pk for job in results.jobs]),
        "save_in_form": True,  # the result cards sit inside the search form
    }
    if qualify_on:
        context["chips"].append(("Jobs I qualify for", search_url(params, qualify=None)))
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    # Typing in the form must not be overwritten; a link (filter chip, "Did you mean", page)
    # changed the search behind the form's back, so the form's text fields follow it.
    context["partial"] = partial
    context["refresh_search_bar"] = partial and request.htmx.trigger != "job-search"
    response = render(request, "jobs/_results.html" if partial else "jobs/search.html", context)
    # The same URL answers a full page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def suggest_what(request):
    """Typeahead of the What box: an htmx fragment of listbox options."""
    return typeahead(request, "search-q", what_suggestions(request.GET.get("q", "")[:60]))


@require_safe
def suggest_where(request):
    """Typeahead of the Where box: cities and ZIP codes."""
    return typeahead(
        request, "search-location", where_suggestions(request.GET.get("location", "")[:60])
    )


def typeahead(request, field_id, suggestions):
    response = render(
        request, "jobs/_typeahead.html", {"field_id": field_id, "suggestions": suggestions}
    )
    # Cheap to build, the same for everyone: let browsers reuse it for a few minutes.
    response["Cache-Control"] = "public, max-age=300"
    return response


def sort_options(job_search) -> dict:
    """The sort menu. Its first option is the default order, sent as no parameter at all, so
    typing a query after browsing by date switches to relevance by itself."""
    if job_search.q:
        choices = [("", "Relevance"), (Sort.DATE, "Newest"), (Sort.PAY, "Highest pay")]
    else:
        choices = [("", "Newest"), (Sort.PAY, "Highest pay")]
    chosen = job_search.sort if job_search.sort in dict(choices) else ""
    return {"sort_choices": choices, "sort_value": chosen}


def active_filter_chips(params, job_search, facets) -> list[tuple[str, str]]:
    """(label, URL without it) for each active filter, so each can be removed in one click."""
    chips = []
    if job_search.place:
        chips.append(
            (
                f"Within {job_search.radius} miles of {job_search.place.label}",
                search_url(params, location=None, radius=None),
            )
        )
    for group in facets:
        for option in group.selected:
            if group.kind == "radio":
                removed = {group.name: None, "pay_period": None}
            else:
                remaining = [v for v in params.getlist(group.name) if v != option.value]
                removed = {group.name: remaining or None}
            chips.append((option.label, search_url(params, **removed)))
    return chips


def pagination(params, page) -> dict:
    def url(number):
        return search_url(params, page=number if number > 1 else None)

    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else "",
        "next": url(page.next_page_number()) if page.has_next() else "",
        "pages": [
            {"number": n, "url": url(n), "current": n == page.number} if n else None
            for n in page_numbers(page)
        ],
    }


def empty_state_links(params, job_search) -> dict:
    links = {}
    if job_search.has_filters:
        links["clear"] = search_url(QueryDict(), q=job_search.q or None)
    if job_search.place and job_search.radius < RADIUS_CHOICES[-1][0]:
        links["widen"] = search_url(params, radius=RADIUS_CHOICES[-1][0])
    workplaces = job_search.filters.get("workplace_type", ())
    if job_search.place and workplaces and WorkplaceType.REMOTE not in workplaces:
        links["remote"] = search_url(
            params, workplace_type=[*params.getlist("workplace_type"), WorkplaceType.REMOTE]
        )
    elif job_search.place and not workplaces:
        links["remote"] = search_url(
            params,
            workplace_type=[WorkplaceType.ONSITE, WorkplaceType.HYBRID, WorkplaceType.REMOTE],
        )
    return links


# The job page ----------------------------------------------------------------------------


@require_safe
def detail(request, slug):
    job = get_public_job_or_404(slug)
    if slug != job.slug:
        return redirect(job, permanent=True)
    if not job.is_open:
        return gone(request, job)
    job_view_record(job.pk)
    return render_job_page(request, job, JobReportForm(user=request.user))


def gone(request, job):
    """Closed, expired or paused: 410, with open jobs like it instead, and no JobPosting."""
    similar = Job.objects.published().with_company().similar_to(job, SIMILAR_JOBS)
    return render(request, "jobs/gone.html", {"job": job, "similar_jobs": similar}, status=410)


def render_job_page(request, job, report_form, *, status=200, report_open=False):
    description = job_description_html(job)
    url = settings.SITE_URL + job.get_absolute_url()
    similar_jobs = Job.objects.published().with_company().similar_to(job, SIMILAR_JOBS)
    context = {
        "job": job,
        "description": description,
        "facts": job_facts(job),
        "jsonld": as_script_content(job_posting(job, description=description)),
        "canonical_url": url,
        "meta_description": visible_text(description)[:155],
        "similar_jobs": similar_jobs,
        # The signed-in candidate's credentials against this job, and what they saved.
        "match": credential_match(job, qualifications_of(request.user)),
        "saved_job_ids": saved_job_ids(request.user, [job.pk] + [j.pk for j in similar_jobs]),
        "hourly": job.pay_period == PayPeriod.HOUR,
        "pay_comparison": job_pay_comparison(job),
        "share": share_links(job, url),
        "report_form": report_form,
        "report_open": report_open,
    }
    return render(request, "jobs/detail.html", context, status=status)


def share_links(job, url) -> dict:
    title = f"{job.title} at {job.company.name}"
    return {
        "url": url,
        "email": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?"
        + urlencode({"url": url}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}, quote_via=quote),
    }


@require_POST
def external_apply(request, slug):
    """ "Apply on the employer's website": count the click (one atomic UPDATE, no read-modify-
    write), then send the reader to the employer's own application page."""
    job = get_public_job_or_404(slug)
    if not job.is_open or job.apply_method != Job.ApplyMethod.EXTERNAL or not job.apply_url:
        return redirect(job)
    Job.objects.filter(pk=job.pk).update(external_apply_clicks=F("external_apply_clicks") + 1)
    return HttpResponseRedirect(job.apply_url)


@require_POST
def report(request, slug):
    """A reader reports a job to the staff queue: guests too, rate-limited per IP address."""
    job = get_public_job_or_404(slug)
    if not job.is_open:
        return redirect(job)
    form = JobReportForm(request.POST, user=request.user)
    message = (
        "You have sent several reports in a short time. Please wait an hour, or write to us "
        "through the contact page."
    )
    if form_over_limit(request, form, group="job-report", rate=REPORT_RATE_LIMIT, message=message):
        return render_job_page(request, job, form, status=429, report_open=True)
    if not form.is_valid():
        return render_job_page(request, job, form, status=400, report_open=True)
    form.save(job=job)
    messages.success(
        request, "Thank you for your report. Our team will look at this job within a working day."
    )
    return redirect(job)
