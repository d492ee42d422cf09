from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from infra.feeds import XMLSafeRssFeed

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """/blog/feed/: the newest published articles (RSS 2.0)."""

    # A stray control character in a title or summary must not break the whole feed.
    feed_type = XMLSafeRssFeed

    title = "healthcareers: career guides and articles"
    description = (
        "Career guides with pay and outlook, hiring guides and news for healthcare careers."
    )

    def link(self):
        return reverse("articles:index")

    def items(self):
        return Article.objects.published().for_listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take a feed item's description as HTML; the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
