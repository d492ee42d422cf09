"""With Redis down, sign-in, sign-up and password reset still work: their limits fail open."""

import time

import pytest

from accounts.models import User
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

# Nothing listens on port 1: every cache call fails with a connection error, as when Redis is down.
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    default = settings.CACHES["default"]
    settings.CACHES = {"default": {**default, "LOCATION": DEAD_REDIS}}


def test_sign_in_works_with_redis_down(client, candidate, redis_down):
    started = time.monotonic()
    response = client.post(
        "/accounts/login/", {"login": "candidate@example.com", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(candidate.pk)
    # No waiting for a lock that can never be taken.
    assert time.monotonic() - started < 1


def test_wrong_password_is_still_just_a_wrong_password_with_redis_down(
    client, candidate, redis_down
):
    response = client.post(
        "/accounts/login/", {"login": "candidate@example.com", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_sign_up_works_with_redis_down(client, mailoutbox, redis_down):
    response = client.post(
        "/accounts/signup/candidate/",
        {
            "full_name": "Nadia Nurse",
            "email": "nadia@example.com",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(email="nadia@example.com").exists()
    assert len(mailoutbox) == 1


def test_password_reset_works_with_redis_down(client, candidate, mailoutbox, redis_down):
    response = client.post("/accounts/password/reset/", {"email": "candidate@example.com"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mailoutbox) == 1


def test_only_allauth_rate_limit_locks_fail_open(redis_down):
    from django.core.cache import cache

    assert cache.add("allauth:rl:allauth.account:login:30/60.0/ip:127.0.0.1:lock", True) is True
    assert cache.add("pages:anything-else", True) is False


def test_limits_still_count_when_redis_is_up(client, candidate):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "candidate@example.com", "password": "wrong"})

    response = client.post(
        "/accounts/login/", {"login": "candidate@example.com", "password": TEST_PASSWORD}
    )

    assert "Too many failed login attempts" in response.content.decode()
