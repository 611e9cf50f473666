"""`tremplin manage catalogue_reindex` rebuilds the index in batches."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.catalogue.factories import make_innovation
from tremplin.catalogue import search
from tremplin.catalogue.models import FacetValue, SearchDocument

pytestmark = pytest.mark.django_db


def test_the_command_rebuilds_documents_and_facets():
    first = make_innovation(title="Épicerie solidaire", themes=["food-aid"])
    second = make_innovation(title="Vestiaire solidaire", country="ES")
    SearchDocument.objects.filter(innovation=first).delete()
    FacetValue.objects.all().delete()
    out = StringIO()
    call_command("catalogue_reindex", "--batch-size", "1", stdout=out)
    assert "2 innovations" in out.getvalue()
    assert set(search.search(search.Query(text="solidaire")).ids) == {first.pk, second.pk}
    assert search.search(search.Query()).facets["country"] == {"FR": 1, "ES": 1}
    assert SearchDocument.objects.count() == 8


def test_an_empty_index_is_rebuilt_after_migrate():
    """A new index layout (or a restored database) leaves the index empty: the post_migrate
    handler rebuilds it when published innovations exist, and leaves a full index alone."""
    from tremplin.catalogue import indexing

    record = make_innovation(title="Épicerie solidaire", themes=["food-aid"])
    search.clear()
    assert search.search(search.Query(text="solidaire")).ids == []
    assert indexing.rebuild_if_empty() == 1
    assert search.search(search.Query(text="solidaire")).ids == [record.pk]
    assert indexing.rebuild_if_empty() == 0


def test_deleting_an_innovation_removes_it_from_the_index():
    record = make_innovation(title="Épicerie solidaire", country="ES")
    record.delete()
    found = search.search(search.Query(text="solidaire", filters={"country": frozenset({"ES"})}))
    assert (found.ids, found.total, found.facets["country"]) == ([], 0, {})
