"""Full-text search of the catalogue (catalogue/search.py): folding, stemming in French,
English and Spanish, cross-language search, ranking, sorting, pagination, facets. The same
tests run on SQLite (FTS5) and on PostgreSQL (DATABASE_URL=postgres://...)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from tests.catalogue.factories import make_innovation
from tremplin.catalogue import indexing, search
from tremplin.catalogue.models import FacetValue, InnovationVersion, SearchDocument

pytestmark = pytest.mark.django_db


def found(text="", **kwargs) -> list[int]:
    filters = {k: frozenset(v) for k, v in kwargs.pop("filters", {}).items()}
    return search.search(search.Query(text=text, filters=filters, **kwargs)).ids


def test_the_index_is_the_expected_kind():
    expected = "postgresql" if connection.vendor == "postgresql" else "fts5"
    assert search.backend() == expected


def test_accents_are_folded_both_ways():
    aged = make_innovation(title="Accompagner les personnes âgées", original_language="fr")
    plain = make_innovation(title="Les agees et le numerique", original_language="fr")
    assert set(found("agees")) == {aged.pk, plain.pk}
    assert set(found("ÂGÉES")) == {aged.pk, plain.pk}


def test_french_stemming_matches_other_forms_of_a_word():
    record = make_innovation(title="Accompagnement par des bénévoles", original_language="fr")
    assert found("bénévole accompagner") == [record.pk]
    assert found("accompagnements") == [record.pk]


def test_english_and_spanish_stemming():
    english = make_innovation(title="Volunteers helping refugees", original_language="en")
    spanish = make_innovation(title="Acompañamiento de personas refugiadas", original_language="es")
    assert found("refugee") == [english.pk]
    assert found("refugiada acompañar") == [spanish.pk]
    assert found("volunteer help") == [english.pk]


def test_every_term_is_required():
    both = make_innovation(title="Télé-assistance pour personnes âgées", original_language="fr")
    make_innovation(title="Assistance alimentaire", original_language="fr")
    assert found("assistance âgées") == [both.pk]


def test_a_spanish_query_finds_a_french_record_through_its_spanish_translation():
    record = make_innovation(
        title={"fr": "Lutter contre l'isolement", "es": "Luchar contra la soledad"},
        solution={"fr": "Des appels réguliers", "es": "Llamadas telefónicas regulares"},
        original_language="fr",
    )
    assert found("llamadas soledad") == [record.pk]
    # Words from two language versions do not combine into one match.
    assert found("llamadas isolement") == []


def test_a_spanish_query_finds_a_french_only_record_through_its_facets():
    record = make_innovation(
        title="Visites de convivialité", original_language="fr", publics=["older-people"]
    )
    make_innovation(title="Autre chose", original_language="fr", publics=["migrants"])
    assert found("mayores") == [record.pk]
    assert found("older") == [record.pk]


def test_country_names_are_searchable_in_every_language():
    record = make_innovation(title="Cuisine solidaire", country="ES", original_language="fr")
    make_innovation(title="Cuisine solidaire bis", country="FR", original_language="fr")
    assert found("España") == [record.pk]
    assert found("Espagne") == [record.pk]


def test_arabic_is_matched_without_stemming():
    record = make_innovation(title={"ar": "مساعدة اللاجئين"}, original_language="ar")
    assert found("اللاجئين") == [record.pk]


def test_punctuation_and_operators_in_the_query_do_no_harm():
    record = make_innovation(title="Aide alimentaire", original_language="fr")
    for query in ['aide" OR "x', "aide AND NOT", "aide*", "(aide", "aide:title", "-aide", "'"]:
        results = found(query)
        assert results in ([record.pk], []), query
    assert found("   ") == [record.pk]  # no words: everything, newest first


def test_title_matches_rank_before_matches_in_the_text():
    in_text = make_innovation(
        title="Plateforme numérique", solution="Pour les aidants familiaux", original_language="fr"
    )
    in_title = make_innovation(title="Répit des aidants", original_language="fr")
    assert found("aidants") == [in_title.pk, in_text.pk]


def test_sort_by_date():
    now = timezone.now()
    old = make_innovation(title="Répit des aidants", published_at=now - datetime.timedelta(days=30))
    new = make_innovation(title="Plateforme", solution="Pour les aidants", published_at=now)
    assert found("aidants", sort=search.SORT_DATE) == [new.pk, old.pk]
    assert found("aidants") == [old.pk, new.pk]


def test_pagination_gives_every_result_once_in_order():
    now = timezone.now()
    records = [
        make_innovation(title=f"Jardin partagé {i}", published_at=now - datetime.timedelta(days=i))
        for i in range(7)
    ]
    pages = [found("jardin", sort=search.SORT_DATE, page=n, per_page=3) for n in (1, 2, 3)]
    assert pages[0] == [r.pk for r in records[:3]]
    assert [pk for page in pages for pk in page] == [r.pk for r in records]
    results = search.search(search.Query(text="jardin", page=3, per_page=3))
    assert results.total == 7
    assert results.num_pages == 3
    assert found("jardin", page=4, per_page=3) == []


def test_only_published_innovations_are_found():
    make_innovation(title="Brouillon solidaire", state=InnovationVersion.State.DRAFT)
    published = make_innovation(title="Publication solidaire")
    assert found("solidaire") == [published.pk]


def test_taking_down_removes_from_the_index():
    record = make_innovation(title="Épicerie solidaire")
    record.published = None
    record.save()
    indexing.reindex(record)
    assert found("épicerie") == []
    assert not SearchDocument.objects.filter(innovation=record).exists()
    assert not FacetValue.objects.filter(innovation=record).exists()


def test_reindex_replaces_the_documents():
    record = make_innovation(title="Épicerie solidaire")
    version = record.published
    version.title = {"fr": "Vestiaire solidaire"}
    version.save()
    indexing.reindex(record)
    assert found("épicerie") == []
    assert found("vestiaire") == [record.pk]
    assert SearchDocument.objects.filter(innovation=record).count() == 4


def test_reindex_all_rebuilds_everything():
    first = make_innovation(title="Épicerie solidaire", themes=["food-aid"])
    second = make_innovation(title="Vestiaire solidaire", themes=["food-aid"])
    SearchDocument.objects.all().delete()  # the FTS rows are left behind, as after a restore
    assert indexing.reindex_all(batch_size=1) == 2
    assert set(found("solidaire")) == {first.pk, second.pk}
    assert SearchDocument.objects.count() == 8
    assert search.search(search.Query()).facets["theme"] == {"food-aid": 2}


def test_similar_innovations_share_facets():
    record = make_innovation(title="A", themes=["elderly", "health"], publics=["older-people"])
    close = make_innovation(title="B", themes=["elderly", "health"], publics=["older-people"])
    farther = make_innovation(title="C", themes=["elderly"])
    make_innovation(title="D", themes=["migrations"])
    make_innovation(title="E", themes=["elderly"], state=InnovationVersion.State.DRAFT)
    assert search.similar(record.pk) == [close.pk, farther.pk]


def test_browsing_pages_are_cached_until_the_index_changes(django_assert_num_queries):
    """Without words and with one filter at most, a search comes from the cache; publishing,
    taking down and deleting each make the next search count again."""
    first = make_innovation(title="Épicerie solidaire", country="ES")
    home = search.Query()
    spain = search.Query(filters={"country": frozenset({"ES"})})
    assert search.search(home).total == 1
    assert search.search(spain).facets["country"] == {"ES": 1}
    with django_assert_num_queries(0):  # the test cache is in memory
        assert search.search(home).total == 1
        assert search.search(spain).total == 1
    second = make_innovation(title="Vestiaire", country="ES")
    assert search.search(home).total == 2
    assert search.search(spain).facets["country"] == {"ES": 2}
    second.published = None
    second.save()
    indexing.reindex(second)
    assert search.search(home).ids == [first.pk]
    first.delete()
    assert search.search(home).total == 0
    assert search.search(spain).facets["country"] == {}


def test_words_and_filters_are_intersected_in_the_index():
    """The facet tokens are in the index with the words: the index itself returns the
    innovations matching the words and the filters, and the counts of a filtered facet come
    from the innovations matching the words and the other facets' filters."""
    both = make_innovation(title="Épicerie", country="ES", stage="pilot")
    country_only = make_innovation(title="Épicerie", country="ES", stage="idea")
    make_innovation(title="Épicerie", country="FR", stage="idea")
    make_innovation(title="Vestiaire", country="ES", stage="pilot")
    alternatives = search.query_alternatives("épicerie")

    def matched(filters):
        sql, params = search._match_sql(alternatives, ["epicerie"], filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}

    assert matched({"country": ["ES"], "stage": ["pilot"]}) == {both.pk}
    assert matched({"country": ["ES"]}) == {both.pk, country_only.pk}
    assert matched({"country": ["ES", "FR"], "stage": ["idea"]}) == {
        country_only.pk,
        *matched({"country": ["FR"], "stage": ["idea"]}),
    }
    result = search.search(
        search.Query(
            text="épicerie", filters={"country": frozenset({"ES"}), "stage": frozenset({"pilot"})}
        )
    )
    assert (result.ids, result.facets["stage"], result.facets["country"]) == (
        [both.pk],
        {"pilot": 1, "idea": 1},
        {"ES": 1},
    )
