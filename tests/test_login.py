"""Signing in and out, failed-login limits, password reset and change, email addresses."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.test import Client

from tests.factories import TEST_PASSWORD, CandidateFactory, EmployerUserFactory

# allauth's emails are outbox rows, delivered once the request has committed.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

LOGIN = "/accounts/login/"
BAD_CREDENTIALS = "The email address and/or password you specified are not correct."
TOO_MANY_ATTEMPTS = "Too many failed login attempts. Try again later."
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/password/reset/key/[^/\s]+/)")
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")
NEW_PASSWORD = "a-brand-new-passphrase-77"


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


# Signing in --------------------------------------------------------------------------------


def test_login_page_shows_the_form_and_both_signup_doors(client):
    response = client.get(LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="login"' in html
    assert 'name="password"' in html
    assert 'href="/accounts/signup/candidate/"' in html
    assert 'href="/accounts/signup/employer/"' in html


def test_verified_candidate_signs_in_and_lands_on_their_home(client, candidate):
    response = sign_in(client, "candidate@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert signed_in_user_id(client) == str(candidate.pk)


@pytest.mark.parametrize("user", ["employer_owner", "employer_recruiter"])
def test_employer_signs_in_and_lands_on_the_dashboard(client, request, user):
    employer = request.getfixturevalue(user)

    response = sign_in(client, employer.email)

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert signed_in_user_id(client) == str(employer.pk)


def test_staff_editor_signs_in_and_lands_in_admin(client, staff_editor):
    response = sign_in(client, staff_editor.email)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_administrator_signs_in_and_lands_in_admin(client):
    admin = EmployerUserFactory(email="root@example.com", is_staff=True, is_superuser=True)

    response = sign_in(client, admin.email)

    assert response["Location"] == "/admin/"


def test_staff_asked_to_sign_in_on_the_way_to_a_page_go_to_that_page(client, staff_editor):
    response = client.post(
        LOGIN + "?next=/blog/", {"login": staff_editor.email, "password": TEST_PASSWORD}
    )

    assert response["Location"] == "/blog/"


def test_login_page_offers_forgot_your_password_once(client):
    html = client.get(LOGIN).content.decode()

    assert html.count("Forgot your password?") == 1
    assert html.count('href="/accounts/password/reset/"') == 1


def test_email_is_matched_without_regard_to_case(client, candidate):
    response = sign_in(client, "Candidate@EXAMPLE.com")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(candidate.pk)


def test_safe_next_url_is_followed_after_sign_in(client, candidate):
    response = client.post(
        f"{LOGIN}?next=/account/settings/",
        {"login": "candidate@example.com", "password": TEST_PASSWORD},
    )

    assert response["Location"] == "/account/settings/"


def test_next_url_to_another_site_is_ignored(client, candidate):
    response = client.post(
        f"{LOGIN}?next=https://evil.example/phish",
        {"login": "candidate@example.com", "password": TEST_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/me/"


def test_wrong_password_is_refused_with_an_error(client, candidate):
    response = sign_in(client, "candidate@example.com", "not-the-password")

    assert response.status_code == 200
    assert BAD_CREDENTIALS in response.content.decode()
    assert signed_in_user_id(client) is None


def test_unknown_email_gets_the_same_error_as_a_wrong_password(client, candidate):
    wrong_password = sign_in(client, "candidate@example.com", "not-the-password")
    unknown_email = sign_in(client, "nobody@example.com", "not-the-password")

    assert unknown_email.status_code == wrong_password.status_code == 200
    assert unknown_email.context["form"].errors == wrong_password.context["form"].errors
    assert BAD_CREDENTIALS in unknown_email.content.decode()


def test_inactive_user_cannot_sign_in(client, candidate):
    candidate.is_active = False
    candidate.save()

    sign_in(client, "candidate@example.com")

    assert signed_in_user_id(client) is None


# Failed-login limit (login_failed: 5 per 5 minutes per account) ------------------------------


def test_four_failed_attempts_still_allow_the_right_password(client, candidate):
    for _ in range(4):
        sign_in(client, "candidate@example.com", "guess")

    response = sign_in(client, "candidate@example.com")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(candidate.pk)


def test_after_five_failed_attempts_even_the_right_password_is_refused(client, candidate):
    for _ in range(5):
        sign_in(client, "candidate@example.com", "guess")

    response = sign_in(client, "candidate@example.com")

    assert response.status_code == 200
    assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert signed_in_user_id(client) is None


def test_failed_login_lock_lifts_after_five_minutes(client, candidate):
    for _ in range(5):
        sign_in(client, "candidate@example.com", "guess")

    with time_machine.travel(timedelta(minutes=5, seconds=5)):
        response = sign_in(client, "candidate@example.com")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(candidate.pk)


def test_locked_account_does_not_lock_out_other_accounts(client, candidate, employer_owner):
    for _ in range(5):
        sign_in(client, "candidate@example.com", "guess")

    response = sign_in(client, "owner@lakeside.example")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(employer_owner.pk)


# Signing out -------------------------------------------------------------------------------


def test_logout_by_get_only_asks_for_confirmation(client, candidate):
    client.force_login(candidate)

    response = client.get("/accounts/logout/")

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert signed_in_user_id(client) == str(candidate.pk)


def test_logout_by_post_signs_out(client, candidate):
    client.force_login(candidate)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    assert client.get("/me/").status_code == 302


# Password reset ----------------------------------------------------------------------------


def request_reset(client, email):
    return client.post("/accounts/password/reset/", {"email": email})


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, candidate):
    known = request_reset(client, "candidate@example.com")
    unknown = request_reset(client, "nobody@example.com")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"


def test_password_reset_link_is_mailed_only_to_a_known_account(client, candidate, mailoutbox):
    request_reset(client, "nobody@example.com")
    request_reset(client, "candidate@example.com")

    with_link = [m for m in mailoutbox if RESET_LINK.search(m.body)]
    assert [m.to for m in with_link] == [["candidate@example.com"]]
    # allauth tells an unknown address that it has no account (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS),
    # which reveals nothing to whoever typed it in; it must never carry a reset link.
    for message in mailoutbox:
        if message.to == ["nobody@example.com"]:
            assert "/accounts/password/reset/key/" not in message.body


def test_password_reset_link_sets_a_new_password(client, candidate, mailoutbox):
    request_reset(client, "candidate@example.com")
    (link,) = [RESET_LINK.search(m.body).group(1) for m in mailoutbox]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    candidate.refresh_from_db()
    assert candidate.check_password(NEW_PASSWORD)
    assert not candidate.check_password(TEST_PASSWORD)


def test_password_reset_link_works_only_once(client, candidate, mailoutbox):
    request_reset(client, "candidate@example.com")
    link = RESET_LINK.search(mailoutbox[0].body).group(1)
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    second_try = Client().get(link, follow=True)

    assert second_try.status_code == 200
    assert second_try.context["token_fail"]


def test_made_up_reset_link_is_refused(client, candidate):
    response = client.post(
        "/accounts/password/reset/key/1-made-up-key/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    candidate.refresh_from_db()
    assert candidate.check_password(TEST_PASSWORD)
    assert response.status_code == 200
    assert response.context["token_fail"]


# Password change ---------------------------------------------------------------------------


def test_password_change_requires_sign_in(client):
    response = client.get("/accounts/password/change/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/change/"


def test_signed_in_user_changes_their_password(client, candidate):
    client.force_login(candidate)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password(NEW_PASSWORD)
    assert signed_in_user_id(client) == str(candidate.pk)


def test_password_change_with_the_wrong_current_password_is_refused(client, candidate):
    client.force_login(candidate)

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "not-it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    candidate.refresh_from_db()
    assert candidate.check_password(TEST_PASSWORD)


# Email addresses ---------------------------------------------------------------------------


def test_email_page_requires_sign_in(client):
    response = client.get("/accounts/email/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/email/"


def test_adding_an_email_sends_a_verification_link_to_it(client, candidate, mailoutbox):
    client.force_login(candidate)

    response = client.post("/accounts/email/", {"email": "casey@new.example", "action_add": ""})

    assert response.status_code == 302
    new = EmailAddress.objects.get(user=candidate, email="casey@new.example")
    assert not new.verified
    assert not new.primary
    assert EmailAddress.objects.get(user=candidate, email="candidate@example.com").primary
    sent = [m for m in mailoutbox if m.to == ["casey@new.example"]]
    assert len(sent) == 1
    assert CONFIRM_LINK.search(sent[0].body)


def test_confirming_the_new_email_makes_it_the_sign_in_address(client, candidate, mailoutbox):
    client.force_login(candidate)
    client.post("/accounts/email/", {"email": "casey@new.example", "action_add": ""})
    link = CONFIRM_LINK.search(mailoutbox[-1].body).group(1)

    client.post(link)

    candidate.refresh_from_db()
    assert candidate.email == "casey@new.example"
    assert EmailAddress.objects.get(user=candidate, email="casey@new.example").verified
    client.logout()
    assert sign_in(client, "casey@new.example").status_code == 302


def test_another_users_email_cannot_be_claimed(client, candidate, mailoutbox):
    owner = CandidateFactory(email="taken@example.com")
    client.force_login(candidate)

    client.post("/accounts/email/", {"email": "taken@example.com", "action_add": ""})
    # To hide whether the address has an account, allauth mails it a link like any other; the
    # link must not hand the address over.
    for message in mailoutbox:
        link = CONFIRM_LINK.search(message.body)
        if link:
            client.post(link.group(1))

    claim = EmailAddress.objects.filter(user=candidate, email="taken@example.com").first()
    assert claim is None or not claim.verified
    candidate.refresh_from_db()
    assert candidate.email == "candidate@example.com"
    assert EmailAddress.objects.get(user=owner, email="taken@example.com").verified
    client.logout()
    sign_in(client, "taken@example.com")
    assert signed_in_user_id(client) == str(owner.pk)


def test_invalid_email_is_refused_on_the_email_page(client, candidate, mailoutbox):
    client.force_login(candidate)

    response = client.post("/accounts/email/", {"email": "not-an-email", "action_add": ""})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert EmailAddress.objects.filter(user=candidate).count() == 1
    assert mailoutbox == []


@pytest.mark.parametrize("path", [LOGIN, "/accounts/logout/", "/accounts/password/reset/"])
def test_account_forms_refuse_posts_without_a_csrf_token(candidate, path):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(candidate)
    response = browser.post(path, {"login": "candidate@example.com", "password": TEST_PASSWORD})

    assert response.status_code == 403
    assert signed_in_user_id(browser) == str(candidate.pk)
