"""Pricing (public), the upgrade request form, and the team's plan page in the dashboard."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from employers.forms import UpgradeRequestForm
from employers.models import Membership
from employers.permissions import get_membership, get_owner_membership, membership_of
from employers.plans import PLAN_ORDER, PLANS, Plan, plans_above
from employers.services import upgrade_request_submit
from infra.refusals import Refusal
from jobs.quotas import plan_usage


@dataclass(frozen=True)
class NextStep:
    """What a plan's card tells the viewer to do next: a sentence, a button, or both."""

    note: str = ""
    label: str = ""
    url: str = ""
    primary: bool = False
    as_link: bool = False  # a plain link, for help rather than an action
    secondary_label: str = ""
    secondary_url: str = ""


def _pricing_url(plan: Plan) -> str:
    return reverse("pricing:index") + "?" + urlencode({"plan": plan.key}) + "#upgrade"


def plan_next_step(plan: Plan, *, user, membership, open_request, owner) -> NextStep:
    """The call to action of one plan's card, for whoever is looking at Pricing."""
    if not user.is_authenticated:
        sign_in = reverse("account_login") + "?" + urlencode({"next": _pricing_url(plan)})
        if not plan.is_paid:
            return NextStep(
                label="Start free", url=reverse("employer_signup"), primary=True,
                secondary_label="Sign in", secondary_url=sign_in,
            )  # fmt: skip
        return NextStep(
            note=f"Create a free employer account, then request {plan.name} here. We send an "
            "invoice: no card needed.",
            label="Create an employer account", url=reverse("employer_signup"),
            primary=plan.highlighted, secondary_label="Sign in to request it",
            secondary_url=sign_in,
        )  # fmt: skip
    if not user.is_employer:
        return NextStep(
            note="For employers. Your job seeker account is free and stays free.",
            label="How to get an employer account",
            url="#upgrade",
            as_link=True,
        )
    if membership is None:
        return NextStep(
            note="Your account is not on a company's hiring team yet: ask your company's owner "
            "to invite you.",
            label="Contact us",
            url=reverse("pages:contact"),
        )
    company = membership.company
    current = company.plan_details
    if plan.key == current.key:
        return NextStep(
            note="This is your plan.", label="See what you use",
            url=reverse("employers:plan"),
        )  # fmt: skip
    if not membership.is_owner:
        who = f"{owner.user.get_full_name()}, " if owner else ""
        return NextStep(note=f"Your company's owner, {who}can ask for this plan.")
    if plan.rank < current.rank:
        return NextStep(
            note=f"Included in your {current.name} plan. To move to {plan.name}, contact us.",
            label="Contact us",
            url=reverse("pages:contact"),
        )
    if open_request is not None:
        if open_request.plan == plan.key:
            requested = format_date(open_request.created_at, "F j")
            return NextStep(
                note=f"Requested on {requested}: our team will contact you within two working days."
            )
        return NextStep(
            note=f"You asked for {open_request.get_plan_display()}; our team will contact you "
            "about it first."
        )
    return NextStep(
        label=f"Request {plan.name}",
        url=_pricing_url(plan),
        primary=plan.highlighted,
    )


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
    context["plan_cards"] = [
        (
            plan,
            plan_next_step(
                plan,
                user=request.user,
                membership=membership,
                open_request=context.get("open_request"),
                owner=context.get("owner"),
            ),
        )
        for plan in context["plans"]
    ]
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
