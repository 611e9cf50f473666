"""The Atom feed of new innovations: the latest first publications, worded in the reader's
language (the interface language, or ?language=es for a feed reader that sends no
preference), each with its licence. Only published innovations appear."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import export
from .queries.discovery import published_innovations

FEED_LENGTH = 50


def feed_language(request) -> str:
    """?language=xx when it is a platform language, otherwise the interface language."""
    asked = (request.GET.get("language") or "").strip().lower()
    if asked in dict(settings.LANGUAGES):
        return asked
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


class NewInnovationsFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        language = feed_language(request)
        with translation.override(language):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_object(self, request, *args, **kwargs):
        return feed_language(request)

    def feed_url(self, language):
        return f"{reverse('catalogue:feed')}?language={language}"

    def title(self):
        return _("New innovations · %(platform)s") % {"platform": settings.TREMPLIN_PLATFORM_NAME}

    def subtitle(self):
        return _(
            "Social innovations newly published in the movement's shared catalogue, so that "
            "others can replicate them."
        )

    def link(self):
        return reverse("catalogue:home")

    def feed_copyright(self):
        licence = export.licence_info()
        return _("Content under %(licence)s (%(url)s) unless an entry says otherwise.") % {
            "licence": licence.name,
            "url": licence.url or licence.id,
        }

    def items(self):
        return list(
            published_innovations()
            .select_related("published", "published__national_society")
            .prefetch_related("published__business_lines")
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.published.title.shown().text or item.slug

    def item_description(self, item):
        # Atom summaries are HTML: the pitch is plain text, escaped once.
        version = item.published
        return escape(export.plain_text(version.pitch.shown().text))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        version = item.published
        if version.national_society_id:
            return version.national_society.name
        return version.carrying_organisation or None

    def item_categories(self, item):
        return [line.name.shown().text for line in item.published.business_lines.all()]

    def item_copyright(self, item):
        licence = export.licence_info(item.licence)
        return f"{licence.name} ({licence.url})" if licence.url else licence.name
