"""Find Candidates (/candidates/): the employer's search of visible profiles, a profile's page
and the invitation to apply. Everyone else sees what it offers and how to get it."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.staff import staff_recipients
from candidates import finder, invitations
from candidates.forms import CandidateSearchForm, InvitationForm
from candidates.models import CandidateInvitation
from employers.permissions import get_membership, membership_of
from employers.quotas import pricing_url
from infra.rate_limits import form_over_limit
from infra.refusals import Refusal, on_refusal_redirect
from jobs.models import Job
from notifications.services import notify_many

DAILY_CAP_STAFF_KIND = "finder.daily_cap_staff"
INVITE_RATE_MESSAGE = (
    "Your team has sent a lot of invitations in the last hour. Please wait a while before "
    "sending more."
)


def _search_from(form: CandidateSearchForm) -> finder.CandidateSearch:
    data = form.cleaned_data
    available = data.get("available") or ""
    return finder.CandidateSearch(
        q=(data.get("q") or "").strip(),
        profession=data.get("profession") or "",
        credential=data.get("credential") or "",
        license_state=data.get("license_state") or "",
        place=data.get("place"),
        radius=data.get("radius") or 25,
        available_now=available == "now",
        available_by=(
            timezone.localdate() + timedelta(days=int(available)) if available.isdigit() else None
        ),
    )


def _company_with_access(request):
    """The signed-in employer's company when it may use Find Candidates; 403 otherwise."""
    company = get_membership(request).company
    access = finder.search_access(company)
    if not access:
        raise PermissionDenied(access.message)
    return company


@require_safe
def search(request):
    membership = membership_of(request.user)
    access = finder.search_access(membership.company) if membership else None
    if not access:
        return render(
            request,
            "candidates/finder/offer.html",
            {"membership": membership, "access": access, "pricing_url": pricing_url()},
        )
    company = membership.company
    form = CandidateSearchForm(request.GET or None)
    page = capped = None
    if form.is_bound and form.is_valid():
        page, capped = finder.result_page(_search_from(form), company, form.cleaned_data["page"])
    elif not form.is_bound:
        form = CandidateSearchForm()
        page, capped = finder.result_page(finder.CandidateSearch(), company, 1)
    revealed = (
        finder.revealed_user_ids(company, [p.user_id for p in page.object_list]) if page else set()
    )
    for profile in page.object_list if page else ():
        profile.is_revealed = profile.user_id in revealed
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "candidates/finder/search.html",
        {
            "form": form,
            "page": page,
            "capped": capped,
            "company": company,
            "contacts": finder.contact_allowance(company),
            "query": query.urlencode(),
            "max_pages": finder.MAX_PAGES,
        },
    )


def _tell_staff_daily_cap_reached(company) -> None:
    """Unusual volume, perhaps scraping: staff hear of it once per company and day (the outbox
    key names both), however many more profiles the company then tries to open."""
    today = timezone.localdate()
    notify_many(
        to=staff_recipients(),
        kind=DAILY_CAP_STAFF_KIND,
        key=f"{DAILY_CAP_STAFF_KIND}:company:{company.pk}:{today.isoformat()}",
        template="candidates/email/finder_daily_cap_staff",
        context={
            "company": company,
            "cap": finder.daily_view_cap(),
            "day": today,
            "admin_url": f"{settings.SITE_URL}/admin/employers/company/{company.pk}/change/",
        },
        about=company,
    )


@login_required
@require_safe
def detail(request, pk: int):
    company = _company_with_access(request)
    profile = finder.profile_for_company(company, pk)
    if profile is None:
        raise Http404
    try:
        finder.record_profile_view(company=company, profile=profile)
    except Refusal as refusal:
        if refusal.code == "daily_views_used":
            _tell_staff_daily_cap_reached(company)
        return render(request, "candidates/finder/limit.html", {"refusal": refusal}, status=429)
    profile.is_revealed = bool(finder.revealed_user_ids(company, [profile.user_id]))
    jobs = list(Job.objects.published().filter(company=company).order_by("title"))
    invited = set(
        CandidateInvitation.objects.filter(company=company, candidate=profile.user).values_list(
            "job_id", flat=True
        )
    )
    return render(
        request,
        "candidates/finder/detail.html",
        {
            "profile": profile,
            "form": InvitationForm(jobs=[job for job in jobs if job.pk not in invited]),
            "invited_jobs": [job for job in jobs if job.pk in invited],
            "contacts": finder.contact_allowance(company),
            "company": company,
        },
    )


@login_required
@require_POST
@on_refusal_redirect(lambda request, pk: reverse("finder:detail", args=[pk]))
def invite(request, pk: int):
    company = _company_with_access(request)
    profile = finder.profile_for_company(company, pk)
    if profile is None:
        raise Http404
    jobs = Job.objects.published().filter(company=company)
    form = InvitationForm(request.POST, jobs=jobs)
    # Per company and hour, besides the monthly quota: a burst of invitations is spam.
    if form_over_limit(
        request, form, group="finder.invite", rate=settings.FIND_CANDIDATES_INVITE_RATE_LIMIT,
        key=lambda group, request: f"company:{company.pk}", message=INVITE_RATE_MESSAGE,
    ):  # fmt: skip
        raise Refusal(INVITE_RATE_MESSAGE, "invite_rate_limited")
    if not form.is_valid():
        raise Refusal("Choose one of your company's live jobs.", "job_not_live")
    invitations.invitation_send(
        company=company,
        invited_by=request.user,
        profile=profile,
        job_id=form.cleaned_data["job"],
        message=form.cleaned_data["message"],
    )
    messages.success(request, "Invitation sent. We emailed the candidate a link to the job.")
    return redirect("finder:detail", pk=pk)


@login_required
@require_safe
def sent(request):
    """The invitations this company sent (never another company's)."""
    company = _company_with_access(request)
    sent = CandidateInvitation.objects.filter(company=company).select_related(
        "job", "candidate__candidate_profile"
    )[:200]
    return render(
        request,
        "candidates/finder/sent.html",
        {"sent": sent, "contacts": finder.contact_allowance(company)},
    )
