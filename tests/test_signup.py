"""Sign-up through the two doors, email verification, and what sign-up refuses."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from accounts.models import User
from employers.models import Company, Membership
from tests.factories import TEST_PASSWORD

# allauth's emails are outbox rows, delivered once the request has committed.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_each_request")]

CANDIDATE_SIGNUP = "/accounts/signup/candidate/"
EMPLOYER_SIGNUP = "/accounts/signup/employer/"
VERIFICATION_SENT = "/accounts/confirm-email/"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


def candidate_data(**overrides):
    return {
        "full_name": "Nadia Nurse",
        "email": "nadia@example.com",
        "password1": TEST_PASSWORD,
        "password2": TEST_PASSWORD,
        **overrides,
    }


def employer_data(**overrides):
    data = {
        "full_name": "Henry Hiring",
        "email": "henry@riverside.example",
        "company_name": "Riverside Orthopedics",
    }
    return candidate_data(**{**data, **overrides})


def confirmation_path(message) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match, f"no confirmation link in: {message.body}"
    return match.group(1)


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# The choice page ---------------------------------------------------------------------------


def test_signup_page_offers_a_candidate_door_and_an_employer_door(client):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Create your free Candidate account" in html
    assert "Create your free Employer account" in html
    assert f'href="{CANDIDATE_SIGNUP}"' in html
    assert f'href="{EMPLOYER_SIGNUP}"' in html


def test_signed_in_user_is_sent_home_from_the_signup_page(client, candidate):
    client.force_login(candidate)

    response = client.get("/accounts/signup/")

    assert response.status_code == 302
    assert response["Location"] == "/me/"


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        (CANDIDATE_SIGNUP, "Create your free Candidate account"),
        (EMPLOYER_SIGNUP, "Create your free Employer account"),
    ],
)
def test_each_door_shows_its_own_form(client, url, heading):
    response = client.get(url)

    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()
    fields = set(response.context["form"].fields)
    assert {"full_name", "email", "password1", "password2"} <= fields
    assert ("company_name" in fields) is (url == EMPLOYER_SIGNUP)


# Candidate sign-up -------------------------------------------------------------------------


def test_candidate_signup_creates_an_unverified_candidate_and_sends_a_link(client, mailoutbox):
    response = client.post(CANDIDATE_SIGNUP, candidate_data())

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    user = User.objects.get(email="nadia@example.com")
    assert user.role == User.Role.CANDIDATE
    assert user.full_name == "Nadia Nurse"
    assert user.check_password(TEST_PASSWORD)
    assert not Membership.objects.filter(user=user).exists()
    assert Company.objects.count() == 0
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("nadia@example.com", False, True)
    assert not is_signed_in(client)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nadia@example.com"]
    assert confirmation_path(mailoutbox[0])


def test_unverified_user_cannot_sign_in(client, mailoutbox):
    client.post(CANDIDATE_SIGNUP, candidate_data())
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "nadia@example.com", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    assert not is_signed_in(client)
    assert client.get("/me/").status_code == 302


def test_confirmation_link_asks_first_then_verifies_and_signs_the_candidate_in(client, mailoutbox):
    client.post(CANDIDATE_SIGNUP, candidate_data())
    path = confirmation_path(mailoutbox[0])

    page = client.get(path)

    assert page.status_code == 200
    assert "nadia@example.com" in page.content.decode()
    assert not EmailAddress.objects.get(email="nadia@example.com").verified
    assert not is_signed_in(client)

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert EmailAddress.objects.get(email="nadia@example.com").verified
    assert is_signed_in(client)
    home = client.get("/me/")
    assert home.status_code == 200
    assert "Welcome, Nadia" in home.content.decode()


def test_verified_candidate_can_then_sign_in_with_the_password(client, mailoutbox):
    client.post(CANDIDATE_SIGNUP, candidate_data())
    client.post(confirmation_path(mailoutbox[0]))
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "nadia@example.com", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/me/"


def test_confirming_from_another_browser_verifies_without_signing_in(client, mailoutbox):
    client.post(CANDIDATE_SIGNUP, candidate_data())
    other_browser = Client()

    response = other_browser.post(confirmation_path(mailoutbox[0]))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert EmailAddress.objects.get(email="nadia@example.com").verified
    assert not is_signed_in(other_browser)


def test_made_up_confirmation_key_verifies_nothing(client, mailoutbox):
    client.post(CANDIDATE_SIGNUP, candidate_data())

    assert client.post("/accounts/confirm-email/not-a-real-key/").status_code == 404
    assert not EmailAddress.objects.get(email="nadia@example.com").verified
    assert not is_signed_in(client)


def test_role_cannot_be_forced_through_the_candidate_door(client):
    client.post(CANDIDATE_SIGNUP, candidate_data(role="employer", is_staff="on", is_superuser="on"))

    user = User.objects.get(email="nadia@example.com")
    assert user.role == User.Role.CANDIDATE
    assert not user.is_staff
    assert not user.is_superuser
    assert Company.objects.count() == 0


def test_role_cannot_be_forced_through_the_employer_door(client):
    client.post(EMPLOYER_SIGNUP, employer_data(role="candidate"))

    user = User.objects.get(email="henry@riverside.example")
    assert user.role == User.Role.EMPLOYER
    assert user.membership.role == Membership.Role.OWNER


# Employer sign-up --------------------------------------------------------------------------


def test_employer_signup_creates_the_company_with_the_user_as_owner(client, mailoutbox):
    response = client.post(EMPLOYER_SIGNUP, employer_data())

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    user = User.objects.get(email="henry@riverside.example")
    assert user.role == User.Role.EMPLOYER
    company = Company.objects.get()
    assert company.name == "Riverside Orthopedics"
    assert company.slug == "riverside-orthopedics"
    assert not company.is_verified
    membership = Membership.objects.get(user=user)
    assert membership.company == company
    assert membership.role == Membership.Role.OWNER
    assert len(mailoutbox) == 1
    assert not is_signed_in(client)


def test_verified_employer_lands_on_the_dashboard_of_their_company(client, mailoutbox):
    client.post(EMPLOYER_SIGNUP, employer_data())

    response = client.post(confirmation_path(mailoutbox[0]))

    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    assert "Riverside Orthopedics" in dashboard.content.decode()


def test_two_employers_naming_the_same_company_get_separate_companies(client):
    client.post(EMPLOYER_SIGNUP, employer_data())
    Client().post(EMPLOYER_SIGNUP, employer_data(email="ann@riverside.example"))

    slugs = sorted(Company.objects.values_list("slug", flat=True))
    assert slugs == ["riverside-orthopedics", "riverside-orthopedics-2"]
    first = User.objects.get(email="henry@riverside.example").membership.company
    second = User.objects.get(email="ann@riverside.example").membership.company
    assert first != second


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"company_name": ""}, "company_name"),
        ({"company_name": "   "}, "company_name"),
        ({"company_name": " X "}, "company_name"),
        ({"full_name": ""}, "full_name"),
        ({"password2": "a-different-password-42"}, "password2"),
        ({"password1": "Xy7!q", "password2": "Xy7!q"}, "password1"),
        ({"password1": "password123", "password2": "password123"}, "password1"),
        ({"password1": "58203917465", "password2": "58203917465"}, "password1"),
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
    ],
    ids=[
        "missing-company",
        "blank-company",
        "one-letter-company",
        "missing-name",
        "mismatched-passwords",
        "short-password",
        "common-password",
        "numeric-password",
        "invalid-email",
        "missing-email",
    ],
)
def test_employer_signup_with_bad_input_shows_errors_and_creates_nothing(
    client, mailoutbox, overrides, field
):
    response = client.post(EMPLOYER_SIGNUP, employer_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert User.objects.count() == 0
    assert Company.objects.count() == 0
    assert Membership.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "a-different-password-42"}, "password2"),
        ({"password1": "Xy7!q", "password2": "Xy7!q"}, "password1"),
        ({"password1": "password123", "password2": "password123"}, "password1"),
        ({"email": "nadia@"}, "email"),
    ],
    ids=["mismatched-passwords", "short-password", "common-password", "invalid-email"],
)
def test_candidate_signup_with_bad_input_shows_errors_and_creates_nothing(
    client, mailoutbox, overrides, field
):
    response = client.post(CANDIDATE_SIGNUP, candidate_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert mailoutbox == []


def test_bad_signup_keeps_what_was_typed_except_passwords(client):
    response = client.post(EMPLOYER_SIGNUP, employer_data(password2="a-different-password-42"))

    html = response.content.decode()
    assert 'value="Riverside Orthopedics"' in html
    assert 'value="henry@riverside.example"' in html
    assert TEST_PASSWORD not in html


# No account enumeration --------------------------------------------------------------------


@pytest.mark.parametrize("email", ["candidate@example.com", "Candidate@Example.COM"])
def test_signup_with_a_taken_email_looks_like_success_and_mails_the_owner(
    client, candidate, mailoutbox, email
):
    response = client.post(CANDIDATE_SIGNUP, candidate_data(email=email))

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    assert User.objects.filter(email__iexact="candidate@example.com").count() == 1
    candidate.refresh_from_db()
    assert candidate.full_name == "Casey Candidate"
    assert candidate.check_password(TEST_PASSWORD)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["candidate@example.com"]
    assert "Account Already Exists" in mailoutbox[0].subject
    assert not CONFIRM_LINK.search(mailoutbox[0].body)
    assert not is_signed_in(client)


def test_taken_and_new_email_get_the_same_response(candidate):
    def sign_up(email):
        browser = Client()
        response = browser.post(CANDIDATE_SIGNUP, candidate_data(email=email), follow=True)
        # The page names the address typed in; everything else must be identical.
        page = CSRF_TOKEN.sub("", response.content.decode()).replace(email, "EMAIL")
        return response.redirect_chain, response.status_code, page

    assert sign_up("candidate@example.com") == sign_up("brand-new@example.com")


def test_employer_signup_with_a_taken_email_creates_no_company(client, employer_owner, mailoutbox):
    response = client.post(EMPLOYER_SIGNUP, employer_data(email="owner@lakeside.example"))

    assert response.status_code == 302
    assert response["Location"] == VERIFICATION_SENT
    assert list(Company.objects.values_list("name", flat=True)) == ["Lakeside Health"]
    assert employer_owner.membership.company.name == "Lakeside Health"
    assert len(mailoutbox) == 1
    assert "Account Already Exists" in mailoutbox[0].subject


@pytest.mark.parametrize("url", [CANDIDATE_SIGNUP, EMPLOYER_SIGNUP])
def test_signup_refuses_posts_without_a_csrf_token(url):
    response = Client(enforce_csrf_checks=True).post(url, employer_data())

    assert response.status_code == 403
    assert User.objects.count() == 0
