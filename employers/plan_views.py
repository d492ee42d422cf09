"""Pricing (public), the upgrade request form, and the team's plan page in the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from employers.forms import UpgradeRequestForm
from employers.models import Membership
from employers.permissions import get_membership, get_owner_membership, membership_of
from employers.plans import PLAN_ORDER, PLANS, plans_above
from employers.services import upgrade_request_submit
from infra.refusals import Refusal
from jobs.quotas import plan_usage


def render_pricing(request, *, form=None, status=200):
    membership = membership_of(request.user)
    context = {"plans": [PLANS[key] for key in PLAN_ORDER], "membership": membership}
    if membership:
        company = membership.company
        context["company"] = company
        context["current_plan"] = company.plan_details
        context["open_request"] = company.upgrade_requests.open().first()
        can_ask = plans_above(company.plan) and not context["open_request"]
        if form is not None:  # a refused POST: show what was wrong, next to what they chose
            context["form"] = form
        elif membership.is_owner and can_ask:
            context["form"] = UpgradeRequestForm(
                company=company, initial={"plan": request.GET.get("plan")}
            )
        if membership.is_owner and can_ask:
            context["upgrade_keys"] = [p.key for p in plans_above(company.plan)]
        if not membership.is_owner:
            context["owner"] = (
                company.memberships.filter(role=Membership.Role.OWNER)
                .select_related("user")
                .first()
            )
    return render(request, "employers/pricing.html", context, status=status)


def pricing(request):
    return render_pricing(request)


@login_required
@require_POST
def upgrade(request):
    """An owner asks for a bigger plan: stored, emailed to staff, confirmed to them."""
    membership = get_owner_membership(request)
    form = UpgradeRequestForm(request.POST, company=membership.company)
    if form.is_valid():
        try:
            upgrade_request = upgrade_request_submit(
                company=membership.company,
                requested_by=request.user,
                plan=form.cleaned_data["plan"],
                message=form.cleaned_data["message"],
            )
        except Refusal as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Thank you. We received your request for the {upgrade_request.plan_details.name} "
                f"plan and emailed a confirmation to {upgrade_request.requester_email}. Our team "
                "will contact you within two working days; nothing changes until then.",
            )
            return redirect("pricing:index")
    return render_pricing(request, form=form, status=400)


@login_required
def plan(request):
    """The company's plan and how much of it is used; owners and recruiters may look."""
    membership = get_membership(request)
    company = membership.company
    context = {
        "membership": membership,
        "company": company,
        "open_request": company.upgrade_requests.open().first(),
        **plan_usage(company),
    }
    return render(request, "employers/plan.html", context)
