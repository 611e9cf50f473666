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
