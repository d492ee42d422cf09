"""Invitations to apply: a company with Find Candidates invites a visible candidate to one of
its live jobs, counted against the plan's monthly contacts and emailed through the outbox; the
candidate accepts (which reveals their name to that company) or declines."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from candidates import finder
from candidates.models import CandidateInvitation
from employers.models import Company
from infra.refusals import Refusal
from jobs.models import Job
from notifications.services import Recipient, notify

INVITATION_KIND = "candidates.invitation"


def invitation_send(
    *, company, invited_by, profile, job_id, message: str = ""
) -> CandidateInvitation:
    """Invite the owner of `profile` (one `company` may see) to one of its live jobs. Refused
    when the month's contacts are used or the candidate was already invited to that job."""
    with transaction.atomic():
        # One invitation at a time per company: the monthly count cannot be overtaken by a
        # concurrent invitation.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        job = Job.objects.published().filter(company=company, pk=job_id).first()
        if job is None:
            raise Refusal("Choose one of your company's live jobs.", "job_not_live")
        allowance = finder.contact_allowance(company)
        if not allowance:
            raise Refusal(
                allowance.message,
                "contacts_used",
                link=allowance.upgrade_url,
                link_text="Compare plans",
            )
        candidate = profile.user
        try:
            with transaction.atomic():
                invitation = CandidateInvitation.objects.create(
                    company=company,
                    candidate=candidate,
                    job=job,
                    invited_by=invited_by,
                    message=message.strip()[:2000],
                )
        except IntegrityError:
            raise Refusal(
                "This candidate has already been invited to that job.", "already_invited"
            ) from None
        notify(
            to=Recipient(email=candidate.email, user_id=candidate.pk),
            kind=INVITATION_KIND,
            key=f"{INVITATION_KIND}:{invitation.pk}",
            template="candidates/email/invitation",
            context={
                "invitation": invitation,
                "job": job,
                "company": company,
                "user": candidate,
                "job_url": settings.SITE_URL + job.get_absolute_url(),
                "me_url": settings.SITE_URL + reverse("candidates:home"),
            },
            about=invitation,
        )
    return invitation


def pending_invitations_of(user) -> list[CandidateInvitation]:
    return list(
        CandidateInvitation.objects.filter(
            candidate=user, accepted_at__isnull=True, declined_at__isnull=True
        ).select_related("job__company", "company")
    )


@transaction.atomic
def invitation_accept(*, invitation: CandidateInvitation) -> CandidateInvitation:
    """Accept: the company may now see the candidate's name and email."""
    if invitation.declined_at is None and invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return invitation


@transaction.atomic
def invitation_decline(*, invitation: CandidateInvitation) -> CandidateInvitation:
    if invitation.accepted_at is None and invitation.declined_at is None:
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])
    return invitation
