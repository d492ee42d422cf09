"""Anyone can add any address to their account unverified: that must not count as the invitee
"having an account" on the invitation page."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from employers.invitations import invitation_token
from employers.models import Invitation
from employers.services import invitation_email_has_account
from tests.employers.test_team import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INVITEE = "newhire@example.com"


@pytest.fixture
def invitation(company, employer_owner):
    return Invitation.objects.create(
        company=company,
        email=INVITEE,
        invited_by=employer_owner,
        expires_at=timezone.now() + timedelta(days=7),
    )


@pytest.fixture
def squatter(db):
    """Someone else who added the invitee's address to their account without verifying it."""
    user = UserFactory(email="squatter@example.com")
    EmailAddress.objects.create(user=user, email=INVITEE.upper(), verified=False, primary=False)
    return user


def accept_path(invitation) -> str:
    return f"/dashboard/team/join/{invitation_token(invitation)}/"


def test_an_unverified_address_on_someone_elses_account_is_not_an_account(invitation, squatter):
    assert not invitation_email_has_account(invitation)


def test_a_verified_address_or_an_accounts_own_email_is_an_account(invitation):
    other = UserFactory(email="other@example.com")
    EmailAddress.objects.create(user=other, email=INVITEE, verified=True, primary=False)
    assert invitation_email_has_account(invitation)

    EmailAddress.objects.filter(email=INVITEE).delete()
    UserFactory(email=INVITEE, verified_email=False)
    assert invitation_email_has_account(invitation)


def test_invitee_signs_up_despite_the_squatters_unverified_address(
    client, invitation, squatter, company
):
    page = client.get(accept_path(invitation)).content.decode()
    assert "Create your employer account" in page
    assert "An account already uses" not in page

    response = client.post(
        accept_path(invitation),
        {"full_name": "Nia Newhire", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    user = User.objects.get(email=INVITEE)
    assert user.membership.company == company
    # The squatter's unverified claim is gone; the invitee's verified address remains.
    claims = EmailAddress.objects.filter(email__iexact=INVITEE)
    assert list(claims.values_list("user", "verified")) == [(user.pk, True)]
