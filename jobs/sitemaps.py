"""/sitemap.xml: a sitemap index, and each section at /sitemap.xml?section=<name>[&p=<n>]:
the static pages, the live jobs, the company pages.

An index because a sitemap holds at most 50,000 URLs and the board holds more jobs than that;
query strings rather than new paths because a sitemap may only list URLs below its own folder,
and the root one may list them all. URLs are absolute on SITE_URL, like every link we send out.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from employers.sitemaps import CompanySitemap
from jobs.models import Job
from jobs.pay_insights import sitemap_pages


class SiteURLSitemap(Sitemap):
    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None):
        return settings.SITE_URL.split("://", 1)[1]


class PagesSitemap(SiteURLSitemap):
    changefreq = "weekly"

    def items(self):
        return ["pages:home", "jobs:search", "pages:no_ghosting", "pages:contact"]

    def location(self, item):
        return reverse(item)


class JobSitemap(SiteURLSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Job.objects.published()
            .only("pk", "title", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, job):
        return job.updated_at


class PaySitemap(SiteURLSitemap):
    """/pay/ and each profession and state page with figures to show."""

    changefreq = "weekly"

    def items(self):
        return sitemap_pages()

    def location(self, item):
        return item


def on_site_url(sitemap_class):
    """Another app's Sitemap, with its URLs on SITE_URL like ours."""
    if issubclass(sitemap_class, SiteURLSitemap):
        return sitemap_class
    return type(sitemap_class.__name__, (SiteURLSitemap, sitemap_class), {})


# Higher apps' sections (articles) are added where the URLs are put together, config/urls.py:
# path("sitemap.xml", sitemap, {"sitemaps": {**SITEMAPS, "articles": ArticleSitemap}}).
SITEMAPS = {
    "pages": PagesSitemap,
    "jobs": JobSitemap,
    "companies": CompanySitemap,
    "pay": PaySitemap,
}


@require_safe
def sitemap(request, sitemaps=None):
    sitemaps = {name: on_site_url(cls) for name, cls in (sitemaps or SITEMAPS).items()}
    section = request.GET.get("section")
    if section is None:
        return index(request, sitemaps)
    if section not in sitemaps:
        raise Http404
    return sitemap_views.sitemap(
        request, sitemaps, section=section, template_name="jobs/sitemap.xml"
    )


def index(request, sitemaps):
    base = settings.SITE_URL + reverse("sitemap")
    locations = []
    for name, sitemap_class in sitemaps.items():
        pages = sitemap_class().paginator.num_pages
        locations.append(f"{base}?section={name}")
        locations.extend(f"{base}?section={name}&p={page}" for page in range(2, pages + 1))
    response = TemplateResponse(
        request,
        "jobs/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml",
    )
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
