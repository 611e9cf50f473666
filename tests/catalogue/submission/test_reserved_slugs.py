"""An innovation's address is /innovations/<slug>/: a slug equal to the first segment of one of
the catalogue's own pages (share/, moderation/, api/...) would be hidden by that page. The list
of reserved slugs is written down in the models; this test keeps it equal to the URL patterns
(test_services.py checks that a title equal to one of them gets another address)."""

from tremplin.catalogue.models import RESERVED_SLUGS
from tremplin.catalogue.urls import urlpatterns


def first_segments() -> set[str]:
    return {
        str(pattern.pattern).split("/")[0]
        for pattern in urlpatterns
        if not str(pattern.pattern).startswith("<")
    } - {""}


def test_the_reserved_slugs_are_the_first_segments_of_the_catalogue_pages():
    assert first_segments() == RESERVED_SLUGS
