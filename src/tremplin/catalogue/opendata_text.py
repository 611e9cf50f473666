"""What each column of the CSV download and each field of the JSON download and API means: the
words shown on the open-data page, in the API schema and in the docs (plain: no queries)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

_TEXT_HELP = {
    "title": _("The innovation's name."),
    "pitch": _("One sentence saying what it is."),
    "need": _("The social or organisational need it answers."),
    "solution": _("The solution."),
    "value_proposition": _("Its innovative value proposition."),
    "results": _("Results and impact, in words (the figures are in impact_figures)."),
    "transfer_potential": _("Transfer and scaling potential: how to replicate it elsewhere."),
    "resources": _("Resources needed to replicate it."),
    "partners_needed": _("Partners needed to replicate it."),
}

COMMON_HELP = {
    "slug": _("The record's stable identifier, also the end of its address."),
    "url": _("The address of its page on the platform."),
    "original_language": _("The language the record was written in (fr, en, es, ar...)."),
    "translated_by_moderators": _(
        "Fields whose translation was added or corrected by a catalogue moderator."
    ),
    "stage": _("Stage: idea, prototype, pilot, deployed or scaled (empty when not given)."),
    "cost_range": _(
        "Cost range to replicate it: lt10k, 10k-50k, 50k-200k or gt200k, in euros "
        "(empty when not given)."
    ),
    "duration_months": _("Duration to replicate it, in months (empty when not given)."),
    "country": _("The country where it was developed, as an ISO 3166-1 alpha-2 code."),
    "national_society": _("The national society that published it (empty when none)."),
    "carrying_organisation": _("The organisation that carries it."),
    "themes": _("Its themes (the movement's business lines), as codes."),
    "publics": _("Its target publics, as codes."),
    "sdgs": _("The UN Sustainable Development Goals it serves, as numbers (1 to 17)."),
    "version": _("The number of the published version (it grows with each accepted edit)."),
    "first_published_at": _("When it was first published (ISO 8601, UTC)."),
    "published_at": _("When its current version was published (ISO 8601, UTC)."),
}

CSV_HELP = {
    "slug": COMMON_HELP["slug"],
    "url": COMMON_HELP["url"],
    "language": _("The language of this row's texts: one row per record and language."),
    "original_language": COMMON_HELP["original_language"],
    "is_original_language": _("1 when this row is in the original language, 0 for a translation."),
    **_TEXT_HELP,
    "translated_by_moderators": _(
        "The fields of this row translated or corrected by a catalogue moderator, separated by |."
    ),
    "stage": COMMON_HELP["stage"],
    "cost_range": COMMON_HELP["cost_range"],
    "duration_months": COMMON_HELP["duration_months"],
    "country": COMMON_HELP["country"],
    "country_name": _("The country's name in this row's language."),
    "national_society": COMMON_HELP["national_society"],
    "carrying_organisation": COMMON_HELP["carrying_organisation"],
    "themes": _("Theme codes, separated by |."),
    "theme_names": _("Theme names in this row's language, separated by “ | ”."),
    "publics": _("Target public codes, separated by |."),
    "public_names": _("Target public names in this row's language, separated by “ | ”."),
    "sdgs": _("Sustainable Development Goal numbers, separated by |."),
    "sdg_names": _("Goal names in this row's language, separated by “ | ”."),
    "version": COMMON_HELP["version"],
    "first_published_at": COMMON_HELP["first_published_at"],
    "published_at": COMMON_HELP["published_at"],
    "licence": _("The licence of the record, as an SPDX identifier (e.g. CC-BY-4.0)."),
    "licence_url": _("The address of the licence's text."),
}

JSON_HELP = {
    "slug": COMMON_HELP["slug"],
    "url": COMMON_HELP["url"],
    "version": COMMON_HELP["version"],
    "original_language": COMMON_HELP["original_language"],
    "languages": _("The languages the record is written in, the original first."),
    **{
        name: format_lazy(
            "{} {}", help_text, _("An object {language: text}, in the HTML subset described above.")
        )
        for name, help_text in _TEXT_HELP.items()
    },
    "translated_by_moderators": _(
        "An object {language: [field names]}: the translations added or corrected by a "
        "catalogue moderator."
    ),
    "stage": COMMON_HELP["stage"],
    "cost_range": COMMON_HELP["cost_range"],
    "duration_months": COMMON_HELP["duration_months"],
    "country": COMMON_HELP["country"],
    "national_society": COMMON_HELP["national_society"],
    "carrying_organisation": COMMON_HELP["carrying_organisation"],
    "themes": COMMON_HELP["themes"],
    "publics": COMMON_HELP["publics"],
    "sdgs": COMMON_HELP["sdgs"],
    "impact_figures": _(
        "Results with their evidence: label {language: text}, value (a decimal number as "
        "text), unit, source and measured_on (a date)."
    ),
    "links": _("Files and links that help to replicate it: title and url."),
    "first_published_at": COMMON_HELP["first_published_at"],
    "published_at": COMMON_HELP["published_at"],
    "licence": _("The licence of the record: id (SPDX), name and url."),
}
