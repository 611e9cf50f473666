"""Open data of the catalogue: the published innovations as CSV (one row per record and
language) and JSON (one object per record with its translations), streamed.

Only what is online is exported: an innovation whose `published` version is in the state
"published". Drafts, versions in moderation, rejected or withdrawn versions, and innovations
taken down never appear. The exports read a fixed number of queries whatever the number of
records (one stream of records plus one stream per multi-valued relation, merged in Python on
the version id, and the small reference lists read once), so that 100,000 records are never in
memory at once. The columns and fields are documented in docs/catalogue-open-data.md and on
the open-data page: keep the three in step."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import nh3
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone, translation
from django_countries import countries

from tremplin.core.spreadsheets import neutralise
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .models import (
    CostRange,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Resource,
    Stage,
    TargetPublic,
)
from .queries.discovery import published_innovations

CHUNK_SIZE = 500

# --- Licences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier
    name: str
    url: str

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "url": self.url}


# The licences an operator is likely to choose (SPDX identifiers); others are shown by id.
LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC-BY-NC-4.0": (
        "Creative Commons Attribution-NonCommercial 4.0 International",
        "https://creativecommons.org/licenses/by-nc/4.0/",
    ),
    "CC-BY-NC-SA-4.0": (
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ),
    "CC-BY-ND-4.0": (
        "Creative Commons Attribution-NoDerivatives 4.0 International",
        "https://creativecommons.org/licenses/by-nd/4.0/",
    ),
    "CC-BY-NC-ND-4.0": (
        "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
        "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "etalab-2.0": (
        "Licence Ouverte / Open Licence 2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}


def licence_info(code: str | None = None) -> Licence:
    """The licence `code` (an SPDX id), or the platform's default licence."""
    code = (code or settings.TREMPLIN_CATALOGUE_LICENCE or "CC-BY-4.0").strip()
    for known, (name, url) in LICENCES.items():
        if known.lower() == code.lower():
            return Licence(known, name, url)
    return Licence(code, code, "")


# --- Addresses ------------------------------------------------------------------------------


def url_maker(base: str) -> Callable[[str], str]:
    """slug -> absolute address of its page, without resolving the URL once per record."""
    marker = "innovation-slug-marker"
    template = base.rstrip("/") + Innovation(slug=marker).get_absolute_url()
    before, _marker, after = template.partition(marker)
    return lambda slug: f"{before}{slug}{after}"


# --- Text -----------------------------------------------------------------------------------

_BREAKS = re.compile(r"<\s*br\s*/?>|</\s*(p|li)\s*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(stored: str | None) -> str:
    """The plain text of a stored rich text (sanitised HTML or plain text): tags removed,
    paragraphs and list items on their own lines, entities decoded."""
    if not stored:
        return ""
    text = _BREAKS.sub("\n", str(stored))
    text = html.unescape(nh3.clean(text, tags=set()))
    # nh3 escapes what it keeps; decode once more what it escaped.
    return _BLANK_LINES.sub("\n\n", text).strip()


def iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else ""


# --- Records --------------------------------------------------------------------------------


@dataclass
class Record:
    """A published innovation with everything the exports say about it."""

    innovation: Innovation
    version: InnovationVersion
    themes: list[str] = field(default_factory=list)  # business line codes
    publics: list[str] = field(default_factory=list)  # target public codes
    sdgs: list[int] = field(default_factory=list)  # goal numbers
    figures: list[ImpactFigure] = field(default_factory=list)
    links: list[Resource] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        """The record's languages: the original first, then the others in platform order."""
        written = set(self.version.languages)
        order = [self.version.original_language] + [code for code, _n in settings.LANGUAGES]
        ordered = [code for code in dict.fromkeys(order) if code in written]
        return ordered + sorted(written - set(ordered))


class Vocabularies:
    """The reference lists (themes, publics, SDGs), read once per export."""

    def __init__(self):
        self.themes = {b.pk: b for b in BusinessLine.objects.all()}
        self.publics = {p.pk: p for p in TargetPublic.objects.all()}
        self.sdgs = {g.pk: g for g in SustainableDevelopmentGoal.objects.all()}
        self.theme_by_code = {b.code: b for b in self.themes.values()}
        self.public_by_code = {p.code: p for p in self.publics.values()}
        self.sdg_by_number = {g.number: g for g in self.sdgs.values()}

    def as_json(self) -> dict:
        stages = _choices_in_languages(Stage)
        costs = _choices_in_languages(CostRange)
        return {
            "themes": {b.code: dict(b.name) for b in self.themes.values()},
            "publics": {p.code: dict(p.name) for p in self.publics.values()},
            "sdgs": {str(g.number): dict(g.name) for g in self.sdgs.values()},
            "stages": stages,
            "cost_ranges": costs,
        }


def _choices_in_languages(choices) -> dict:
    result: dict[str, dict[str, str]] = {value: {} for value in choices.values}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices.choices:
                result[value][code] = str(label)
    return result


class _Grouped:
    """Rows sorted by a key, handed out group by group to a merge on the same key."""

    def __init__(self, rows: Iterable, key: Callable):
        self._rows = iter(rows)
        self._key = key
        self._head = next(self._rows, None)

    def take(self, key) -> list:
        found = []
        while self._head is not None and self._key(self._head) < key:
            self._head = next(self._rows, None)
        while self._head is not None and self._key(self._head) == key:
            found.append(self._head)
            self._head = next(self._rows, None)
        return found


def iter_records(vocabularies: Vocabularies, chunk_size: int | None = None) -> Iterator[Record]:
    """Every published innovation, in the order of its version id, streamed: a constant number
    of queries (each result read in chunks), whatever the number of records."""
    chunk_size = chunk_size or CHUNK_SIZE
    innovations = published_innovations()
    version_ids = innovations.values("published_id")
    records = (
        innovations.select_related("published", "published__national_society")
        .order_by("published_id")
        .iterator(chunk_size=chunk_size)
    )

    def through(relation, column):
        model = getattr(InnovationVersion, relation).through
        rows = (
            model.objects.filter(innovationversion_id__in=version_ids)
            .order_by("innovationversion_id", "pk")
            .values_list("innovationversion_id", column)
            .iterator(chunk_size=chunk_size)
        )
        return _Grouped(rows, key=lambda row: row[0])

    themes = through("business_lines", "businessline_id")
    publics = through("publics", "targetpublic_id")
    sdgs = through("sdgs", "sustainabledevelopmentgoal_id")
    figures = _Grouped(
        ImpactFigure.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "position", "pk")
        .iterator(chunk_size=chunk_size),
        key=lambda figure: figure.version_id,
    )
    links = _Grouped(
        Resource.objects.filter(version_id__in=version_ids)
        .order_by("version_id", "position", "pk")
        .iterator(chunk_size=chunk_size),
        key=lambda link: link.version_id,
    )
    for innovation in records:
        version = innovation.published
        vid = version.pk
        theme_rows = [vocabularies.themes[r[1]] for r in themes.take(vid)]
        public_rows = [vocabularies.publics[r[1]] for r in publics.take(vid)]
        sdg_rows = [vocabularies.sdgs[r[1]] for r in sdgs.take(vid)]
        yield Record(
            innovation=innovation,
            version=version,
            themes=[b.code for b in sorted(theme_rows, key=lambda b: (b.position, b.pk))],
            publics=[p.code for p in sorted(public_rows, key=lambda p: (p.position, p.pk))],
            sdgs=sorted(g.number for g in sdg_rows),
            figures=figures.take(vid),
            links=links.take(vid),
        )


def record_of(innovation: Innovation) -> Record:
    """The record of one innovation loaded with prefetch_for_records() (API, pages)."""
    version = innovation.published
    return Record(
        innovation=innovation,
        version=version,
        themes=[b.code for b in version.business_lines.all()],
        publics=[p.code for p in version.publics.all()],
        sdgs=sorted(g.number for g in version.sdgs.all()),
        figures=list(version.figures.all()),
        links=list(version.resources_list.all()),
    )


def prefetch_for_records(queryset: QuerySet[Innovation]) -> QuerySet[Innovation]:
    return queryset.select_related("published", "published__national_society").prefetch_related(
        "published__business_lines",
        "published__publics",
        "published__sdgs",
        "published__figures",
        "published__resources_list",
    )


# --- JSON -----------------------------------------------------------------------------------


def link_url(link: Resource, base: str) -> str:
    if link.url:
        return link.url
    if link.file:
        url = link.file.url
        return url if "://" in url else base.rstrip("/") + url
    return ""


def record_as_json(record: Record, url_of: Callable[[str], str], base: str) -> dict:
    """One innovation with its translations (the JSON download's and the API's shape)."""
    innovation, version = record.innovation, record.version
    data = {
        "slug": innovation.slug,
        "url": url_of(innovation.slug),
        "version": version.number,
        "original_language": version.original_language,
        "languages": record.languages,
    }
    for name in InnovationVersion.TEXT_FIELDS:
        data[name] = {code: text for code, text in getattr(version, name).items() if text}
    data.update(
        {
            "translated_by_moderators": {
                code: list(names) for code, names in (version.moderator_translations or {}).items()
            },
            "stage": version.stage or None,
            "cost_range": version.cost_range or None,
            "duration_months": version.duration_months,
            "country": str(version.country) or None,
            "national_society": (
                version.national_society.name if version.national_society_id else None
            ),
            "carrying_organisation": version.carrying_organisation,
            "themes": record.themes,
            "publics": record.publics,
            "sdgs": record.sdgs,
            "impact_figures": [
                {
                    "label": dict(figure.label),
                    "value": str(figure.value),
                    "unit": figure.unit,
                    "source": figure.source,
                    "measured_on": figure.measured_on.isoformat(),
                }
                for figure in record.figures
            ],
            "links": [{"title": link.title, "url": link_url(link, base)} for link in record.links],
            "first_published_at": iso(innovation.first_published_at),
            "published_at": iso(innovation.published_at),
            "licence": licence_info(innovation.licence).as_json(),
        }
    )
    return data


def json_chunks(base: str, documentation_url: str = "") -> Iterator[str]:
    """The JSON download, piece by piece: metadata, the vocabularies, then the innovations."""
    vocabularies = Vocabularies()
    url_of = url_maker(base)
    head = {
        "generated_at": iso(timezone.now()),
        "documentation": documentation_url,
        "default_licence": licence_info().as_json(),
        "vocabularies": vocabularies.as_json(),
    }
    encoded = json.dumps(head, ensure_ascii=False, cls=DjangoJSONEncoder, indent=None)
    yield encoded[:-1] + ', "innovations": ['
    separator = "\n"
    for record in iter_records(vocabularies):
        item = record_as_json(record, url_of, base)
        yield separator + json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)
        separator = ",\n"
    yield "\n]}\n"


# --- CSV ------------------------------------------------------------------------------------

# The CSV columns, in order. Adding a column at the end is a compatible change; renaming,
# removing or reordering one is not (docs/catalogue-open-data.md promises they are stable).
CSV_COLUMNS = [
    "slug",
    "url",
    "language",
    "original_language",
    "is_original_language",
    *InnovationVersion.TEXT_FIELDS,
    "translated_by_moderators",
    "stage",
    "cost_range",
    "duration_months",
    "country",
    "country_name",
    "national_society",
    "carrying_organisation",
    "themes",
    "theme_names",
    "publics",
    "public_names",
    "sdgs",
    "sdg_names",
    "version",
    "first_published_at",
    "published_at",
    "licence",
    "licence_url",
]

BOM = "\ufeff"


class _Echo:
    def write(self, value):
        return value


def csv_rows(base: str) -> Iterator[dict[str, str]]:
    vocabularies = Vocabularies()
    url_of = url_maker(base)
    country_names: dict[tuple[str, str], str] = {}

    def country_name(code: str, language: str) -> str:
        if not code:
            return ""
        if (code, language) not in country_names:
            with translation.override(language):
                country_names[code, language] = str(countries.name(code))
        return country_names[code, language]

    for record in iter_records(vocabularies):
        innovation, version = record.innovation, record.version
        licence = licence_info(innovation.licence)
        moderated = version.moderator_translations or {}
        themes = [vocabularies.theme_by_code[c] for c in record.themes]
        publics = [vocabularies.public_by_code[c] for c in record.publics]
        sdgs = [vocabularies.sdg_by_number[n] for n in record.sdgs]
        for language in record.languages:
            row = {
                "slug": innovation.slug,
                "url": url_of(innovation.slug),
                "language": language,
                "original_language": version.original_language,
                "is_original_language": "1" if language == version.original_language else "0",
                "translated_by_moderators": "|".join(moderated.get(language, [])),
                "stage": version.stage,
                "cost_range": version.cost_range,
                "duration_months": ""
                if version.duration_months is None
                else version.duration_months,
                "country": str(version.country),
                "country_name": country_name(str(version.country), language),
                "national_society": (
                    version.national_society.name if version.national_society_id else ""
                ),
                "carrying_organisation": version.carrying_organisation,
                "themes": "|".join(record.themes),
                "theme_names": " | ".join(b.name.shown(language).text for b in themes),
                "publics": "|".join(record.publics),
                "public_names": " | ".join(p.name.shown(language).text for p in publics),
                "sdgs": "|".join(str(n) for n in record.sdgs),
                "sdg_names": " | ".join(g.name.shown(language).text for g in sdgs),
                "version": version.number,
                "first_published_at": iso(innovation.first_published_at),
                "published_at": iso(innovation.published_at),
                "licence": licence.id,
                "licence_url": licence.url,
            }
            for name in InnovationVersion.TEXT_FIELDS:
                row[name] = plain_text(getattr(version, name).in_language(language))
            # Every column, not only those written by people: a column added later is safe too.
            yield {column: neutralise(row[column]) for column in CSV_COLUMNS}


def csv_chunks(base: str, bom: bool = True) -> Iterator[str]:
    """The CSV download, line by line: UTF-8 (with a byte order mark unless bom=False, so that
    spreadsheets read the accents and Arabic right), comma-separated, double quotes, CRLF."""
    writer = csv.DictWriter(_Echo(), fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    header = writer.writeheader()
    yield (BOM if bom else "") + header
    for row in csv_rows(base):
        yield writer.writerow(row)
