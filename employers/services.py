"""Writes of the employers app: companies, their profile, team, invitations and plan requests."""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.mfa import has_totp
from accounts.models import User
from accounts.staff import staff_recipients
from audit.services import changed, record
from employers.invitations import invitation_url
from employers.models import (
    INVITATION_LIFETIME,
    Company,
    CompanyLocation,
    Invitation,
    Membership,
    UpgradeRequest,
)
from employers.plans import get_plan, plans_above
from infra.refusals import Refusal
from notifications.selectors import notifications_about, notifications_about_any
from notifications.services import Recipient, notify, notify_many

MAX_PENDING_INVITATIONS = 25
# An invitation email goes to an address the owner typed: bound how often we write to it.
MAX_INVITATION_RESENDS = 3
MAX_INVITATION_EMAILS_PER_DAY = 30  # per company, first sends and resends together
INVITATION_KIND = "employers.invitation"
UPGRADE_STAFF_KIND = "employers.upgrade_request_staff"
UPGRADE_CONFIRMATION_KIND = "employers.upgrade_request_confirmation"


# Companies ----------------------------------------------------------------------------------


@transaction.atomic
def company_create(*, owner: User, name: str) -> Company:
    """Create a company with `owner` as its first team member and owner."""
    company = Company.objects.create(name=name.strip(), slug=Company.unique_slug_for(name))
    Membership.objects.create(company=company, user=owner, role=Membership.Role.OWNER)
    return company


@dataclass(frozen=True)
class Place:
    city: str
    state: str


def _same_name(a: str, b: str) -> bool:
    """Equal but for case and spacing: fixing "Lakeside health" is not a new name."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


@transaction.atomic
def company_update_profile(
    *,
    company: Company,
    name: str,
    about: str,
    website: str,
    size: str,
    facility_type: str,
    locations: list[Place],
    benefits: list[str],
    logo=None,
    remove_logo: bool = False,
) -> Company:
    """Save the company's profile. `about` must already be sanitized and `logo` processed
    (employers/logos.py). The slug stays as it was, so links to the company page keep working.

    Renaming a verified company removes its Verified badge (kept in `renamed_from` for staff):
    the badge vouches for the name staff checked, not for whatever it is renamed to."""
    old_logo_name = company.logo.name if company.logo else ""
    before = {"name": company.name, "is_verified": company.is_verified}
    name = name.strip()
    if company.is_verified and not _same_name(name, company.name):
        company.renamed_from = company.name
        company.is_verified = False
    company.name = name
    company.about = about
    company.website = website
    company.size = size
    company.facility_type = facility_type
    company.benefits = list(benefits)
    if logo is not None:
        company.logo.save(logo.name, logo, save=False)
    elif remove_logo:
        company.logo = ""
    company.save()
    changes = changed(before, {"name": company.name, "is_verified": company.is_verified})
    if changes:  # a rename (and the badge it costs); other profile edits are not audited
        record(action="company.rename", target=company, changes=changes)
    company.locations.all().delete()
    CompanyLocation.objects.bulk_create(
        CompanyLocation(company=company, city=place.city, state=place.state, position=index)
        for index, place in enumerate(locations)
    )
    new_logo_name = company.logo.name if company.logo else ""
    if old_logo_name and old_logo_name != new_logo_name:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo_name))
    return company


@transaction.atomic
def company_set_verified(*, companies, verified: bool) -> int:
    """Staff verify (or unverify) companies; returns how many changed. Verifying clears the
    name kept from a rename: staff have checked the new one."""
    # The admin's queryset may be annotated or distinct: read it, then update by id.
    changing = list(companies.exclude(is_verified=verified))
    updated = (
        Company.objects.filter(pk__in=[c.pk for c in changing])
        .exclude(is_verified=verified)
        .update(is_verified=verified, renamed_from="")
    )
    for company in changing:
        record(
            action="company.verify" if verified else "company.unverify",
            target=company,
            changes={"is_verified": [not verified, verified]},
        )
    return updated


# Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, company: Company, invited_by: User, email: str) -> Invitation:
    """Invite `email` to the hiring team as a recruiter; its email is written to the outbox in
    the same transaction."""
    email = email.strip().lower()
    Company.objects.select_for_update().filter(pk=company.pk).get()  # one invite at a time
    if company.memberships.filter(user__email__iexact=email).exists():
        raise Refusal(f"{email} is already on your hiring team.", "member")
    pending = company.invitations.pending()
    if pending.filter(email__iexact=email).exists():
        raise Refusal(
            f"{email} already has a pending invitation. Resend it from the list below if it "
            "did not arrive.",
            "pending",
        )
    if pending.count() >= MAX_PENDING_INVITATIONS:
        raise Refusal(
            f"You have {MAX_PENDING_INVITATIONS} pending invitations. Revoke some, or wait for "
            "them to be accepted, before sending more.",
            "too_many",
        )
    _require_invitation_email_room(company)
    invitation = Invitation.objects.create(
        company=company,
        email=email,
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    _queue_invitation_email(invitation, send_number=1)
    record(action="team.invite", target=company, role="owner", changes={"invited": [None, email]})
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a pending (or expired) invitation again, valid for another INVITATION_LIFETIME.

    At most MAX_INVITATION_RESENDS times per invitation, and within the company's daily
    allowance of invitation emails."""
    Company.objects.select_for_update().filter(pk=invitation.company_id).get()
    invitation = Invitation.objects.select_related("company", "invited_by").get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise Refusal(
            "This invitation was already accepted or revoked; send a new one instead.", "closed"
        )
    sends = notifications_about(invitation, kind=INVITATION_KIND).count()
    if sends > MAX_INVITATION_RESENDS:
        raise Refusal(
            f"This invitation has been sent {sends} times, the most we send one invitation. "
            f"Ask {invitation.email} to check their spam folder, or contact us if it never "
            "arrives.",
            "resend_limit",
        )
    _require_invitation_email_room(invitation.company)
    invitation.expires_at = timezone.now() + INVITATION_LIFETIME
    invitation.save(update_fields=["expires_at"])
    _queue_invitation_email(invitation, send_number=sends + 1)
    return invitation


def _require_invitation_email_room(company: Company) -> None:
    since = timezone.now() - timedelta(days=1)
    sent_today = notifications_about_any(
        Invitation, company.invitations.values("pk"), kind=INVITATION_KIND, since=since
    ).count()
    if sent_today >= MAX_INVITATION_EMAILS_PER_DAY:
        raise Refusal(
            f"{company.name} has sent {sent_today} invitation emails in the last 24 hours, the "
            "most we send in a day. Try again tomorrow, or contact us if you are bringing a "
            "large team.",
            "daily_limit",
        )


def _queue_invitation_email(invitation: Invitation, *, send_number: int) -> None:
    """The invitation's email, as an outbox row keyed per send (a resend is a new cause; a
    double click on the same resend is not)."""
    inviter = invitation.invited_by
    notify(
        to=invitation.email,
        kind=INVITATION_KIND,
        key=f"{INVITATION_KIND}:invitation:{invitation.pk}:send:{send_number}",
        template="employers/email/invitation",
        context={
            "invitation": invitation,
            "company": invitation.company,
            "inviter": inviter,
            "accept_url": invitation_url(invitation),
            "expires_on": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
        },
        about=invitation,
        reply_to=[(inviter.get_full_name(), inviter.email)] if inviter else None,
    )


def invitation_revoke(*, invitation: Invitation) -> bool:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    revoked = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not revoked:
        raise Refusal("This invitation was already accepted or revoked.", "closed")
    record(
        action="team.invitation_revoke",
        target=invitation.company,
        role="owner",
        changes={"invited": [invitation.email, None]},
    )
    return True


def invitation_refusal(invitation: Invitation, user) -> Refusal | None:
    """Why `user` (signed in, or a guest) cannot accept `invitation`, or None if they can."""
    status = invitation.status
    company = invitation.company
    own_second_click = user.is_authenticated and invitation.accepted_by_id == user.pk
    if status == Invitation.Status.ACCEPTED and own_second_click:
        return Refusal(f"You are already on {company.name}'s hiring team.", "member")
    if status == Invitation.Status.ACCEPTED:
        return Refusal(
            "This invitation has already been used. Each invitation link works once.", "used"
        )
    if status == Invitation.Status.REVOKED:
        return Refusal(
            f"This invitation was withdrawn by {company.name}. Ask their owner for a new one if "
            "you still need to join.",
            "revoked",
        )
    if status == Invitation.Status.EXPIRED:
        expired_on = date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
        return Refusal(
            f"This invitation expired on {expired_on}. Ask {company.name}'s owner to send a new "
            "one.",
            "expired",
        )
    if not user.is_authenticated:
        return None
    if user.email.lower() != invitation.email.lower():
        return Refusal(
            f"This invitation was sent to {invitation.email}, and you are signed in as "
            f"{user.email}. Sign out, then open the link again.",
            "wrong_user",
        )
    if not user.is_employer:
        return Refusal(
            f"{user.email} is a job seeker account, and a hiring team needs an employer account. "
            f"Ask {company.name}'s owner to invite another email address, or contact us.",
            "candidate",
        )
    membership = Membership.objects.filter(user=user).select_related("company").first()
    if membership and membership.company_id == company.pk:
        return Refusal(f"You are already on {company.name}'s hiring team.", "member")
    if membership:
        return Refusal(
            f"Your account is on the hiring team of {membership.company.name}, and an employer "
            "account belongs to one company. Ask to be invited with another email address, or "
            "contact us.",
            "other_company",
        )
    return None


@transaction.atomic
def invitation_accept(*, invitation_id: int, user: User) -> Membership:
    """Join the company's hiring team as a recruiter. Single-use: the invitation is claimed with
    a conditional UPDATE, so two clicks (or two people) cannot both use it."""
    User.objects.select_for_update().filter(pk=user.pk).get()  # serialises joins per user
    invitation = Invitation.objects.select_related("company").get(pk=invitation_id)
    refusal = invitation_refusal(invitation, user)
    if refusal:
        raise refusal
    claimed = (
        Invitation.objects.pending()
        .filter(pk=invitation_id)
        .update(accepted_at=timezone.now(), accepted_by=user)
    )
    if not claimed:
        raise Refusal("This invitation has already been used.", "used")
    membership = Membership.objects.create(
        company=invitation.company, user=user, role=Membership.Role.RECRUITER
    )
    record(
        action="team.join",
        target=invitation.company,
        actor=user,
        changes={"member": [None, user.email], "invitation": [None, invitation.pk]},
    )
    return membership


def invitation_email_has_account(invitation: Invitation) -> bool:
    """Does the invited address belong to an account? Only an account's own email or an address
    it has verified counts: anyone can add any address to their account unverified, which must
    not lock the invitee out of signing up ("sign in instead") nor point them at that account."""
    return (
        User.objects.filter(email__iexact=invitation.email).exists()
        or EmailAddress.objects.filter(email__iexact=invitation.email, verified=True).exists()
    )


@transaction.atomic
def invitation_accept_with_signup(*, invitation_id: int, full_name: str, password: str) -> User:
    """Create an employer account for the invited address and join the team in one step.

    Opening the emailed link proves the address, so it is stored as verified."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    refusal = invitation_refusal(invitation, AnonymousUser())
    if refusal:
        raise refusal
    if invitation_email_has_account(invitation):
        raise Refusal(
            f"An account already uses {invitation.email}. Sign in to accept the invitation.",
            "has_account",
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name, role=User.Role.EMPLOYER
    )
    # The invitee proved the address: others' unverified claims to it are void.
    EmailAddress.objects.filter(email__iexact=user.email, verified=False).delete()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(invitation_id=invitation_id, user=user)
    return user


# Team ---------------------------------------------------------------------------------------


def membership_remove(*, membership: Membership) -> None:
    """Take a recruiter off the hiring team. Their account stays; the jobs stay with the company."""
    if membership.is_owner:
        raise Refusal(
            "The owner cannot be removed. Transfer ownership to a recruiter first.", "owner"
        )
    with transaction.atomic():
        deleted, _ = Membership.objects.filter(
            pk=membership.pk, role=Membership.Role.RECRUITER
        ).delete()
        if not deleted:
            raise Refusal("This person is no longer on the team.", "gone")
        record(
            action="team.remove",
            target=membership.company,
            role="owner",
            changes={"member": [membership.user.email, None]},
        )


@transaction.atomic
def ownership_transfer(*, company: Company, by: User, to_membership_id: int) -> Membership:
    """Make a recruiter the owner; the current owner becomes a recruiter. One owner remains."""
    team = {m.pk: m for m in Membership.objects.select_for_update().filter(company=company)}
    current = next((m for m in team.values() if m.is_owner), None)
    if current is None or current.user_id != by.pk:
        raise Refusal("Only the company's owner can transfer ownership.", "not_owner")
    target = team.get(to_membership_id)
    if target is None:
        raise Refusal("Choose a recruiter on your team.", "not_member")
    if target.pk == current.pk:
        raise Refusal("You are already the owner.", "self")
    # Demote first: the one-owner constraint is checked after each statement.
    Membership.objects.filter(pk=current.pk).update(role=Membership.Role.RECRUITER)
    Membership.objects.filter(pk=target.pk).update(role=Membership.Role.OWNER)
    target.role = Membership.Role.OWNER
    record(
        action="team.ownership_transfer",
        target=company,
        role="owner",
        changes={
            f"role of {current.user.email}": ["owner", "recruiter"],
            f"role of {target.user.email}": ["recruiter", "owner"],
        },
    )
    return target


# Plans --------------------------------------------------------------------------------------


@transaction.atomic
def upgrade_request_submit(
    *, company: Company, requested_by: User, plan: str, message: str = ""
) -> UpgradeRequest:
    """Record an owner's request for a bigger plan, with the staff inbox's email about it and
    the owner's confirmation in the outbox. Nothing is charged: staff follow up and invoice."""
    Company.objects.select_for_update().filter(pk=company.pk).get()
    if plan not in {p.key for p in plans_above(company.plan)}:
        current = get_plan(company.plan)
        raise Refusal(
            f"{company.name} is on the {current.name} plan. Choose a bigger plan to upgrade to.",
            "not_an_upgrade",
        )
    waiting = company.upgrade_requests.open().first()
    if waiting:
        asked_on = date_format(timezone.localtime(waiting.created_at), "DATE_FORMAT")
        raise Refusal(
            f"You asked for the {waiting.get_plan_display()} plan on {asked_on}, and our team "
            "will contact you about it. To change that request, reply to our email or contact us.",
            "already_requested",
        )
    request = UpgradeRequest.objects.create(
        company=company,
        requested_by=requested_by,
        requester_name=requested_by.get_full_name(),
        requester_email=requested_by.email,
        current_plan=company.plan,
        plan=plan,
        message=message.strip(),
    )
    record(
        action="plan.upgrade_request",
        target=company,
        role="owner",
        changes={"requested plan": [company.plan, plan]},
    )
    upgrade_request_notify(upgrade=request)
    return request


def upgrade_request_notify(*, upgrade: UpgradeRequest) -> int:
    """Queue the staff inbox's email about an upgrade request and the requester's confirmation,
    once each per request. Returns how many outbox rows were written."""
    company = upgrade.company
    site = settings.SITE_URL
    written = notify_many(
        to=staff_recipients(),
        kind=UPGRADE_STAFF_KIND,
        key=f"{UPGRADE_STAFF_KIND}:upgraderequest:{upgrade.pk}",
        template="employers/email/upgrade_request_staff",
        context={
            "upgrade": upgrade,
            "company": company,
            "admin_url": f"{site}/admin/employers/upgraderequest/{upgrade.pk}/change/",
        },
        about=upgrade,
        reply_to=[(upgrade.requester_name, upgrade.requester_email)],
    )
    written += notify(
        to=Recipient(email=upgrade.requester_email, user_id=upgrade.requested_by_id),
        kind=UPGRADE_CONFIRMATION_KIND,
        key=f"{UPGRADE_CONFIRMATION_KIND}:upgraderequest:{upgrade.pk}",
        template="employers/email/upgrade_request_confirmation",
        context={
            "upgrade": upgrade,
            "company": company,
            "plan": upgrade.plan_details,
            "plans_url": site + reverse("pricing:index"),
        },
        about=upgrade,
    )
    return written


@transaction.atomic
def upgrade_request_apply(*, upgrade_request: UpgradeRequest, staff_user: User) -> Company:
    """Staff: put the company on the requested plan and close the request."""
    company = Company.objects.select_for_update().get(pk=upgrade_request.company_id)
    before = company.plan
    company.plan = upgrade_request.plan
    company.save(update_fields=["plan", "updated_at"])
    record(
        action="plan.change",
        target=company,
        actor=staff_user,
        changes={"plan": [before, company.plan], "upgrade request": [None, upgrade_request.pk]},
    )
    upgrade_request_close(upgrade_request=upgrade_request, staff_user=staff_user)
    return company


def upgrade_request_close(*, upgrade_request: UpgradeRequest, staff_user: User) -> bool:
    """Staff: mark a request handled (for example after a call, or when it was declined)."""
    return bool(
        UpgradeRequest.objects.filter(pk=upgrade_request.pk, handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=staff_user
        )
    )


def company_set_require_mfa(*, company: Company, by: User, required: bool) -> bool:
    """The owner requires (or stops requiring) two-factor authentication of the whole team.
    Refused while the owner has no authenticator app: they would lock themselves out first.
    Returns whether anything changed."""
    if required and not has_totp(by):
        raise Refusal(
            "Set up two-factor authentication for your own account first, then require it of "
            "your team.",
            "owner_without_mfa",
            link=reverse("mfa_activate_totp"),
            link_text="Set up an authenticator app",
        )
    with transaction.atomic():
        changed_rows = (
            Company.objects.filter(pk=company.pk)
            .exclude(require_mfa=required)
            .update(require_mfa=required, updated_at=timezone.now())
        )
        if changed_rows:
            record(
                action="company.require_mfa",
                target=company,
                role="owner",
                changes={"require_mfa": [not required, required]},
            )
    company.require_mfa = required
    return bool(changed_rows)


def membership_set_application_emails(*, membership: Membership, choice: str) -> None:
    """How this member hears of new applications (Membership.ApplicationEmails)."""
    Membership.objects.filter(pk=membership.pk).update(application_emails=choice)
    membership.application_emails = choice
