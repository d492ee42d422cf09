"""Production refuses unsafe settings, and `check --deploy` is clean with safe ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAFE_SECRET = "x7!Qm2#pL9@vR4$tZ8^wK1&nB6*cY3(hJ5)dF0_gS-uE+aT=oI|eU;rW:yM<iN>"

SAFE_PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": SAFE_SECRET,
    "ALLOWED_HOSTS": "healthcareers.app,www.healthcareers.app",
    "DATABASE_URL": "postgres://hc:secret@db.internal:5432/healthcareers",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
}


def run_manage(env_overrides, *args):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            *SAFE_PRODUCTION_ENV,
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_reports_nothing_with_safe_production_settings():
    result = run_manage(SAFE_PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "django-insecure-abc"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short-secret"}, "SECRET_KEY is too short"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must list"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must not be '*'"),
        ({"EMAIL_URL": None}, "EMAIL_URL must be set"),
        ({"DATABASE_URL": None}, "DATABASE_URL must be set"),
        ({"REDIS_URL": None}, "REDIS_URL must be set"),
    ],
    ids=lambda value: str(value),
)
def test_production_refuses_to_start_with_unsafe_settings(override, message):
    result = run_manage({**SAFE_PRODUCTION_ENV, **override}, "check")
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert message in result.stderr


def test_unknown_environment_name_is_refused():
    result = run_manage({**SAFE_PRODUCTION_ENV, "DJANGO_ENV": "prod"}, "check")
    assert result.returncode != 0
    assert "DJANGO_ENV must be development, production or test" in result.stderr


def test_production_cookies_and_hsts_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    result = run_manage(SAFE_PRODUCTION_ENV, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "False"]
