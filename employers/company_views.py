"""The company profile (edited by its owner), the public company page and the Company List."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from employers.forms import CompanyProfileForm, CompanySearchForm
from employers.models import Company, CompanyLocation
from employers.permissions import get_membership, membership_of, require_owner
from employers.services import company_update_profile
from infra.pagination import BoundedPaginator
from jobs.counts import company_live_jobs
from jobs.models import Job
from jobs.selectors import with_live_job_counts

COMPANIES_PER_PAGE = 20
JOBS_PER_PAGE = 20
JOB_PAGES_SHOWN = 50


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request):
    """Owners edit the profile; recruiters see it read-only (a POST from them is a 403)."""
    membership = get_membership(request)
    company = membership.company
    if request.method == "POST":
        require_owner(membership)
        form = CompanyProfileForm(request.POST, request.FILES, company=company)
        if form.is_valid():
            data = form.cleaned_data
            was_verified = company.is_verified
            company_update_profile(
                company=company,
                name=data["name"],
                about=data["about"],
                website=data["website"],
                size=data["size"],
                facility_type=data["facility_type"],
                locations=data["locations"],
                benefits=data["benefits"],
                logo=data["logo"],
                remove_logo=data.get("remove_logo", False),
            )
            messages.success(request, "Your company profile is saved.")
            if was_verified and not company.is_verified:
                messages.warning(
                    request,
                    f"Because the company's name changed, {company.name} is no longer marked "
                    "Verified until our staff check the new name. Until then, new and edited "
                    "jobs go through staff review before they are published.",
                )
            return redirect("employers:company")
        status = 400
    else:
        form = CompanyProfileForm(company=company) if membership.is_owner else None
        status = 200
    context = {
        "membership": membership,
        "company": company,
        "form": form,
        "locations": company.locations.all(),
    }
    return render(request, "employers/company_edit.html", context, status=status)


@vary_on_headers("HX-Request")
def company_list(request):
    states = list(CompanyLocation.objects.order_by().values_list("state", flat=True).distinct())
    form = CompanySearchForm(request.GET or None, states=states)
    filters = form.filters()
    companies = with_live_job_counts(Company.objects.for_listing())
    if filters["q"]:
        companies = companies.named_like(filters["q"])
    if filters["facility_type"]:
        companies = companies.filter(facility_type=filters["facility_type"])
    if filters["state"]:
        companies = companies.in_state(filters["state"])
    if filters["hiring"]:
        companies = companies.filter(open_job_count__gt=0)
    page = Paginator(companies.order_by("name", "pk"), COMPANIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "query": query.urlencode(),
    }
    # A history restore (back button after htmx navigation) needs the whole page again.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "employers/_company_results.html" if partial else "employers/company_list.html"
    return render(request, template, {**context, "partial": partial})


def company_detail(request, slug):
    company = get_object_or_404(Company.objects.prefetch_related("locations"), slug=slug)
    jobs = Job.objects.published().filter(company=company).order_by("-published_at", "-pk")
    # The newest JOB_PAGES_SHOWN pages only: counting (or paging deep into) a company's 100,000
    # jobs would cost more than the page; past that, the total comes from the summary.
    paginator = BoundedPaginator(jobs, JOBS_PER_PAGE, max_pages=JOB_PAGES_SHOWN)
    page = paginator.get_page(request.GET.get("page"))
    open_jobs = company_live_jobs(company.pk) if paginator.is_capped else paginator.count
    membership = membership_of(request.user)
    locations = list(company.locations.all())
    context = {
        "company": company,
        "locations": locations,
        "has_details": bool(company.website or locations or company.benefits),
        "page": page,
        "open_jobs": open_jobs,
        "is_own_company": membership is not None and membership.company_id == company.pk,
    }
    return render(request, "employers/company_detail.html", context)
