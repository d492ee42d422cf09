"""Fetch-and-authorize for the employer's own company, its team and its invitations.

Anything of another company is a 404 (its ids reveal nothing); something of your own company
that only the owner may change is a 403 for a recruiter.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from employers.models import Company, Invitation, Membership

NOT_EMPLOYER = "This page is for employer accounts."
NO_COMPANY = (
    "Your employer account is not on a company's hiring team yet. Ask your company's owner "
    "to invite you, or contact us."
)
OWNER_ONLY = "Only your company's owner can do this. Ask {owner} if it needs doing."


def membership_of(user) -> Membership | None:
    """The one lookup of a person's place on a hiring team: their membership with its company,
    or None for guests, job seekers and employers not on a team yet."""
    if not user.is_authenticated or not user.is_employer:
        return None
    return Membership.objects.select_related("company").filter(user=user).first()


def get_employer_membership(request) -> Membership | None:
    """The signed-in employer's membership, or None when they are on no team yet; 403 for
    anyone who is not an employer."""
    if not request.user.is_authenticated or not request.user.is_employer:
        raise PermissionDenied(NOT_EMPLOYER)
    return membership_of(request.user)


def get_membership(request) -> Membership:
    """The signed-in employer's membership, with its company; 403 for anyone else.

    Guests never get here: the views are wrapped in login_required."""
    membership = get_employer_membership(request)
    if membership is None:
        raise PermissionDenied(NO_COMPANY)
    return membership


def get_company_for_member(request) -> Company:
    """The company of the signed-in employer (owner or recruiter)."""
    return get_membership(request).company


def require_owner(membership: Membership) -> None:
    """403 unless `membership` is the company's owner."""
    if not membership.is_owner:
        owner = (
            Membership.objects.filter(company_id=membership.company_id, role=Membership.Role.OWNER)
            .select_related("user")
            .first()
        )
        name = owner.user.get_full_name() if owner else "your company's owner"
        raise PermissionDenied(OWNER_ONLY.format(owner=name))


def get_owner_membership(request) -> Membership:
    """The signed-in owner's membership; 403 for a recruiter."""
    membership = get_membership(request)
    require_owner(membership)
    return membership


def get_invitation_for_owner(request, pk: int) -> Invitation:
    """An invitation of the owner's own company: 404 for another company's, 403 for a
    recruiter of this one."""
    membership = get_membership(request)
    invitation = get_object_or_404(
        Invitation.objects.select_related("company"), pk=pk, company_id=membership.company_id
    )
    require_owner(membership)
    return invitation


def get_member_for_owner(request, pk: int) -> Membership:
    """A team member of the owner's own company: 404 for another company's, 403 for a
    recruiter of this one."""
    membership = get_membership(request)
    member = get_object_or_404(
        Membership.objects.select_related("user", "company"),
        pk=pk,
        company_id=membership.company_id,
    )
    require_owner(membership)
    return member
