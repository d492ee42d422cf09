from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from employers.models import Company
from infra.client_ip import client_ip
from infra.rate_limits import form_over_limit
from jobs.choices import Profession
from jobs.counts import board_counts
from jobs.models import Job
from pages.forms import ContactForm
from pages.health import database_status, redis_status
from pages.services import contact_message_submit

HOME_FEATURED_JOBS = 3
HOME_NEWEST_JOBS = 6
HOME_PROFESSIONS = 8


def home_stats() -> dict:
    """The counts over every live job, from the summaries beat keeps (jobs/counts.py): three
    reads of a few rows, never a count of the jobs themselves."""
    stats = board_counts(HOME_PROFESSIONS)
    labels = dict(Profession.choices)
    stats["professions"] = [
        {"value": profession, "label": labels[profession], "jobs": jobs}
        for profession, jobs in stats["professions"]
    ]
    return stats


def home(request):
    live = Job.objects.published().with_company().order_by("-published_at", "-pk")
    featured = list(live.featured()[:HOME_FEATURED_JOBS])
    context = {
        **home_stats(),
        "featured_jobs": featured,
        "newest_jobs": list(live.exclude(pk__in=[job.pk for job in featured])[:HOME_NEWEST_JOBS]),
        "company_count": Company.objects.count(),
        "response_days": settings.NO_GHOSTING_RESPONSE_DAYS,
    }
    return render(request, "pages/home.html", context)


def no_ghosting(request):
    return render(
        request,
        "pages/no_ghosting.html",
        {
            "response_days": settings.NO_GHOSTING_RESPONSE_DAYS,
            "min_rate": settings.NO_GHOSTING_MIN_RATE,
        },
    )


def contact(request):
    if request.method == "POST":
        form = ContactForm(request.POST)
        message = (
            "You have sent several messages in a short time. Please wait an hour and try "
            "again, or email us directly."
        )
        if form_over_limit(
            request, form, group="contact", rate=settings.CONTACT_RATE_LIMIT, message=message
        ):
            return render(request, "pages/contact.html", {"form": form}, status=429)
        if form.is_valid():
            if not form.is_spam:
                contact_message_submit(
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    topic=form.cleaned_data["topic"],
                    message=form.cleaned_data["message"],
                    ip_address=client_ip(request) or None,
                )
            messages.success(
                request,
                "Thank you. Your message reached our team; we answer within two working days.",
            )
            return redirect("pages:contact")
        return render(request, "pages/contact.html", {"form": form}, status=400)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    return render(request, "pages/contact.html", {"form": ContactForm(initial=initial)})


def terms(request):
    return render(request, "pages/terms.html")


def privacy(request):
    return render(request, "pages/privacy.html")


def post_a_job(request):
    """The nav's "Post a Job": employers go to posting, everyone else learns how to get there."""
    new_job = reverse("jobs_dashboard:new")
    template = request.GET.get("template", "")
    if template.isdigit():  # "Use this template" from a hiring guide
        new_job += "?" + urlencode({"template": template})
    if request.user.is_authenticated and request.user.is_employer:
        return redirect(new_job)
    if not request.user.is_authenticated:
        signup = reverse("employer_signup")
        if template.isdigit():  # come back to the template after signing up
            signup += "?" + urlencode({"next": new_job})
        return redirect(signup)
    return employer_area_refused(request, posting=True)


# The URL namespaces of the employers' side: a job seeker who reaches one (a bookmark, a shared
# link, the dashboard's own "Post a Job") learns what it is for and how to get there.
EMPLOYER_AREAS = {"employers", "jobs_dashboard"}


def employer_area_refused(request, *, posting: bool):
    context = {"posting": posting, "response_days": settings.NO_GHOSTING_RESPONSE_DAYS}
    return render(request, "pages/post_a_job_candidate.html", context, status=403)


def permission_denied(request, exception=None):
    """The site's 403 (handler403): on the employers' side, a signed-in job seeker or editor is
    told what the page is for and how to get an employer account; elsewhere the plain 403."""
    user = request.user
    match = request.resolver_match
    if (
        user.is_authenticated
        and not user.is_employer
        and match is not None
        and match.namespace in EMPLOYER_AREAS
    ):
        return employer_area_refused(request, posting=match.view_name == "jobs_dashboard:new")
    return render(request, "403.html", {"exception": str(exception or "")}, status=403)


@require_GET
@never_cache
def healthz(request):
    status = {"database": database_status(), "redis": redis_status()}
    healthy = all(value == "ok" for value in status.values())
    status["status"] = "ok" if healthy else "error"
    return JsonResponse(status, status=200 if healthy else 503)
