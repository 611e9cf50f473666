"""Reads of the discovery pages: search results with their facets, the innovation page, the
pages per country, SDG, theme and public. The search itself is catalogue/search.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language
from django_countries import countries

from tremplin.core import pagination
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .. import search
from ..models import Innovation, InnovationVersion, Stage, TargetPublic

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
FACET_PARAMS = {
    "theme": "theme",
    "public": "public",
    "country": "country",
    "sdg": "sdg",
    "stage": "stage",
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # theme, public, ...
    options: list[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass
class ResultsPage:
    query: search.Query
    results: search.Results
    innovations: list[Innovation]
    facets: list[Facet]
    page: object  # a django Page over the total, for the pagination links
    page_range: list = field(default_factory=list)


def facet_labels() -> dict[str, dict[str, str]]:
    """{facet: {value: label}} in the active language (three small reference queries)."""
    language = get_language()
    return {
        "theme": {b.code: b.name.shown(language).text for b in BusinessLine.objects.all()},
        "public": {p.code: p.name.shown(language).text for p in TargetPublic.objects.all()},
        "sdg": {
            str(g.number): f"{g.number}. {g.name.shown(language).text}"
            for g in SustainableDevelopmentGoal.objects.order_by("number")
        },
        "country": {code: str(name) for code, name in countries},
        "stage": {value: str(label) for value, label in Stage.choices},
    }


def parse(params: Mapping, labels: dict[str, dict[str, str]], fixed: dict | None = None):
    """A search.Query from the request's GET parameters; unknown values are ignored (a stale
    link still gives a page). `fixed` filters (a country's page) always apply."""
    text = (params.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    filters: dict[str, frozenset[str]] = {}
    for facet, param in FACET_PARAMS.items():
        values = params.getlist(param) if hasattr(params, "getlist") else params.get(param, [])
        known = frozenset(v for v in values if v in labels[facet])
        if known:
            filters[facet] = known
    for facet, value in (fixed or {}).items():
        filters[facet] = frozenset([value])
    sort = params.get("sort")
    if sort not in (search.SORT_RELEVANCE, search.SORT_DATE):
        sort = search.SORT_RELEVANCE if text else search.SORT_DATE
    page = pagination.requested_page(params.get("page"))
    return search.Query(text=text, filters=filters, sort=sort, page=page, per_page=PER_PAGE)


def cards(ids: list[int]) -> list[Innovation]:
    """The innovations of a list, in the given order, with what a card shows (2 queries)."""
    # Only what a card shows: a version's other texts are long, in every language.
    versions = InnovationVersion.objects.only(
        "id", "innovation_id", "title", "pitch", "country", "stage", "original_language"
    ).prefetch_related("business_lines")
    by_id = {
        innovation.pk: innovation
        for innovation in Innovation.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("published", queryset=versions)
        )
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def results(query: search.Query, labels: dict[str, dict[str, str]] | None = None) -> ResultsPage:
    """One page of results with the facets and their counts."""
    labels = labels if labels is not None else facet_labels()
    found = search.search(query)
    if query.page > found.num_pages:
        # Past the last page (a stale link, a typed number): the last page, read again when
        # there is one to read (the total and the facets do not depend on the page).
        query = dataclasses.replace(query, page=found.num_pages)
        found = search.search(query) if found.total else dataclasses.replace(found, page=1)
    # A page over the count only, for the pagination links: the results are found.ids.
    page = pagination.paginate(range(found.total), query.per_page, query.page)
    facets = []
    for name in search.FACETS:
        counts = found.facets.get(name, {})
        chosen = query.filters.get(name, frozenset())
        options = [
            FacetOption(
                value, labels[name].get(value, value), counts.get(value, 0), value in chosen
            )
            for value in set(counts) | set(chosen)
            if value in labels[name]
        ]
        if name in ("sdg", "stage"):
            order = list(labels[name])
            options.sort(key=lambda o: order.index(o.value))
        else:
            options.sort(key=lambda o: (-o.count, o.label))
        facets.append(Facet(name, options))
    return ResultsPage(
        query=query,
        results=found,
        innovations=cards(found.ids),
        facets=facets,
        page=page,
        page_range=list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
    )


def published_innovations() -> QuerySet[Innovation]:
    """Innovations whose online version is published: the only ones the public pages, the
    exports and the feed show."""
    return Innovation.objects.filter(
        published__isnull=False, published__state=InnovationVersion.State.PUBLISHED
    )


def visible_innovation(slug: str, user) -> tuple[Innovation, InnovationVersion] | None:
    """The innovation at `slug` and the version its page shows: the published one; for those
    who may see it unpublished (its owner, moderators), the latest version. None otherwise."""
    version_fields = InnovationVersion.objects.select_related("national_society").prefetch_related(
        "publics", "business_lines", "sdgs", "figures", "resources_list", "images"
    )
    innovation = (
        Innovation.objects.filter(slug=slug)
        .select_related("owner")
        .prefetch_related(Prefetch("published", queryset=version_fields))
        .first()
    )
    if innovation is None or not user.has_perm("catalogue.view_innovation", innovation):
        return None
    version = innovation.published
    if version is None:
        version = version_fields.filter(innovation=innovation).order_by("-number").first()
        if version is None:
            return None
    return innovation, version


def similar(innovation: Innovation, limit: int = 4) -> list[Innovation]:
    return cards(search.similar(innovation.pk, limit=limit))


def language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}
