"""sitemap.xml: an index of two sections, the published innovations (with the date of their
current version) and the public pages. Mounted at the site's root by tremplin/urls.py."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import NoReverseMatch, path, reverse

from . import export
from .feeds import catalogue_home_path

# Public pages, by URL name. A name that does not resolve (a part not installed) is skipped.
PUBLIC_PAGES = [
    "core:home",
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
        return export.published_innovations().only("slug", "published_at").order_by("pk")

    def location(self, item):
        return self._path_of(item.slug)

    def lastmod(self, item):
        return item.published_at


class PublicPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        pages = ["catalogue-home"]
        for name in PUBLIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            pages.append(name)
        return pages

    def location(self, item):
        return catalogue_home_path() if item == "catalogue-home" else reverse(item)


SITEMAPS = {"innovations": InnovationSitemap, "pages": PublicPagesSitemap}

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
