"""Two-factor authentication (allauth.mfa): every user may turn on an authenticator app (TOTP),
which also gives them recovery codes; signing in then asks for a code."""

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

LOGIN = "/accounts/login/"
ACTIVATE = "/accounts/2fa/totp/activate/"


def sign_in(client, email):
    return client.post(LOGIN, {"login": email, "password": TEST_PASSWORD})


@pytest.fixture(autouse=True)
def _still_clock():
    # A code is good for one 30-second period: keep the test inside one.
    with time_machine.travel("2026-03-02 09:00:05Z", tick=False):
        yield


def current_code(secret):
    counters = list(yield_hotp_counters_from_time())  # the current period is the middle one
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def start_totp_setup(client):
    response = client.get(ACTIVATE)
    # Turning it on asks for the password again first.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert client.get(ACTIVATE).status_code == 200
    return client.session[SECRET_SESSION_KEY]


def test_account_settings_page_links_to_two_factor_authentication(client, candidate):
    client.force_login(candidate)

    response = client.get(reverse("accounts:settings"))

    assert response.status_code == 200
    assert 'href="/accounts/2fa/"' in response.content.decode()
    assert client.get("/accounts/2fa/").status_code == 200


@pytest.mark.parametrize("role", ["candidate", "employer_owner"])
def test_a_user_turns_on_totp_and_gets_recovery_codes(client, request, role):
    user = request.getfixturevalue(role)
    assert sign_in(client, user.email).status_code == 302
    secret = start_totp_setup(client)

    response = client.post(ACTIVATE, {"code": current_code(secret)})

    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/accounts/2fa/recovery-codes/").status_code == 200


def test_a_wrong_code_does_not_turn_on_totp(client, candidate):
    assert sign_in(client, candidate.email).status_code == 302
    start_totp_setup(client)

    response = client.post(ACTIVATE, {"code": "000000"})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Authenticator.objects.filter(user=candidate).exists()


def test_with_totp_on_signing_in_asks_for_a_code(client, candidate):
    assert sign_in(client, candidate.email).status_code == 302
    secret = start_totp_setup(client)
    assert client.post(ACTIVATE, {"code": current_code(secret)}).status_code == 302

    laptop = Client()
    response = sign_in(laptop, candidate.email)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in laptop.session
    response = laptop.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert laptop.session["_auth_user_id"] == str(candidate.pk)
