"""Sessions: a new key on sign-in (no session fixation), and a password change ends the user's
other sessions while the one that changed it stays signed in."""

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

LOGIN = "/accounts/login/"
PASSWORD_CHANGE = "/accounts/password/change/"
NEW_PASSWORD = "a-brand-new-passphrase-77"


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def is_signed_in(client):
    # A page that needs sign-in: 200 when the session is still good, a redirect to sign-in if not.
    return client.get(PASSWORD_CHANGE).status_code == 200


def test_signing_in_through_the_form_gives_a_new_session_key(client, candidate):
    client.get(LOGIN)  # an anonymous session exists before sign-in
    session = client.session
    session["before_sign_in"] = True
    session.save()
    key_before = session.session_key

    response = sign_in(client, candidate.email)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(candidate.pk)
    assert client.session.session_key != key_before
    assert client.cookies["sessionid"].value != key_before


def test_a_failed_sign_in_does_not_sign_the_session_in(client, candidate):
    response = sign_in(client, candidate.email, password="not-it")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_change_ends_the_users_other_sessions(client, candidate):
    laptop, phone = client, Client()
    assert sign_in(laptop, candidate.email).status_code == 302
    assert sign_in(phone, candidate.email).status_code == 302
    assert is_signed_in(phone)

    response = laptop.post(
        PASSWORD_CHANGE,
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    # The session that changed the password stays signed in (update_session_auth_hash) ...
    assert is_signed_in(laptop)
    # ... every other one is no longer valid, because the password hash in it no longer matches.
    response = phone.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in phone.session


def test_other_users_sessions_survive_a_password_change(client, candidate, outsider):
    other = Client()
    assert sign_in(other, outsider.email).status_code == 302
    client.force_login(candidate)

    client.post(
        PASSWORD_CHANGE,
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert is_signed_in(other)


def test_the_old_password_no_longer_signs_in_after_a_change(client, candidate):
    client.force_login(candidate)
    client.post(
        PASSWORD_CHANGE,
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    other = Client()
    assert sign_in(other, candidate.email).status_code == 200
    assert "_auth_user_id" not in other.session
    assert sign_in(other, candidate.email, NEW_PASSWORD).status_code == 302
