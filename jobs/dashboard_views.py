"""The employer's job pages under /dashboard/jobs/: list, post, edit, preview and the actions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import User
from employers.quotas import pricing_url
from infra.refusals import Refusal, on_refusal_redirect
from jobs import lifecycle, selectors, services
from jobs.forms import JobForm
from jobs.models import JOB_LIFETIME_DAYS, Job, JobDescriptionTemplate
from jobs.permissions import get_company_for_employer, get_job_for_employer
from jobs.presenters import job_description_html, job_facts
from jobs.quotas import can_feature_another_job

employer_required = role_required(User.Role.EMPLOYER)
JOBS_PER_PAGE = 25


def status_tabs(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(value, label, count) for the filter links, "All" first."""
    return [("", "All", counts["all"])] + [
        (value, label, counts[value]) for value, label in Job.Status.choices
    ]


def day(value) -> str:
    return date_format(timezone.localtime(value), "F j, Y")


@employer_required
def job_list(request):
    company = get_company_for_employer(request)
    status = request.GET.get("status", "")
    if status not in Job.Status.values:
        status = ""
    jobs = Job.objects.for_company(company).newest_first()
    if status:
        jobs = jobs.filter(status=status)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.company_job_counts(company)
    context = {
        "company": company,
        "page": page,
        "jobs": selectors.jobs_with_actions(list(page.object_list)),
        "status": status,
        "status_label": Job.Status(status).label if status else "",
        "tabs": status_tabs(counts),
        "counts": counts,
        "pay_rule_jobs": [] if request.htmx else selectors.jobs_out_of_pay_rules(company),
    }
    template = "jobs/dashboard/list.html"
    if request.htmx:
        template += "#job-list"
    return render(request, template, context)


def chosen_template(request):
    """The published template named by ?template=<id>, or None (with a message if it's gone)."""
    wanted = request.GET.get("template", "")
    if not wanted:
        return None
    template = None
    if wanted.isdigit():
        template = JobDescriptionTemplate.objects.published().filter(pk=wanted).first()
    if template is None:
        messages.warning(request, "That template is no longer available; start from a blank job.")
    return template


@employer_required
def job_new(request):
    company = get_company_for_employer(request)
    template = chosen_template(request) if request.method == "GET" else None
    form = (
        JobForm(request.POST)
        if request.method == "POST"
        else JobForm(initial=template.as_job_initial() if template else None)
    )
    extra = {
        "templates": JobDescriptionTemplate.objects.published().only("pk", "title", "profession"),
        "chosen_template": template,
    }
    if form.is_bound:
        if form.is_valid():
            job = services.job_create(
                company=company, created_by=request.user, fields=form.job_fields()
            )
            messages.success(
                request, "Your draft is saved. Check the preview below, then publish it."
            )
            return redirect("jobs_dashboard:preview", pk=job.pk)
        return render(
            request,
            "jobs/dashboard/form.html",
            {"form": form, "company": company, **extra},
            status=400,
        )
    return render(request, "jobs/dashboard/form.html", {"form": form, "company": company, **extra})


@employer_required
def job_edit(request, pk):
    job = get_job_for_employer(request, pk)
    if not services.job_can(job, "edit"):
        messages.error(request, lifecycle.refusal_message(job, "edit"))
        return redirect("jobs_dashboard:preview", pk=job.pk)
    title = job.title  # the form's instance takes the posted values, valid or not
    form = (
        JobForm(request.POST, instance=job) if request.method == "POST" else JobForm(instance=job)
    )
    context = {"form": form, "job": job, "title": title, "company": job.company}
    if form.is_bound:
        if form.is_valid():
            before = job.status
            try:
                job = services.job_update(job=job, fields=form.job_fields())
            except Refusal as refusal:
                messages.error(request, refusal.as_html())
                return redirect("jobs_dashboard:preview", pk=job.pk)
            if job.status == Job.Status.PENDING_REVIEW and before != Job.Status.PENDING_REVIEW:
                messages.warning(
                    request,
                    "Your changes are saved. Because our staff haven't verified your company "
                    "yet, the job is hidden until they review the changes; we'll email your team.",
                )
            else:
                messages.success(request, "Your changes are saved.")
            return redirect("jobs_dashboard:preview", pk=job.pk)
        return render(request, "jobs/dashboard/form.html", context, status=400)
    return render(request, "jobs/dashboard/form.html", context)


@employer_required
def job_preview(request, pk):
    job = get_job_for_employer(request, pk)
    selectors.jobs_with_actions([job])
    context = {
        "job": job,
        "company": job.company,
        "lifetime_days": JOB_LIFETIME_DAYS,
        "description": job_description_html(job),
        "facts": job_facts(job),
    }
    return render(request, "jobs/dashboard/preview.html", context)


# Actions (POST only) -----------------------------------------------------------------------


def _back(request, job, *, deleted=False):
    """Back to the page the action was posted from (the list, the dashboard or the preview)."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    job_pages = reverse("jobs_dashboard:preview", args=[job.pk])
    if safe and target.startswith("/") and not (deleted and target.startswith(job_pages)):
        return redirect(target)
    if deleted:
        return redirect("jobs_dashboard:list")
    return redirect("jobs_dashboard:preview", pk=job.pk)


def _published_message(job) -> str:
    return f"“{job.title}” is live until {day(job.expires_at)}."


def _publish_message(job) -> tuple[int, str]:
    if job.status == Job.Status.PUBLISHED:
        return messages.SUCCESS, _published_message(job)
    if job.company.is_verified:
        # Held because readers keep reporting the company's jobs (jobs/reports.py).
        return (
            messages.INFO,
            f"“{job.title}” is sent for review. Readers have reported several of your jobs "
            "recently, so our staff check new ones before they go live; we'll email your team "
            "as soon as it is published.",
        )
    return (
        messages.INFO,
        f"“{job.title}” is sent for review. Our staff check jobs from companies they have not "
        "verified yet before they go live; we'll email your team as soon as it is published.",
    )


def _renew_message(job) -> tuple[int, str]:
    if job.status == Job.Status.PAUSED:
        return (
            messages.SUCCESS,
            f"“{job.title}” now runs until {day(job.expires_at)}. It stays paused until you "
            "resume it.",
        )
    return messages.SUCCESS, f"“{job.title}” is renewed and live until {day(job.expires_at)}."


ACTION_MESSAGES = {
    "publish": _publish_message,
    "pause": lambda job: (
        messages.SUCCESS,
        f"“{job.title}” is paused: candidates don't see it until you resume it.",
    ),
    "resume": lambda job: (messages.SUCCESS, _published_message(job)),
    "close": lambda job: (
        messages.SUCCESS,
        f"“{job.title}” is closed and no longer listed.",
    ),
    "renew": _renew_message,
    "feature": lambda job: (
        messages.SUCCESS,
        f"“{job.title}” is featured: it is shown first in search and on the home page.",
    ),
    "unfeature": lambda job: (messages.SUCCESS, f"“{job.title}” is no longer featured."),
}


def _job_page(request, pk):
    """Where a refused action on a job goes back to when its form named no page."""
    return reverse("jobs_dashboard:preview", args=[pk])


def _featured_place_lost_message(job):
    """A featured job resumed or renewed after its featured place was taken (jobs/services.py
    _fit_featured_places): why it came back unfeatured, and how to feature it again."""
    check = can_feature_another_job(job.company, excluding_job=job)
    text = f"“{job.title}” is live again but no longer featured: {check.message}"
    return format_html(
        '{} <a href="{}">Compare plans</a>', text, check.upgrade_url or pricing_url()
    )


def _transition_view(action, service):
    @on_refusal_redirect(_job_page)
    @employer_required
    @require_POST
    def view(request, pk):
        job = get_job_for_employer(request, pk)
        was_featured = job.is_featured
        job = service(job=job)
        if was_featured and not job.is_featured and job.status == Job.Status.PUBLISHED:
            messages.warning(request, _featured_place_lost_message(job))
            return _back(request, job)
        level, text = ACTION_MESSAGES[action](job)
        messages.add_message(request, level, text)
        return _back(request, job)

    view.__name__ = f"job_{action}"
    return view


job_publish = _transition_view("publish", services.job_publish)
job_pause = _transition_view("pause", services.job_pause)
job_resume = _transition_view("resume", services.job_resume)
job_close = _transition_view("close", services.job_close)
job_renew = _transition_view("renew", services.job_renew)
job_feature = _transition_view("feature", services.job_feature)
job_unfeature = _transition_view("unfeature", services.job_unfeature)


@employer_required
@require_POST
def job_duplicate(request, pk):
    job = get_job_for_employer(request, pk)
    copy = services.job_duplicate(job=job, created_by=request.user)
    messages.success(
        request, f"A draft copy is ready: “{copy.title}”. Change what you need, then publish it."
    )
    return redirect("jobs_dashboard:edit", pk=copy.pk)


@on_refusal_redirect(_job_page)
@employer_required
@require_POST
def job_delete(request, pk):
    job = get_job_for_employer(request, pk)
    services.job_delete_draft(job=job)
    messages.success(request, f"The draft “{job.title}” is deleted.")
    return _back(request, job, deleted=True)
