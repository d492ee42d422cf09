"""Rate limits on sign-in, sign-up, password reset (allauth's ACCOUNT_RATE_LIMITS) and applying:
each trips with a clear answer and without doing the thing, and a normal user never meets it."""

import pytest
from django.conf import settings as project_settings
from django.urls import reverse

from accounts.models import User
from applications.models import Application
from tests.applications.helpers import pdf_upload
from tests.factories import TEST_PASSWORD, CandidateFactory, PublishedJobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

TOO_MANY = "Too many attempts in a short time"


def test_account_rate_limits_are_set_for_every_door():
    limits = project_settings.ACCOUNT_RATE_LIMITS
    for action in ["login", "login_failed", "signup", "reset_password", "confirm_email"]:
        assert limits[action], action
    assert "/key" in limits["login_failed"]  # per account, not only per address
    assert "/key" in limits["reset_password"]  # per email: no mail-bombing one inbox


def sign_up(client, n):
    return client.post(
        "/accounts/signup/candidate/",
        {"full_name": "Ada Obi", "email": f"new{n}@example.com",
         "password1": "Night-shift-ICU-2026", "password2": "Night-shift-ICU-2026"},
    )  # fmt: skip


def test_sign_up_is_limited_per_address_and_the_account_is_not_made(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    assert sign_up(client, 1).status_code == 302
    assert sign_up(client, 2).status_code == 302

    response = sign_up(client, 3)

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert not User.objects.filter(email="new3@example.com").exists()


def test_sign_in_is_limited_per_address_but_a_normal_sign_in_goes_through(
    client, candidate, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    first = client.post("/accounts/login/", {"login": candidate.email, "password": TEST_PASSWORD})
    assert first.status_code == 302 and client.session.get("_auth_user_id")
    client.logout()
    client.post("/accounts/login/", {"login": candidate.email, "password": TEST_PASSWORD})
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": candidate.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert client.session.get("_auth_user_id") is None


def test_password_reset_is_limited_per_email_and_sends_no_more_mail(client, candidate, mailoutbox):
    for _ in range(5):
        assert (
            client.post("/accounts/password/reset/", {"email": candidate.email}).status_code == 302
        )
    sent = len(mailoutbox)

    response = client.post("/accounts/password/reset/", {"email": candidate.email})

    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert len(mailoutbox) == sent
    # Another person's reset is not affected.
    other = CandidateFactory(email="other@example.com")
    assert client.post("/accounts/password/reset/", {"email": other.email}).status_code == 302


def test_applying_is_rate_limited_and_the_application_is_not_made(
    client, candidate, company, settings
):
    settings.APPLY_RATE_LIMIT = "2/h"
    jobs = [PublishedJobFactory(company=company) for _ in range(3)]
    client.force_login(candidate)
    for job in jobs[:2]:
        response = client.post(
            reverse("apply:job", args=[job.slug]),
            {"cover_letter": "", "resume_file": pdf_upload()},
        )
        assert response.status_code == 302  # a normal candidate applies

    response = client.post(
        reverse("apply:job", args=[jobs[2].slug]), {"cover_letter": "", "resume_file": pdf_upload()}
    )

    assert response.status_code == 429
    assert "many applications in a short time" in response.content.decode()
    assert not Application.objects.filter(job=jobs[2]).exists()
