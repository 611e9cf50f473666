"""The catalogue's read-only JSON API (django-ninja, OpenAPI 3), mounted at /innovations/api/:
the published innovations, filtered like the catalogue's facets, and one innovation by its
address. Nothing that is not published is ever returned. The docs page is ours (a plain
server-rendered page, no JavaScript, readable in every language): see views.opendata."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import urlencode
from ninja import Field, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import DocsBase
from ninja.throttling import AnonRateThrottle

from tremplin.core.api import PlatformAPI
from tremplin.core.pagination import MAX_PAGE
from tremplin.core.ratelimit import client_address

from . import export, opendata_text, search
from .models import Stage
from .queries.discovery import published_innovations
from .views.opendata import api_docs

MAX_PAGE_SIZE = 100

with translation.override("en"):
    _HELP = {name: str(text) for name, text in opendata_text.JSON_HELP.items()}


def _described(name: str):
    return Field(description=_HELP[name])


class LicenceOut(Schema):
    id: str = Field(description="SPDX identifier of the licence, e.g. CC-BY-4.0.")
    name: str
    url: str = Field(description="The licence's text; empty for a licence the platform lists not.")


class ImpactFigureOut(Schema):
    label: dict[str, str] = Field(description="What it measures, {language: text}.")
    value: str = Field(description='A decimal number, as text (e.g. "1200.00").')
    unit: str
    source: str
    measured_on: date


class LinkOut(Schema):
    title: str
    url: str


class InnovationOut(Schema):
    slug: str = _described("slug")
    url: str = _described("url")
    version: int = _described("version")
    original_language: str = _described("original_language")
    languages: list[str] = _described("languages")
    title: dict[str, str] = _described("title")
    pitch: dict[str, str] = _described("pitch")
    need: dict[str, str] = _described("need")
    solution: dict[str, str] = _described("solution")
    value_proposition: dict[str, str] = _described("value_proposition")
    results: dict[str, str] = _described("results")
    transfer_potential: dict[str, str] = _described("transfer_potential")
    resources: dict[str, str] = _described("resources")
    partners_needed: dict[str, str] = _described("partners_needed")
    translated_by_moderators: dict[str, list[str]] = _described("translated_by_moderators")
    stage: str | None = _described("stage")
    cost_range: str | None = _described("cost_range")
    duration_months: int | None = _described("duration_months")
    country: str | None = _described("country")
    national_society: str | None = _described("national_society")
    carrying_organisation: str = _described("carrying_organisation")
    themes: list[str] = _described("themes")
    publics: list[str] = _described("publics")
    sdgs: list[int] = _described("sdgs")
    impact_figures: list[ImpactFigureOut] = _described("impact_figures")
    links: list[LinkOut] = _described("links")
    first_published_at: str = _described("first_published_at")
    published_at: str = _described("published_at")
    licence: LicenceOut = _described("licence")


class PageOut(Schema):
    count: int = Field(description="How many innovations match, on all pages.")
    page: int
    page_size: int
    pages: int = Field(description="How many pages there are.")
    next: str | None = Field(description="The address of the next page, or null.")
    previous: str | None = Field(description="The address of the previous page, or null.")
    facets: dict[str, dict[str, int]] = Field(
        description=(
            "{facet: {value: count}} for theme, public, country, sdg and stage: how many "
            "innovations you would get by adding that value to the filter of that facet."
        )
    )
    items: list[InnovationOut]


class Filters(Schema):
    """The catalogue's facets: several values of one facet match any of them; different
    facets must all match."""

    theme: list[str] = Field(
        default_factory=list, description="Theme (business line) codes; see /vocabularies."
    )
    public: list[str] = Field(default_factory=list, description="Target public codes.")
    country: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes.")
    sdg: list[int] = Field(default_factory=list, description="Goal numbers, 1 to 17.")
    stage: list[Stage] = Field(default_factory=list, description="Stages.")
    q: str = Field(
        "",
        max_length=200,
        description="Words to search for, in any language (full text, accents folded).",
    )
    page: int = Field(
        1,
        ge=1,
        le=MAX_PAGE,
        description="The page, from 1; past the last page (see pages), 404. Page 1 always exists.",
    )
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class VocabulariesOut(Schema):
    themes: dict[str, dict[str, str]] = Field(description="{code: {language: name}}")
    publics: dict[str, dict[str, str]] = Field(description="{code: {language: name}}")
    sdgs: dict[str, dict[str, str]] = Field(description="{number: {language: name}}")
    stages: dict[str, dict[str, str]] = Field(description="{code: {language: label}}")
    cost_ranges: dict[str, dict[str, str]] = Field(description="{code: {language: label}}")


class CatalogueDocs(DocsBase):
    """The API's documentation page, rendered from the OpenAPI schema by our own template."""

    def render_page(self, request, api, **kwargs):
        return api_docs(request, api, self.get_openapi_url(api, kwargs))


class ClientRateThrottle(AnonRateThrottle):
    """At most settings.TREMPLIN_API_RATE requests per client address (behind the number of
    proxies TRUSTED_PROXY_COUNT says, as the sign-in limits count them); over it, 429."""

    scope = "catalogue-api"

    def __init__(self):
        super().__init__(settings.TREMPLIN_API_RATE)

    def get_cache_key(self, request: HttpRequest) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


api = PlatformAPI(
    title="Tremplin innovation catalogue",
    version="1",
    description=(
        "Read-only access to the innovations published in the catalogue, with their "
        "translations. Only published content is returned. Each record has a licence "
        "(default CC BY 4.0): see the licence field."
    ),
    urls_namespace="catalogue:api",
    docs=CatalogueDocs(),
    docs_url="/docs/",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _query(filters: Filters) -> search.Query:
    chosen = {
        "theme": filters.theme,
        "public": filters.public,
        "country": [code.upper() for code in filters.country],
        "sdg": [str(number) for number in filters.sdg],
        "stage": [str(getattr(stage, "value", stage)) for stage in filters.stage],
    }
    return search.Query(
        text=filters.q.strip(),
        filters={facet: frozenset(values) for facet, values in chosen.items() if values},
        sort=search.SORT_RELEVANCE,
        page=filters.page,
        per_page=filters.page_size,
    )


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(request.path) + "?" + urlencode(query, doseq=True)


@api.get(
    "/innovations",
    response=PageOut,
    url_name="innovation_list",
    summary="Published innovations",
    description=(
        "The published innovations, newest first (by relevance when q is given), a page at a "
        "time. Filters combine: several values of one facet match any of them; different "
        "facets must all match. A page past the last one is a 404."
    ),
)
def innovation_list(request: HttpRequest, filters: Annotated[Filters, Query()]):
    results = search.search(_query(filters))
    if filters.page > results.num_pages:
        raise HttpError(404, "No such page: see pages.")
    found = export.prefetch_for_records(published_innovations().filter(pk__in=results.ids))
    by_id = {innovation.pk: innovation for innovation in found}
    innovations = [by_id[pk] for pk in results.ids if pk in by_id]
    count, pages = results.total, results.num_pages
    base = _base(request)
    url_of = export.url_maker(base)
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": pages,
        "next": _page_url(request, filters.page + 1) if filters.page < pages else None,
        "previous": _page_url(request, filters.page - 1) if filters.page > 1 else None,
        "facets": results.facets,
        "items": [
            export.record_as_json(export.record_of(innovation), url_of, base)
            for innovation in innovations
        ],
    }


@api.get(
    "/innovations/{slug}",
    response=InnovationOut,
    url_name="innovation_detail",
    summary="One published innovation",
    description="A published innovation by its slug; 404 when there is none.",
)
def innovation_detail(request: HttpRequest, slug: str):
    innovation = get_object_or_404(export.prefetch_for_records(published_innovations()), slug=slug)
    base = _base(request)
    return export.record_as_json(export.record_of(innovation), export.url_maker(base), base)


@api.get(
    "/vocabularies",
    response=VocabulariesOut,
    url_name="vocabularies",
    summary="Codes and names",
    description="The themes, target publics, goals, stages and cost ranges, in every language.",
)
def vocabularies(request: HttpRequest):
    return export.Vocabularies().as_json()
