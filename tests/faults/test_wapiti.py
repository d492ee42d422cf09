"""A wapiti scan of the running app as production serves it (gunicorn over HTTPS on 127.0.0.1,
DJANGO_ENV=production), as a guest: injections (XSS, stored XSS, SQL, command, file, CRLF,
open redirect) and the checks of headers, CSP, cookie flags, CSRF tokens and HTTP methods.
Nothing above informational may be found."""

import secrets

import pytest

from employers.models import Membership
from tests.factories import MembershipFactory, PublishedJobFactory
from tests.faults import wapiti
from tests.faults.processes import WebServer, self_signed_certificate

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# The crawl's limit; each attack module has its own (wapiti.MAX_ATTACK_SECONDS).
MAX_CRAWL_SECONDS = 30


@pytest.fixture
def production_web(app_env, tmp_path):
    env = {
        **app_env,
        "DJANGO_SETTINGS_MODULE": "tests.faults.scan_settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "SITE_URL": "https://127.0.0.1",
    }
    server = WebServer(env, tmp_path, tls=self_signed_certificate(tmp_path))
    server.start()
    yield server
    server.stop()


def test_wapiti_finds_nothing_above_informational(production_web, tmp_path, capsys):
    try:
        wapiti.ensure_wapiti()
    except wapiti.Unavailable as error:
        pytest.skip(f"wapiti could not be installed, so the scan did not run: {error}")
    owner = MembershipFactory(role=Membership.Role.OWNER)
    for title in ["ICU Nurse, Nights", "Physical Therapist", "Medical Assistant"]:
        PublishedJobFactory(company=owner.company, title=title)

    report = wapiti.scan(production_web.url, tmp_path / "wapiti.json", workdir=tmp_path,
                         max_scan_seconds=MAX_CRAWL_SECONDS)  # fmt: skip

    with capsys.disabled():
        print("\n" + wapiti.summary(report, workdir=tmp_path))
    found = wapiti.findings(report)
    assert not found, "\n".join(
        f"{f['category']} ({wapiti.LEVELS[f['level']]}): {f.get('method')} {f.get('path')} "
        f"{f.get('parameter') or ''} - {f.get('info')}"
        for f in found
    )
