"""Innovations for tests: make_innovation() builds a record with one version, published (and
indexed) unless told otherwise."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from tests.conftest import make_person
from tremplin.catalogue import indexing
from tremplin.catalogue.models import Innovation, InnovationVersion, TargetPublic
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

State = InnovationVersion.State


def make_innovation(
    owner=None,
    *,
    title=None,
    state=State.PUBLISHED,
    original_language="fr",
    publics=(),
    themes=(),
    sdgs=(),
    country="FR",
    stage="pilot",
    published_at=None,
    **text,
) -> Innovation:
    """`title` and the text fields (pitch=..., need=...) are {language: text} dicts or texts in
    `original_language`; `publics` and `themes` are codes, `sdgs` numbers."""
    owner = owner or make_person()
    title = title or {original_language: f"Innovation {Innovation.objects.count() + 1}"}
    if isinstance(title, str):
        title = {original_language: title}
    first_title = next(iter(title.values()))
    slug = slugify(first_title)[:100] or "innovation"
    if Innovation.objects.filter(slug=slug).exists():
        slug = f"{slug}-{Innovation.objects.count() + 1}"
    innovation = Innovation.objects.create(slug=slug, owner=owner)
    fields = {
        name: (value if isinstance(value, dict) else {original_language: value})
        for name, value in text.items()
        if name in InnovationVersion.TEXT_FIELDS
    }
    others = {name: value for name, value in text.items() if name not in fields}
    version = InnovationVersion.objects.create(
        innovation=innovation,
        number=1,
        state=state,
        author=owner,
        original_language=original_language,
        title=title,
        country=country,
        stage=stage,
        **fields,
        **others,
    )
    version.publics.set(TargetPublic.objects.filter(code__in=publics))
    version.business_lines.set(BusinessLine.objects.filter(code__in=themes))
    version.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=sdgs))
    if state == State.PUBLISHED:
        when = published_at or timezone.now()
        innovation.published = version
        innovation.first_published_at = innovation.published_at = when
        innovation.country = country
        innovation.stage = stage
        innovation.save()
        indexing.reindex(innovation)
    return innovation
