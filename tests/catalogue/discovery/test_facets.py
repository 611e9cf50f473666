"""Facet counts: AND across facets, OR within a facet, and the count of a facet's value is
computed with the text and the OTHER facets' filters applied. Every count is compared with a
naive count over the published versions' own fields (not the FacetValue rows)."""

from __future__ import annotations

import itertools
import random

import pytest

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue import search
from tremplin.catalogue.models import Innovation, InnovationVersion

pytestmark = pytest.mark.django_db

THEMES = ["elderly", "health", "migrations", "food-aid"]
PUBLICS = ["older-people", "migrants", "homeless"]
COUNTRIES = ["FR", "ES", "SN"]
STAGES = ["idea", "pilot", "scaled"]


@pytest.fixture
def catalogue():
    rng = random.Random(5)
    owner = make_person()
    records = []
    for n in range(30):
        records.append(
            make_innovation(
                owner,
                title={"fr": f"Projet {n} " + rng.choice(["jardin", "cuisine", "jardin partagé"])},
                themes=rng.sample(THEMES, rng.randint(0, 2)),
                publics=rng.sample(PUBLICS, rng.randint(0, 2)),
                sdgs=rng.sample([1, 3, 10], rng.randint(0, 2)),
                country=rng.choice(COUNTRIES),
                stage=rng.choice(STAGES),
            )
        )
    make_innovation(
        title="Jardin brouillon", state=InnovationVersion.State.DRAFT, themes=["elderly"]
    )
    return records


def values_of(version: InnovationVersion) -> dict[str, set[str]]:
    return {
        "theme": {b.code for b in version.business_lines.all()},
        "public": {p.code for p in version.publics.all()},
        "sdg": {str(g.number) for g in version.sdgs.all()},
        "country": {str(version.country)} if version.country else set(),
        "stage": {version.stage} if version.stage else set(),
    }


def naive(text_matches: set[int], filters: dict[str, set[str]]):
    """(total, {facet: {value: count}}) by looking at every published innovation in Python."""
    rows = {
        innovation.pk: values_of(innovation.published)
        for innovation in Innovation.objects.filter(published__isnull=False).select_related(
            "published"
        )
    }
    rows = {pk: values for pk, values in rows.items() if pk in text_matches}

    def passes(values, exclude=None):
        return all(values[facet] & chosen for facet, chosen in filters.items() if facet != exclude)

    total = sum(1 for values in rows.values() if passes(values))
    counts: dict[str, dict[str, int]] = {facet: {} for facet in search.FACETS}
    for values in rows.values():
        for facet in search.FACETS:
            if passes(values, exclude=facet):
                for value in values[facet]:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return total, counts


def run(text, filters):
    return search.search(
        search.Query(text=text, filters={k: frozenset(v) for k, v in filters.items()}, per_page=100)
    )


FILTER_CASES = [
    {},
    {"theme": {"elderly"}},
    {"theme": {"elderly", "health"}},  # OR within a facet
    {"theme": {"elderly"}, "country": {"FR"}},  # AND across facets
    {"public": {"migrants"}, "stage": {"pilot", "scaled"}, "sdg": {"3"}},
    {"country": {"ES"}, "public": {"homeless"}, "theme": {"food-aid"}, "stage": {"idea"}},
]


def test_counts_equal_a_naive_count(catalogue):
    all_ids = set(Innovation.objects.values_list("pk", flat=True))
    jardin = {r.pk for r in catalogue if "jardin" in r.published.title["fr"]}
    assert set(run("jardin", {}).ids) == jardin
    for text, filters in itertools.product(["", "jardin", "partagé"], FILTER_CASES):
        matches = set(run(text, {}).ids) if text else all_ids
        total, counts = naive(matches, filters)
        found = run(text, filters)
        assert found.total == total, (text, filters)
        assert found.facets == counts, (text, filters)
        assert len(found.ids) == total, (text, filters)


def test_a_facet_count_says_what_adding_the_value_would_give(catalogue):
    base = {"country": {"FR"}}
    found = run("", base)
    for theme, count in found.facets["theme"].items():
        assert run("", {**base, "theme": {theme}}).total == count


def test_results_of_two_values_of_a_facet_are_the_union(catalogue):
    elderly = set(run("", {"theme": {"elderly"}}).ids)
    health = set(run("", {"theme": {"health"}}).ids)
    assert set(run("", {"theme": {"elderly", "health"}}).ids) == elderly | health


def test_results_of_two_facets_are_the_intersection(catalogue):
    for theme, country in itertools.product(THEMES[:2], COUNTRIES[:2]):
        both = set(run("", {"theme": {theme}, "country": {country}}).ids)
        assert both == set(run("", {"theme": {theme}}).ids) & set(
            run("", {"country": {country}}).ids
        )


def test_unknown_facets_are_ignored():
    query = search.Query(filters={"colour": frozenset(["red"])})
    assert query.active_filters() == {}
