"""Every page carries the security headers; production adds HSTS and secure, HttpOnly cookies."""

import pytest

from tests.factories import TEST_PASSWORD
from tests.test_production_settings import SAFE_PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


def test_a_page_carries_each_security_header(client):
    response = client.get("/")

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    # No inline script anywhere, so the policy never allows it.
    assert "unsafe-inline" not in csp.split("script-src")[-1].split(";")[0]
    assert "unsafe-eval" not in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_a_refusal_or_missing_page_carries_the_headers_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"]
    assert response["Content-Security-Policy"]


def test_production_sends_hsts_and_marks_cookies_secure_and_httponly(client, settings):
    # The values config/settings.py sets when DJANGO_ENV=production (see
    # tests/test_production_settings.py for the check that it does).
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    response = client.get("/accounts/login/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"]
    # No script reads it: the token travels in the page (wapiti's cookieflags check).
    assert csrf["httponly"]


def test_session_cookie_is_secure_and_httponly_in_production(client, settings, candidate):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    response = client.post(
        "/accounts/login/", {"login": candidate.email, "password": TEST_PASSWORD}, secure=True
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_production_settings_keep_every_header_and_secure_httponly_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE,"
        " s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.SECURE_CROSS_ORIGIN_OPENER_POLICY,"
        " 'infra.permissions_policy.PermissionsPolicyMiddleware' in s.MIDDLEWARE,"
        " 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE)"
    )
    result = run_manage(SAFE_PRODUCTION_ENV, "shell", "--no-imports", "-c", code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "True",
        "DENY",
        "strict-origin-when-cross-origin",
        "same-origin",
        "True",
        "True",
    ]
