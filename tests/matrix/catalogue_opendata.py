"""Catalogue open data: the downloads and their README, the API (and its docs), the Atom feed
and the sitemap are public, for every role alike. The API's root answers 404 (the docs are
one level down)."""

from django.urls import reverse

from .base import NOT_FOUND, Case, by_name, public


def extend_objects(objects, people):
    from tests.catalogue.factories import make_innovation

    objects["catalogue_opendata"] = {
        "published": make_innovation(title="Matrice open data"),
    }


def _api_detail(o):
    slug = o["catalogue_opendata"]["published"].slug
    return reverse("catalogue:api:innovation_detail", kwargs={"slug": slug})


CASES = [
    Case("catalogue:opendata", by_name("catalogue:opendata"), public),
    Case("catalogue:opendata_csv", by_name("catalogue:opendata_csv"), public),
    Case("catalogue:opendata_json", by_name("catalogue:opendata_json"), public),
    Case("catalogue:feed", by_name("catalogue:feed"), public),
    Case("catalogue:api:api-root", by_name("catalogue:api:api-root"), lambda role: NOT_FOUND),
    Case("catalogue:api:openapi-json", by_name("catalogue:api:openapi-json"), public),
    Case("catalogue:api:openapi-view", by_name("catalogue:api:openapi-view"), public),
    Case("catalogue:api:innovation_list", by_name("catalogue:api:innovation_list"), public),
    Case("catalogue:api:innovation_detail", _api_detail, public),
    Case("catalogue:api:vocabularies", by_name("catalogue:api:vocabularies"), public),
    Case("sitemap", by_name("sitemap"), public),
    Case(
        "sitemap_section",
        lambda o: reverse("sitemap_section", kwargs={"section": "innovations"}),
        public,
    ),
]
