"""sitemap.xml: an index of three sections: the published innovations (with the date of their
current version), the catalogue's pages (its home and the pages of each theme, public,
country and goal that has published innovations) and the other public pages. Mounted at the
site's root by tremplin/urls.py."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import NoReverseMatch, path, reverse

from . import export
from .models import FacetValue
from .queries.discovery import published_innovations

# Public pages, by URL name. A name that does not resolve (a part not installed) is skipped.
PUBLIC_PAGES = [
    "home:home",
    "programmes:call_list",
    "catalogue:opendata",
    "catalogue:api:openapi-view",
]


class InnovationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10000

    def items(self):
        self._path_of = export.url_maker("")
        return published_innovations().only("slug", "published_at").order_by("pk")

    def location(self, item):
        return self._path_of(item.slug)

    def lastmod(self, item):
        return item.published_at


# The discovery part's page of each facet value, by facet.
FACET_PAGES = {
    "theme": "catalogue:theme",
    "public": "catalogue:public",
    "country": "catalogue:country",
    "sdg": "catalogue:sdg",
}


class CataloguePagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        values = (
            FacetValue.objects.filter(
                facet__in=FACET_PAGES,
                innovation__in=published_innovations().values("pk"),
            )
            .values_list("facet", "value")
            .distinct()
            .order_by("facet", "value")
        )
        paths = [reverse("catalogue:home")]
        for facet, value in values:
            try:
                paths.append(reverse(FACET_PAGES[facet], args=[value]))
            except NoReverseMatch:  # a value its page does not take
                continue
        return paths

    def location(self, item):
        return item


class PublicPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        pages = []
        for name in PUBLIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            pages.append(name)
        return pages

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "innovations": InnovationSitemap,
    "catalogue": CataloguePagesSitemap,
    "pages": PublicPagesSitemap,
}

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
