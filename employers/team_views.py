"""The hiring team: invitations, removal, ownership transfer, and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from employers.forms import InvitationForm, InvitationSignupForm, TransferOwnershipForm
from employers.invitations import invitation_id_from_token
from employers.models import Invitation, Membership
from employers.permissions import (
    get_invitation_for_owner,
    get_member_for_owner,
    get_membership,
    get_owner_membership,
)
from employers.services import (
    company_set_require_mfa,
    invitation_accept,
    invitation_accept_with_signup,
    invitation_create,
    invitation_email_has_account,
    invitation_refusal,
    invitation_resend,
    invitation_revoke,
    membership_remove,
    membership_set_application_emails,
    ownership_transfer,
)
from infra.refusals import Refusal, on_refusal_redirect

# Refusals that are about the link itself (gone for good) rather than about who opened it.
GONE = {"used", "expired", "revoked"}


def render_team(request, membership, *, invite_form=None, transfer_form=None, status=200):
    company = membership.company
    team = company.memberships.select_related("user").order_by(
        Case(
            When(role=Membership.Role.OWNER, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "user__email",
    )
    context = {
        "membership": membership,
        "company": company,
        "team": team,
        "application_email_choices": Membership.ApplicationEmails.choices,
    }
    if membership.is_owner:
        context |= {
            "invitations": company.invitations.filter(
                accepted_at__isnull=True, revoked_at__isnull=True
            ).select_related("invited_by"),
            "invite_form": invite_form or InvitationForm(),
            "transfer_form": transfer_form or TransferOwnershipForm(company=company),
        }
    return render(request, "employers/team.html", context, status=status)


@login_required
def team(request):
    return render_team(request, get_membership(request))


@require_POST
@login_required
def application_emails(request):
    """Each member chooses how they hear of new applications: one email each, or a digest."""
    membership = get_membership(request)
    choice = request.POST.get("application_emails", "")
    if choice not in Membership.ApplicationEmails.values:
        messages.error(request, "Choose one of the two ways to hear of new applications.")
        return redirect("employers:team")
    membership_set_application_emails(membership=membership, choice=choice)
    messages.success(request, f"Saved: {Membership.ApplicationEmails(choice).label.lower()}.")
    return redirect("employers:team")


@login_required
@require_POST
def invite(request):
    membership = get_owner_membership(request)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                company=membership.company,
                invited_by=request.user,
                email=form.cleaned_data["email"],
            )
        except Refusal as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                f"Invitation sent to {invitation.email}. The link works once, for 7 days.",
            )
            return redirect("employers:team")
    return render_team(request, membership, invite_form=form, status=400)


@on_refusal_redirect("employers:team")
@login_required
@require_POST
def invitation_revoke_view(request, pk):
    invitation = get_invitation_for_owner(request, pk)
    invitation_revoke(invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} is revoked.")
    return redirect("employers:team")


@on_refusal_redirect("employers:team")
@login_required
@require_POST
def invitation_resend_view(request, pk):
    invitation = get_invitation_for_owner(request, pk)
    invitation_resend(invitation=invitation)
    messages.success(request, f"Invitation sent again to {invitation.email}.")
    return redirect("employers:team")


@on_refusal_redirect("employers:team")
@login_required
@require_POST
def member_remove(request, pk):
    member = get_member_for_owner(request, pk)
    membership_remove(membership=member)
    messages.success(
        request, f"{member.user.get_full_name()} is no longer on {member.company.name}'s team."
    )
    return redirect("employers:team")


@on_refusal_redirect("employers:team")
@login_required
@require_POST
def require_mfa(request):
    """The owner turns the team's two-factor requirement on or off."""
    membership = get_owner_membership(request)
    choice = request.POST.get("require_mfa", "")
    if choice not in {"on", "off"}:
        messages.error(request, "Choose whether to require two-factor authentication.")
        return redirect("employers:team")
    required = choice == "on"
    company_set_require_mfa(company=membership.company, by=request.user, required=required)
    messages.success(
        request,
        "Your team now needs two-factor authentication to reach the dashboard."
        if required
        else "Two-factor authentication is no longer required of your team.",
    )
    return redirect("employers:team")


@login_required
@require_POST
def transfer(request):
    membership = get_owner_membership(request)
    form = TransferOwnershipForm(request.POST, company=membership.company)
    if form.is_valid():
        try:
            new_owner = ownership_transfer(
                company=membership.company,
                by=request.user,
                to_membership_id=form.cleaned_data["member"].pk,
            )
        except Refusal as error:
            form.add_error("member", error.message)
        else:
            messages.success(
                request,
                f"{new_owner.user.get_full_name()} is now the owner of {membership.company.name}. "
                "You are a recruiter on the team.",
            )
            return redirect("employers:team")
    return render_team(request, membership, transfer_form=form, status=400)


@require_http_methods(["GET", "POST"])
def accept(request, token):
    """The link in the invitation email. Guests sign in or create their employer account here;
    whoever opens it must be the invited address, an employer, and not on another team."""
    invitation_id = invitation_id_from_token(token)
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(pk=invitation_id).first()
        if invitation_id
        else None
    )
    if invitation is None:
        return render(request, "employers/invitation_invalid.html", status=404)
    refusal = invitation_refusal(invitation, request.user)
    if refusal and refusal.code == "member":
        messages.info(request, refusal.message)
        return redirect("employers:dashboard")
    if refusal:
        return render(
            request,
            "employers/invitation_refused.html",
            {"invitation": invitation, "refusal": refusal},
            status=410 if refusal.code in GONE else 403,
        )
    context = {"invitation": invitation, "company": invitation.company}
    if request.user.is_authenticated:
        if request.method == "POST":
            return _join(request, invitation, context)
        return render(request, "employers/invitation_accept.html", context)

    context["has_account"] = has_account = invitation_email_has_account(invitation)
    form = None
    if not has_account:
        form = InvitationSignupForm(
            request.POST if request.method == "POST" else None, email=invitation.email
        )
    context["form"] = form
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                user = invitation_accept_with_signup(
                    invitation_id=invitation.pk,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except Refusal as error:
                form.add_error(None, error.message)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, f"Welcome to {invitation.company.name}'s hiring team.")
                return redirect("employers:dashboard")
        return render(request, "employers/invitation_accept.html", context, status=400)
    return render(request, "employers/invitation_accept.html", context)


def _join(request, invitation, context):
    try:
        invitation_accept(invitation_id=invitation.pk, user=request.user)
    except Refusal as error:
        return render(
            request,
            "employers/invitation_refused.html",
            {**context, "refusal": error},
            status=410 if error.code in GONE else 403,
        )
    messages.success(request, f"You joined {invitation.company.name}'s hiring team as a recruiter.")
    return redirect("employers:dashboard")
