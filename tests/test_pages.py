"""Public pages: navigation, No-Ghosting page, errors, security headers."""

import re

import pytest

from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

CONTENT_PAGES = [
    "/", "/jobs/", "/candidates/", "/no-ghosting/", "/terms/", "/privacy/", "/contact/",
]  # fmt: skip
# Announced sections not built yet (pages/features.py): none today.
NAV_LINKS = {
    "Find Jobs": "/jobs/",
    "Find Candidates": "/candidates/",
    "Company List": "/companies/",
    "Pricing": "/pricing/",
    "Blog": "/blog/",
    "Contact": "/contact/",
    "Sign In": "/accounts/login/",
    "Post a Job": "/post-a-job/",
}
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def nav_link(label: str, href: str) -> re.Pattern:
    return re.compile(rf'<a[^>]*href="{re.escape(href)}"[^>]*>\s*{re.escape(label)}\s*</a>')


# Content pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTENT_PAGES)
def test_public_page_has_the_full_navigation_and_the_no_ghosting_banner(client, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    for label, href in NAV_LINKS.items():
        assert nav_link(label, href).search(html), f"nav link {label} -> {href} missing"
    assert 'aria-label="No-Ghosting Policy"' in html
    assert nav_link("How we enforce it", "/no-ghosting/").search(html)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Healthcare jobs with the pay up front and an answer guaranteed."),
        ("/no-ghosting/", "The No-Ghosting Policy"),
        ("/terms/", "Terms of use"),
        ("/privacy/", "Privacy notice"),
    ],
)
def test_content_page_shows_its_heading(client, path, heading):
    assert f"<h1>{heading}</h1>" in client.get(path).content.decode()


def test_home_page_counts_the_companies(client):
    CompanyFactory.create_batch(3)

    html = client.get("/").content.decode()

    assert "<dt>Employers on healthcareers</dt><dd>3</dd>" in html


def test_current_section_is_marked_in_the_navigation(client):
    html = client.get("/contact/").content.decode()

    assert '<a href="/contact/" aria-current="page">Contact</a>' in html
    assert 'aria-current="page">Find Jobs' not in html


# The No-Ghosting Policy follows its settings -----------------------------------------------


def test_no_ghosting_page_states_the_configured_deadline_and_rate(client, settings):
    html = client.get("/no-ghosting/").content.decode()

    assert f"<strong>{settings.NO_GHOSTING_RESPONSE_DAYS} days</strong>" in html
    assert f"<strong>{settings.NO_GHOSTING_MIN_RATE}%</strong>" in html


def test_no_ghosting_page_follows_changed_settings(client, settings):
    settings.NO_GHOSTING_RESPONSE_DAYS = 12
    settings.NO_GHOSTING_MIN_RATE = 65

    html = client.get("/no-ghosting/").content.decode()

    assert "<strong>12 days</strong>" in html
    assert "<strong>65%</strong>" in html
    assert "response within 12 days" in html  # the banner on every page
    assert "<strong>7 days</strong>" not in html
    assert "<strong>80%</strong>" not in html


def test_home_page_and_banner_follow_the_response_deadline(client, settings):
    settings.NO_GHOSTING_RESPONSE_DAYS = 9

    html = client.get("/").content.decode()

    assert "<dt>Response deadline</dt><dd>9 days</dd>" in html
    assert "every application gets a response within 9 days" in html


# Errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/no-such-page/", "/jobs/123/", "/me/extra/"])
def test_unknown_url_gets_the_friendly_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html
    assert nav_link("Find Jobs", "/jobs/").search(html)


# Post a Job --------------------------------------------------------------------------------


def test_guest_post_a_job_goes_to_employer_signup(client):
    response = client.get("/post-a-job/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/employer/"


def test_candidate_post_a_job_is_refused_with_an_explanation(client, candidate):
    client.force_login(candidate)

    response = client.get("/post-a-job/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "Posting jobs needs an employer account" in html
    assert "candidate@example.com" in html


def test_candidate_post_a_job_says_how_to_get_an_employer_account(client, candidate):
    client.force_login(candidate)

    html = client.get("/post-a-job/").content.decode()

    assert "How to get an employer account" in html
    assert "Jobs are posted by employer accounts" in html
    # One button signs them out and opens the employer sign-up.
    assert re.search(
        r'<form method="post" action="/accounts/logout/">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">\s*'
        r'<input type="hidden" name="next" value="/accounts/signup/employer/">',
        html,
    )
    assert 'href="/contact/"' in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/dashboard/jobs/new/", "Posting jobs needs an employer account"),
        ("/dashboard/", "The employer dashboard needs an employer account"),
        ("/dashboard/jobs/", "The employer dashboard needs an employer account"),
        ("/dashboard/team/", "The employer dashboard needs an employer account"),
    ],
)
def test_job_seeker_on_the_employers_side_gets_a_helpful_403(client, candidate, path, heading):
    client.force_login(candidate)

    response = client.get(path)

    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "How to get an employer account" in html
    assert 'name="next" value="/accounts/signup/employer/"' in html


def test_sign_out_and_create_an_employer_account_lands_on_the_employer_signup(client, candidate):
    client.force_login(candidate)

    response = client.post("/accounts/logout/", {"next": "/accounts/signup/employer/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/employer/"
    assert "_auth_user_id" not in client.session
    assert "Company or facility name" in client.get(response["Location"]).content.decode()


def test_other_refusals_keep_the_plain_403(client, employer_recruiter):
    client.force_login(employer_recruiter)

    response = client.post("/dashboard/team/invite/", {"email": "x@example.com"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "This page isn't available to your account" in html
    assert "How to get an employer account" not in html


@pytest.mark.parametrize("user", ["employer_owner", "employer_recruiter"])
def test_employer_post_a_job_is_open(client, request, user):
    client.force_login(request.getfixturevalue(user))

    # Either the posting page itself or a redirect to it.
    response = client.get("/post-a-job/", follow=True)

    assert response.status_code == 200
    assert "<h1>Post a Job</h1>" in response.content.decode()


# The account menu --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "home_label"),
    [("candidate", "My account"), ("employer_owner", "Dashboard")],
)
def test_signed_in_user_gets_an_account_menu_with_a_sign_out_form(
    client, request, user, home_label
):
    client.force_login(request.getfixturevalue(user))

    html = client.get("/").content.decode()

    assert "Sign In" not in html
    assert 'class="account-menu"' in html
    assert re.search(
        r'<form method="post" action="/accounts/logout/">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">\s*'
        r'<button type="submit" class="link-button">Sign out</button>',
        html,
    )
    assert nav_link(home_label, "/account/home/").search(html)


def test_admin_link_is_shown_to_staff_only(client, candidate, staff_editor):
    client.force_login(candidate)
    assert 'href="/admin/"' not in client.get("/").content.decode()

    client.force_login(staff_editor)
    assert 'href="/admin/"' in client.get("/").content.decode()


# Security headers and no inline script -----------------------------------------------------


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/", "/contact/", "/accounts/login/", "/no-such-page/"])
def test_pages_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)

    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("script-src", [])
    assert "'unsafe-eval'" not in directives.get("script-src", [])
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


GUEST_PAGES = [
    *CONTENT_PAGES,
    "/no-such-page/",
    "/accounts/signup/",
    "/accounts/signup/candidate/",
    "/accounts/signup/employer/",
    "/accounts/login/",
    "/accounts/password/reset/",
]
CANDIDATE_PAGES = [
    "/me/",
    "/account/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/post-a-job/",
    "/dashboard/",
]


@pytest.mark.parametrize("path", GUEST_PAGES)
def test_guest_pages_contain_no_inline_script(client, path):
    html = client.get(path).content.decode()

    assert '<script src="/static/js/site.js" defer></script>' in html
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


@pytest.mark.parametrize("path", CANDIDATE_PAGES)
def test_signed_in_pages_contain_no_inline_script(client, candidate, path):
    client.force_login(candidate)

    html = client.get(path).content.decode()

    assert "<script" in html
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


def test_employer_dashboard_contains_no_inline_script(client, employer_owner):
    client.force_login(employer_owner)

    html = client.get("/dashboard/").content.decode()

    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


def test_inline_script_pattern_catches_inline_scripts():
    assert INLINE_SCRIPT.findall("<script>alert(1)</script>")
    assert INLINE_SCRIPT.findall('<script type="module">go()</script>')
    assert not INLINE_SCRIPT.findall('<script src="/static/js/site.js" defer></script>')
    assert INLINE_HANDLER.findall('<button onclick="go()">')
