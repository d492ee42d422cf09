"""Sitemap entries for the public company pages (added to the site's sitemap by jobs/sitemaps)."""

from django.contrib.sitemaps import Sitemap

from employers.models import Company


class CompanySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Company.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, company):
        return company.updated_at
