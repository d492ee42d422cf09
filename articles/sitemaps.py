from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article


class ArticleSitemap(Sitemap):
    """Published articles, for /sitemap.xml."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-publish_at")

    def lastmod(self, item):
        return item.updated_at


class BlogIndexSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["articles:index"]

    def location(self, item):
        return reverse(item)
