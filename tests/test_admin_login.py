"""Admin sign-in goes through the site's sign-in form, so its failed-attempt limits cover staff."""

import pytest

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
LOGIN = "/accounts/login/"
TOO_MANY_ATTEMPTS = "Too many failed login attempts. Try again later."


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_admin_login_leads_to_the_site_sign_in_and_back_to_admin(client):
    response = client.get(ADMIN_LOGIN, {"next": "/admin/articles/"})

    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=%2Fadmin%2Farticles%2F"


def test_admin_login_never_redirects_off_site(client):
    response = client.get(ADMIN_LOGIN, {"next": "https://evil.example/"})

    assert response["Location"] == LOGIN + "?next=%2Fadmin%2F"


def test_admin_login_form_no_longer_signs_anyone_in(client, staff_editor):
    # What the review did: 15 wrong passwords, then the right one, on admin's own form.
    for _ in range(15):
        client.post(ADMIN_LOGIN, {"username": staff_editor.email, "password": "wrong"})
    response = client.post(ADMIN_LOGIN, {"username": staff_editor.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert signed_in_user_id(client) is None


def test_staff_sign_in_is_refused_after_repeated_wrong_passwords(client, staff_editor):
    for _ in range(15):
        client.post(LOGIN + "?next=/admin/", {"login": staff_editor.email, "password": "wrong"})

    response = client.post(
        LOGIN + "?next=/admin/", {"login": staff_editor.email, "password": TEST_PASSWORD}
    )

    assert response.status_code in {200, 429}
    if response.status_code == 200:
        assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


def test_staff_signs_in_through_the_door_and_lands_in_admin(client, staff_editor):
    start = client.get(ADMIN_LOGIN, {"next": "/admin/"})["Location"]

    response = client.post(start, {"login": staff_editor.email, "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_signed_in_staff_goes_straight_on(client, staff_editor):
    client.force_login(staff_editor)

    response = client.get(ADMIN_LOGIN, {"next": "/admin/articles/"})

    assert response["Location"] == "/admin/articles/"


def test_signed_in_non_staff_gets_a_403_not_a_redirect_loop(client, candidate):
    client.force_login(candidate)

    response = client.get(ADMIN_LOGIN, {"next": "/admin/"})

    assert response.status_code == 403
    assert "for staff accounts only" in response.content.decode()
