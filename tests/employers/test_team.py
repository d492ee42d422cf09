"""The hiring team: invitations (signed, expiring, single-use), removal, ownership transfer."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from employers.invitations import SALT, invitation_id_from_token, invitation_token
from employers.models import Invitation, Membership
from employers.services import (
    MAX_INVITATION_EMAILS_PER_DAY,
    MAX_INVITATION_RESENDS,
    invitation_create,
    invitation_resend,
)
from infra.refusals import Refusal
from notifications.delivery import deliver_due
from notifications.models import Notification
from notifications.tasks import deliver_due as deliver_due_task
from tests.factories import (
    TEST_PASSWORD,
    CompanyFactory,
    EmployerUserFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Night-shift-ICU-2026"


def invite(client, email, capture):
    with capture(execute=True):
        return client.post("/dashboard/team/invite/", {"email": email})


def accept_path(invitation) -> str:
    return f"/dashboard/team/join/{invitation_token(invitation)}/"


def emailed_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/dashboard/team/join/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def invitation(company, employer_owner):
    return Invitation.objects.create(
        company=company,
        email="newhire@example.com",
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )


# The team page -----------------------------------------------------------------------------


def test_owner_sees_team_invite_form_and_transfer(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    html = client.get("/dashboard/team/").content.decode()

    assert "Olive Owner" in html and "Rey Recruiter" in html
    assert "Invite a recruiter" in html
    assert "Transfer ownership" in html
    assert 'action="/dashboard/team/members/' in html


def test_recruiter_sees_the_team_read_only(client, employer_owner, employer_recruiter):
    client.force_login(employer_recruiter)

    html = client.get("/dashboard/team/").content.decode()

    assert "Olive Owner" in html
    assert "Invite a recruiter" not in html
    assert "/team/members/" not in html
    assert "Only the owner can invite or remove team members" in html


def test_team_page_shows_only_this_companys_members(client, employer_owner, other_employer):
    client.force_login(employer_owner)

    html = client.get("/dashboard/team/").content.decode()

    assert "owner@summit.example" not in html


# Inviting ----------------------------------------------------------------------------------


def test_owner_invites_a_recruiter_by_email(
    client, employer_owner, company, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer_owner)

    response = invite(client, "New.Hire@Example.com", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.hire@example.com"
    assert invitation.company == company and invitation.invited_by == employer_owner
    assert Notification.objects.get().status == Notification.Status.SENT
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    [message] = mailoutbox
    assert message.to == ["new.hire@example.com"]
    assert message.subject == "Olive Owner invited you to join Lakeside Health on healthcareers"
    assert message.reply_to == ["Olive Owner <owner@lakeside.example>"]
    # The signed token carries a timestamp, so compare what it says, not its text.
    token = emailed_path(message).removeprefix("/dashboard/team/join/").rstrip("/")
    assert invitation_id_from_token(token) == invitation.pk
    html, mime = message.alternatives[0]
    assert mime == "text/html" and "Accept the invitation" in html
    assert "invited new.hire@example.com to their hiring team" in message.body  # the footer


def test_recruiter_cannot_invite(client, employer_recruiter, mailoutbox):
    client.force_login(employer_recruiter)

    response = client.post("/dashboard/team/invite/", {"email": "x@example.com"})

    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not mailoutbox


def test_invite_refuses_get(client, employer_owner):
    client.force_login(employer_owner)

    assert client.get("/dashboard/team/invite/").status_code == 405


def test_invite_refuses_a_bad_email_next_to_the_field(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post("/dashboard/team/invite/", {"email": "not-an-email"})

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email_error"' in html
    assert 'value="not-an-email"' in html


def test_invite_refuses_someone_already_on_the_team(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = client.post("/dashboard/team/invite/", {"email": "RECRUITER@lakeside.example"})

    assert response.status_code == 400
    assert "recruiter@lakeside.example is already on your hiring team." in (
        response.content.decode()
    )


def test_invite_refuses_a_second_pending_invitation(client, employer_owner, invitation):
    client.force_login(employer_owner)

    response = client.post("/dashboard/team/invite/", {"email": "newhire@example.com"})

    assert response.status_code == 400
    assert "already has a pending invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_expired_invitation_does_not_block_a_new_one(client, employer_owner, invitation):
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    client.force_login(employer_owner)

    response = client.post("/dashboard/team/invite/", {"email": "newhire@example.com"})

    assert response.status_code == 302
    assert Invitation.objects.count() == 2


def test_an_invitation_is_one_outbox_row_and_one_email_however_often_delivery_runs(
    company, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            company=company, invited_by=employer_owner, email="newhire@example.com"
        )
    deliver_due_task.delay()
    deliver_due()

    row = Notification.objects.get()
    assert row.key == f"employers.invitation:invitation:{invitation.pk}:send:1"
    assert row.about == invitation
    assert len(mailoutbox) == 1


def test_an_invitation_written_while_the_broker_was_down_goes_out_on_the_next_run(
    client, employer_owner, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(deliver_due_task, "delay", broker_down)
    client.force_login(employer_owner)

    assert (
        invite(client, "newhire@example.com", django_capture_on_commit_callbacks).status_code == 302
    )
    assert not mailoutbox

    monkeypatch.undo()
    deliver_due_task.delay()  # beat runs it every minute
    assert [m.to for m in mailoutbox] == [["newhire@example.com"]]


def test_a_failed_send_stays_in_the_outbox_and_is_retried(
    company, employer_owner, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_contact.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(company=company, invited_by=employer_owner, email="newhire@example.com")

    row = Notification.objects.get()
    assert (row.status, row.attempts) == (Notification.Status.PENDING, 1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        deliver_due()
    assert len(mailoutbox) == 1


# Revoking and resending --------------------------------------------------------------------


def test_owner_revokes_a_pending_invitation(client, employer_owner, invitation):
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/team/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(accept_path(invitation)).status_code == 410


def test_revoke_refuses_get(client, employer_owner, invitation):
    client.force_login(employer_owner)

    assert client.get(f"/dashboard/team/invitations/{invitation.pk}/revoke/").status_code == 405


def test_recruiter_cannot_revoke(client, employer_recruiter, invitation):
    client.force_login(employer_recruiter)

    response = client.post(f"/dashboard/team/invitations/{invitation.pk}/revoke/")

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("action", ["revoke", "resend"])
def test_other_companys_owner_gets_404_on_invitations(client, other_employer, invitation, action):
    client.force_login(other_employer)

    response = client.post(f"/dashboard/team/invitations/{invitation.pk}/{action}/")

    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert not Notification.objects.exists()


def test_owner_resends_an_expired_invitation_with_a_new_deadline(
    client, employer_owner, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save()
    client.force_login(employer_owner)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/dashboard/team/invitations/{invitation.pk}/resend/")

    invitation.refresh_from_db()
    assert invitation.is_pending
    assert len(mailoutbox) == 1


def test_a_revoked_invitation_cannot_be_resent(client, employer_owner, invitation, mailoutbox):
    invitation.revoked_at = timezone.now()
    invitation.save()
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/team/invitations/{invitation.pk}/resend/", follow=True)

    assert "already accepted or revoked" in response.content.decode()
    assert not mailoutbox


def test_an_invitation_is_resent_at_most_three_times(
    client, employer_owner, mailoutbox, django_capture_on_commit_callbacks
):
    assert MAX_INVITATION_RESENDS == 3
    client.force_login(employer_owner)
    invite(client, "newhire@example.com", django_capture_on_commit_callbacks)
    resend = f"/dashboard/team/invitations/{Invitation.objects.get().pk}/resend/"

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.post(resend, follow=True)
        assert "Invitation sent again" in response.content.decode()
        refused = client.post(resend, follow=True)

    assert len(mailoutbox) == 4  # the invitation and three resends
    html = refused.content.decode()
    assert "This invitation has been sent 4 times, the most we send one invitation." in html


def test_resend_refusal_names_its_reason(company, employer_owner):
    with time_machine.travel(timezone.now()):
        invitation = invitation_create(
            company=company, invited_by=employer_owner, email="newhire@example.com"
        )
        for _ in range(MAX_INVITATION_RESENDS):
            invitation_resend(invitation=invitation)

        with pytest.raises(Refusal) as refused:
            invitation_resend(invitation=invitation)

    assert refused.value.code == "resend_limit"
    assert Notification.objects.filter(kind="employers.invitation").count() == 4


def test_a_company_sends_a_bounded_number_of_invitation_emails_a_day(company, employer_owner):
    for n in range(MAX_INVITATION_EMAILS_PER_DAY):
        invitation = invitation_create(
            company=company, invited_by=employer_owner, email=f"hire{n}@example.com"
        )
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())

    with pytest.raises(Refusal) as refused:
        invitation_create(company=company, invited_by=employer_owner, email="one-more@example.com")
    assert refused.value.code == "daily_limit"
    assert "Try again tomorrow" in refused.value.message
    assert not Invitation.objects.filter(email="one-more@example.com").exists()

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        invitation_create(company=company, invited_by=employer_owner, email="one-more@example.com")


# Accepting ---------------------------------------------------------------------------------


def test_guest_with_no_account_creates_one_and_joins(client, invitation, company):
    page = client.get(accept_path(invitation))
    assert page.status_code == 200
    assert "Create your employer account" in page.content.decode()

    response = client.post(
        accept_path(invitation),
        {"full_name": "Nia Newhire", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    user = User.objects.get(email="newhire@example.com")
    assert user.role == User.Role.EMPLOYER and user.full_name == "Nia Newhire"
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.get(user=user).verified
    assert user.membership.company == company
    assert user.membership.role == Membership.Role.RECRUITER
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at
    assert client.get("/dashboard/").wsgi_request.user == user  # signed in


def test_signup_on_the_invitation_checks_the_password(client, invitation):
    response = client.post(
        accept_path(invitation),
        {"full_name": "Nia Newhire", "password1": "short", "password2": "short"},
    )

    assert response.status_code == 400
    assert 'id="id_password1_error"' in response.content.decode()
    assert not User.objects.filter(email="newhire@example.com").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_guest_whose_email_has_an_account_is_asked_to_sign_in(client, invitation, lone_employer):
    path = accept_path(invitation)  # once: the signed token carries a timestamp
    html = client.get(path).content.decode()

    assert "Sign in to accept" in html
    assert "Create your employer account" not in html
    assert f"/accounts/login/?next={path.replace(':', '%3A')}" in html


def test_signup_post_for_an_existing_account_creates_nothing(client, invitation, lone_employer):
    client.post(
        accept_path(invitation),
        {"full_name": "Someone", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert User.objects.filter(email="newhire@example.com").count() == 1
    assert not Membership.objects.filter(user=lone_employer).exists()


def test_signed_in_employer_without_a_company_joins(client, invitation, lone_employer, company):
    client.force_login(lone_employer)
    assert "Join Lakeside Health" in client.get(accept_path(invitation)).content.decode()

    response = client.post(accept_path(invitation))

    assert response.status_code == 302
    lone_employer.refresh_from_db()
    assert lone_employer.membership.company == company
    assert lone_employer.membership.role == Membership.Role.RECRUITER


def test_an_invitation_works_only_once(client, invitation, lone_employer):
    client.force_login(lone_employer)
    client.post(accept_path(invitation))
    client.logout()

    response = client.get(accept_path(invitation))

    assert response.status_code == 410
    assert "This invitation was already used" in response.content.decode()


def test_a_second_accept_post_is_refused(client, invitation, lone_employer):
    client.force_login(lone_employer)
    client.post(accept_path(invitation))

    response = client.post(accept_path(invitation))

    # Already on the team: sent to the dashboard, nothing created twice.
    assert response.status_code == 302
    assert Membership.objects.filter(user=lone_employer).count() == 1


def test_an_expired_invitation_is_refused(client, invitation, lone_employer):
    client.force_login(lone_employer)

    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client.post(accept_path(invitation))

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert not Membership.objects.filter(user=lone_employer).exists()


def test_an_expired_invitation_cannot_be_used_to_sign_up(client, invitation):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(
            accept_path(invitation),
            {"full_name": "Nia Newhire", "password1": PASSWORD, "password2": PASSWORD},
        )

    assert response.status_code == 410
    assert not User.objects.filter(email="newhire@example.com").exists()


def test_a_tampered_link_is_a_404(client, invitation):
    token = invitation_token(invitation)

    response = client.get(f"/dashboard/team/join/{token[:-2]}xx/")

    assert response.status_code == 404
    assert "We don't recognise this invitation link" in response.content.decode()


def test_a_link_signed_with_another_key_is_a_404(client, invitation):
    forged = signing.dumps({"invitation": invitation.pk}, key="not-our-secret", salt=SALT)

    assert client.get(f"/dashboard/team/join/{forged}/").status_code == 404


def test_a_candidate_account_is_refused(client, company, employer_owner, candidate):
    invitation = Invitation.objects.create(
        company=company,
        email=candidate.email,
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(candidate)

    response = client.post(accept_path(invitation))

    assert response.status_code == 403
    assert "is a job seeker account" in response.content.decode()
    assert not Membership.objects.filter(user=candidate).exists()


def test_a_user_of_another_company_is_refused(client, company, employer_owner, other_employer):
    invitation = Invitation.objects.create(
        company=company,
        email=other_employer.email,
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(other_employer)

    response = client.post(accept_path(invitation))

    assert response.status_code == 403
    assert "on the hiring team of Summit Clinics" in response.content.decode()
    other_employer.membership.refresh_from_db()
    assert other_employer.membership.company.slug == "summit-clinics"


def test_someone_signed_in_with_another_email_is_refused(client, invitation, outsider):
    client.force_login(outsider)

    response = client.get(accept_path(invitation))

    assert response.status_code == 403
    html = response.content.decode()
    assert "This invitation was sent to newhire@example.com" in html
    assert "Sign out" in html


def test_already_a_member_goes_to_the_dashboard(
    client, company, employer_owner, employer_recruiter
):
    invitation = Invitation.objects.create(
        company=company,
        email=employer_recruiter.email,
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(employer_recruiter)

    response = client.get(accept_path(invitation))

    assert response.status_code == 302 and response["Location"] == "/dashboard/"


# Removing ----------------------------------------------------------------------------------


def test_owner_removes_a_recruiter(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = client.post(f"/dashboard/team/members/{employer_recruiter.membership.pk}/remove/")

    assert response.status_code == 302
    assert not Membership.objects.filter(user=employer_recruiter).exists()
    assert User.objects.filter(pk=employer_recruiter.pk).exists()  # the account stays


def test_removed_recruiter_loses_access(client, employer_owner, employer_recruiter):
    pk = employer_recruiter.membership.pk
    client.force_login(employer_owner)
    client.post(f"/dashboard/team/members/{pk}/remove/")

    client.force_login(User.objects.get(pk=employer_recruiter.pk))

    assert client.get("/dashboard/team/").status_code == 403


def test_remove_refuses_get(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = client.get(f"/dashboard/team/members/{employer_recruiter.membership.pk}/remove/")

    assert response.status_code == 405


def test_recruiter_cannot_remove_anyone(client, employer_owner, employer_recruiter):
    client.force_login(employer_recruiter)

    response = client.post(f"/dashboard/team/members/{employer_owner.membership.pk}/remove/")

    assert response.status_code == 403
    assert Membership.objects.filter(user=employer_owner).exists()


def test_other_companys_owner_gets_404_removing_our_recruiter(
    client, other_employer, employer_recruiter
):
    client.force_login(other_employer)

    response = client.post(f"/dashboard/team/members/{employer_recruiter.membership.pk}/remove/")

    assert response.status_code == 404
    assert Membership.objects.filter(user=employer_recruiter).exists()


def test_owner_cannot_remove_themselves(client, employer_owner):
    client.force_login(employer_owner)

    response = client.post(
        f"/dashboard/team/members/{employer_owner.membership.pk}/remove/", follow=True
    )

    assert "The owner cannot be removed" in response.content.decode()
    assert Membership.objects.filter(user=employer_owner).exists()


# Transferring ownership --------------------------------------------------------------------


def transfer(client, member, confirm=True):
    data = {"member": member.pk}
    if confirm:
        data["confirm"] = "on"
    return client.post("/dashboard/team/transfer/", data)


def test_owner_transfers_ownership_to_a_recruiter(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = transfer(client, employer_recruiter.membership)

    assert response.status_code == 302
    employer_owner.membership.refresh_from_db()
    employer_recruiter.membership.refresh_from_db()
    assert employer_recruiter.membership.role == Membership.Role.OWNER
    assert employer_owner.membership.role == Membership.Role.RECRUITER
    assert Membership.objects.filter(company__slug="lakeside-health", role="owner").count() == 1


def test_the_former_owner_is_now_refused_owner_actions(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)
    transfer(client, employer_recruiter.membership)

    response = client.post("/dashboard/team/invite/", {"email": "x@example.com"})

    assert response.status_code == 403


def test_transfer_needs_the_confirmation_box(client, employer_owner, employer_recruiter):
    client.force_login(employer_owner)

    response = transfer(client, employer_recruiter.membership, confirm=False)

    assert response.status_code == 400
    assert "Tick the box to confirm the transfer." in response.content.decode()
    employer_owner.membership.refresh_from_db()
    assert employer_owner.membership.is_owner


def test_recruiter_cannot_transfer_ownership(client, employer_owner, employer_recruiter):
    client.force_login(employer_recruiter)

    response = transfer(client, employer_recruiter.membership)

    assert response.status_code == 403
    employer_owner.membership.refresh_from_db()
    assert employer_owner.membership.is_owner


def test_ownership_cannot_go_to_another_companys_member(client, employer_owner, other_employer):
    client.force_login(employer_owner)

    response = transfer(client, other_employer.membership)

    assert response.status_code == 400
    assert "Choose a recruiter on your team." in response.content.decode()
    other_employer.membership.refresh_from_db()
    employer_owner.membership.refresh_from_db()
    assert employer_owner.membership.is_owner
    assert other_employer.membership.company.slug == "summit-clinics"


def test_transfer_refuses_get(client, employer_owner):
    client.force_login(employer_owner)

    assert client.get("/dashboard/team/transfer/").status_code == 405


def test_database_allows_one_owner_per_company(company, employer_owner):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(company=company, role=Membership.Role.OWNER)


def test_two_companies_each_have_their_owner(company, employer_owner):
    MembershipFactory(
        company=CompanyFactory(), role=Membership.Role.OWNER, user=EmployerUserFactory()
    )

    assert Membership.objects.filter(role="owner").count() == 2


def test_signing_in_from_the_invitation_comes_back_to_it(client, invitation, lone_employer):
    path = accept_path(invitation)

    response = client.post(
        f"/accounts/login/?next={path}",
        {"login": lone_employer.email, "password": TEST_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == path
    assert "Join Lakeside Health" in client.get(path).content.decode()
