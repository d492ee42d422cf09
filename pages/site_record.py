"""The sites framework's Site row, kept in step with SITE_URL.

Admin's "View on site", syndication feeds and allauth read the Site's domain; SITE_URL is the one
place the site's address is configured, so every migrate (which `make run` and each deploy run)
copies it into the Site row.
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.sites.models import SITE_CACHE


def site_domain() -> str:
    """The host (and port, if any) of SITE_URL: what the Site row's domain must be."""
    return urlsplit(settings.SITE_URL).netloc


def sync_site_with_site_url(*, apps=global_apps, using="default", **_kwargs) -> None:
    """post_migrate receiver: point the current Site at SITE_URL's host. (migrate passes the
    migrated state's `apps`; flush, between transactional tests, passes none.)"""
    Site = apps.get_model("sites", "Site")
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": "healthcareers"}
    )
    SITE_CACHE.clear()  # the request-time cache of Site rows, per process
