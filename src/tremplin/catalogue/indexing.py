"""Keep the search documents and facet rows of an innovation in step with its published
version. Called by services.moderation whenever what is online changes; `reindex_all`
rebuilds everything in batches (`tremplin manage catalogue_reindex`, the benchmark).

One SearchDocument per platform language, whether or not the record is written in it: the
document of a language the record lacks holds only its facet names in that language (see
search.py), so that a search in any language finds the record through its themes, publics,
SDGs and country."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.html import strip_tags
from django_countries import countries

from . import search
from .models import FacetValue, Innovation, InnovationVersion, SearchDocument

HEAD_FIELDS = ("title", "pitch")


def facet_rows(innovation: Innovation) -> list[FacetValue]:
    version = innovation.published
    rows = [
        FacetValue(innovation=innovation, facet="theme", value=b.code)
        for b in version.business_lines.all()
    ]
    rows += [
        FacetValue(innovation=innovation, facet="public", value=p.code)
        for p in version.publics.all()
    ]
    rows += [
        FacetValue(innovation=innovation, facet="sdg", value=str(g.number))
        for g in version.sdgs.all()
    ]
    if version.country:
        rows.append(FacetValue(innovation=innovation, facet="country", value=str(version.country)))
    if version.stage:
        rows.append(FacetValue(innovation=innovation, facet="stage", value=version.stage))
    return rows


_COUNTRY_NAMES: dict[tuple[str, str], str] = {}


def country_name(code: str, language: str) -> str:
    key = (code, language)
    if key not in _COUNTRY_NAMES:
        with translation.override(language):
            _COUNTRY_NAMES[key] = str(countries.name(code)) if code else ""
    return _COUNTRY_NAMES[key]


def _plain(translated, language: str) -> str:
    """A text field in `language` as plain text (rich text is stored as sanitised HTML)."""
    text = translated.in_language(language)
    return html.unescape(strip_tags(text)) if "<" in text or "&" in text else text


def _name(translated, language: str) -> str:
    return translated.in_language(language) or translated.shown(language).text


def document_bodies(innovation: Innovation) -> dict[str, str]:
    """{language: SearchDocument body} for every platform language: the record's text in that
    language (empty when it lacks it) and its facet names in that language."""
    version = innovation.published
    themes = list(version.business_lines.all())
    publics = list(version.publics.all())
    sdgs = list(version.sdgs.all())
    society = version.national_society.name if version.national_society_id else ""
    bodies = {}
    for language, _label in settings.LANGUAGES:
        head = "\n".join(_plain(getattr(version, name), language) for name in HEAD_FIELDS)
        text = "\n".join(
            _plain(getattr(version, name), language)
            for name in version.TEXT_FIELDS
            if name not in HEAD_FIELDS
        )
        facets = [_name(item.name, language) for item in (*themes, *publics, *sdgs)]
        facets += [
            country_name(str(version.country), language),
            society,
            version.carrying_organisation,
        ]
        bodies[language] = search.document_body(head, text, "\n".join(f for f in facets if f))
    return bodies


def _documents(innovation: Innovation) -> list[SearchDocument]:
    return [
        SearchDocument(innovation=innovation, language=language, body=body)
        for language, body in document_bodies(innovation).items()
    ]


@transaction.atomic
def reindex(innovation: Innovation) -> None:
    """Replace the innovation's search documents and facet rows by those of its published
    version, or remove them when nothing is published."""
    unindex(innovation)
    if innovation.published_id is None:
        return
    facets = FacetValue.objects.bulk_create(facet_rows(innovation))
    search.write_documents(SearchDocument.objects.bulk_create(_documents(innovation)), facets)


def unindex(innovation: Innovation) -> None:
    search.index_changed()
    search.delete_documents([innovation.pk])
    FacetValue.objects.filter(innovation=innovation).delete()
    SearchDocument.objects.filter(innovation=innovation).delete()


def published_for_indexing():
    """Published innovations with what document_bodies and facet_rows read, in few queries."""
    version_fields = InnovationVersion.objects.select_related("national_society").prefetch_related(
        "business_lines", "publics", "sdgs"
    )
    return Innovation.objects.filter(published__isnull=False).prefetch_related(
        Prefetch("published", queryset=version_fields)
    )


def reindex_all(batch_size: int = 500, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index (documents, FTS rows, facet rows) in batches, one transaction
    each; returns the number of innovations indexed. The search may miss records while it
    runs: run it when the catalogue is quiet (after a change of analysis, a restore)."""
    with transaction.atomic():
        search.clear()
        FacetValue.objects.all().delete()
        SearchDocument.objects.all().delete()
    ids = list(
        Innovation.objects.filter(published__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        index_batch(published_for_indexing().filter(pk__in=chunk))
        done += len(chunk)
        if progress:
            progress(done, len(ids))
    search.optimise()
    search.index_changed()
    return done


def forget_deleted(instance: Innovation, **_signal) -> None:
    """An innovation was deleted (admin, account erasure): its FTS5 row is not a foreign key,
    remove it; the cached searches are forgotten. Connected to post_delete."""
    search.delete_documents([instance.pk])
    search.index_changed()


def rebuild_if_empty(**_signal) -> int:
    """Rebuild the index when published innovations exist but it has no row (after the
    migration that changes its layout, or a restore): connected to post_migrate."""
    search.forget_index_state()
    if search.index_is_empty() and Innovation.objects.filter(published__isnull=False).exists():
        return reindex_all()
    return 0


@transaction.atomic
def index_batch(innovations: Iterable[Innovation]) -> None:
    """Index innovations that have no documents yet (the fast path of reindex_all)."""
    facets: list[FacetValue] = []
    documents: list[SearchDocument] = []
    for innovation in innovations:
        facets += facet_rows(innovation)
        documents += _documents(innovation)
    FacetValue.objects.bulk_create(facets, batch_size=2000)
    search.write_documents(SearchDocument.objects.bulk_create(documents, batch_size=2000), facets)
