"""Keep the search documents and facet rows of an innovation in step with its published
version. Called by services.moderation whenever what is online changes."""

from __future__ import annotations

from django.db import transaction

from .models import FacetValue, Innovation, SearchDocument


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


def document_bodies(innovation: Innovation) -> dict[str, str]:
    """{language: searchable text} for each language the published version is written in,
    with the facet names in that language."""
    version = innovation.published
    bodies = {}
    for language in version.languages:
        parts = [getattr(version, name).in_language(language) for name in version.TEXT_FIELDS]
        parts += [b.name.shown(language).text for b in version.business_lines.all()]
        parts += [p.name.shown(language).text for p in version.publics.all()]
        parts += [g.name.shown(language).text for g in version.sdgs.all()]
        parts.append(version.carrying_organisation)
        bodies[language] = "\n".join(p for p in parts if p)
    return bodies


@transaction.atomic
def reindex(innovation: Innovation) -> None:
    """Replace the innovation's search documents and facet rows by those of its published
    version, or remove them when nothing is published."""
    unindex(innovation)
    if innovation.published_id is None:
        return
    FacetValue.objects.bulk_create(facet_rows(innovation))
    SearchDocument.objects.bulk_create(
        SearchDocument(innovation=innovation, language=language, body=body)
        for language, body in document_bodies(innovation).items()
    )


def unindex(innovation: Innovation) -> None:
    FacetValue.objects.filter(innovation=innovation).delete()
    SearchDocument.objects.filter(innovation=innovation).delete()
