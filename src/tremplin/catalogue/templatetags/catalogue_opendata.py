"""Template helpers of the catalogue's open data: the schema.org JSON-LD of an innovation page,
and its licence."""

from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

from .. import export
from ..models import InnovationVersion

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_data(innovation, version, base: str, language: str | None = None) -> dict | None:
    """The schema.org description of a published innovation, in the reader's language (each
    text falling back like the page does); None for anything not online."""
    if (
        version is None
        or innovation.published_id != version.pk
        or version.state != InnovationVersion.State.PUBLISHED
    ):
        return None
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    title = version.title.shown(language)
    pitch = version.pitch.shown(language)
    url = export.url_maker(base)(innovation.slug)
    licence = export.licence_info(innovation.licence)
    about = [
        {"@type": "DefinedTerm", "name": line.name.shown(language).text, "termCode": line.code}
        for line in version.business_lines.all()
    ]
    about += [
        {"@type": "DefinedTerm", "name": public.name.shown(language).text, "termCode": public.code}
        for public in version.publics.all()
    ]
    about += [
        {
            "@type": "DefinedTerm",
            "name": goal.name.shown(language).text,
            "termCode": f"SDG{goal.number}",
            "inDefinedTermSet": "https://sdgs.un.org/goals",
        }
        for goal in version.sdgs.all()
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "identifier": innovation.slug,
        "name": title.text,
        "inLanguage": title.language,
        "description": export.plain_text(pitch.text),
        "about": about,
        "license": licence.url or licence.id,
        "isAccessibleForFree": True,
        "version": version.number,
        "datePublished": export.iso(innovation.first_published_at) or None,
        "dateModified": export.iso(innovation.published_at) or None,
    }
    if version.country:
        data["spatialCoverage"] = {
            "@type": "Country",
            "name": str(countries.name(str(version.country))),
            "identifier": str(version.country),
        }
    organisation = (
        version.national_society.name
        if version.national_society_id
        else version.carrying_organisation
    )
    if organisation:
        data["creator"] = {"@type": "Organization", "name": organisation}
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def innovation_jsonld(context, innovation, version):
    """<script type="application/ld+json"> with the innovation's schema.org description: a
    data block, never run (the CSP forbids inline scripts that run, not data)."""
    request = context.get("request")
    base = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    data = jsonld_data(innovation, version, base)
    if data is None:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.inclusion_tag("catalogue/opendata/_licence.html")
def innovation_licence(innovation):
    """The licence of a record, with a link to its text (for the innovation page)."""
    return {"licence": export.licence_info(innovation.licence)}
