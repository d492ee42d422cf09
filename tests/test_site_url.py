"""The site's address: SITE_URL follows the dev server's port, and the sites framework's Site row
(admin's "View on site", feeds, allauth) follows SITE_URL."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site

from pages.site_record import sync_site_with_site_url
from tests.factories import CompanyFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


def site_url_in_development(**env_overrides) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="development", **env_overrides)
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_the_port_when_it_is_not_set():
    assert site_url_in_development() == "http://127.0.0.1:8000"
    assert site_url_in_development(PORT="8100") == "http://127.0.0.1:8100"


def test_a_set_site_url_wins_over_the_port():
    assert (
        site_url_in_development(PORT="8100", SITE_URL="https://healthcareers.example/")
        == "https://healthcareers.example"
    )


@pytest.mark.django_db
def test_migrate_points_the_site_at_site_url(settings):
    # The test database was migrated with the test settings' SITE_URL.
    assert Site.objects.get_current().domain == urlsplit(settings.SITE_URL).netloc


@pytest.mark.django_db
def test_a_changed_site_url_reaches_the_site_on_the_next_migrate(settings):
    Site.objects.get_current()  # cached, as in a running process
    settings.SITE_URL = "https://healthcareers.example"

    sync_site_with_site_url(apps=apps)

    assert Site.objects.get(pk=settings.SITE_ID).domain == "healthcareers.example"
    assert Site.objects.get_current().domain == "healthcareers.example"


@pytest.mark.django_db
def test_admins_view_on_site_goes_to_the_site_url(client, settings):
    settings.SITE_URL = "http://127.0.0.1:8100"
    sync_site_with_site_url(apps=apps)
    company = CompanyFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    change_page = client.get(f"/admin/employers/company/{company.pk}/change/").content.decode()
    content_type = ContentType.objects.get_for_model(company)
    view_on_site = f"/admin/r/{content_type.pk}/{company.pk}/"
    assert f'href="{view_on_site}"' in change_page
    response = client.get(view_on_site)

    assert response.status_code == 302
    assert response["Location"] == "http://127.0.0.1:8100" + company.get_absolute_url()
