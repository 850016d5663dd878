"""RSS and Atom feeds of the public news, for the editors of the WeChat official account."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from materials.selectors import public_news

FEED_SIZE = 30


class NewsRssFeed(Feed):
    title = _("Party-building news")
    link = reverse_lazy("news_list")
    description = _("Public news of the Party-building co-building portal.")

    def items(self):
        # Asked as an anonymous visitor: only published public news, whoever fetches it.
        return (
            public_news()
            .select_related("owner").prefetch_related("topics")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers and the official account's editor resolve no relative address.
        site = settings.SITE_URL.rstrip("/")
        return item.body.replace('src="/', f'src="{site}/') if item.body else item.excerpt

    def item_link(self, item):
        return reverse("news_detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.owner.name

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
