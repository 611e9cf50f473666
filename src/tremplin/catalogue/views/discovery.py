"""Views of the catalogue: discovery. The catalogue's home, the search results, the innovation
page, and a page per country, SDG, theme and public. Everything here is public and shows only
what is published (an unpublished record's page is its owner's and the moderators')."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from tremplin.catalogue.templatetags.catalogue_text import rich

from .. import search
from ..models import Follow, InnovationVersion, Stage
from ..queries import discovery as queries

LATEST = 6


def home(request):
    labels = queries.facet_labels()
    page = queries.results(search.Query(sort=search.SORT_DATE, per_page=LATEST), labels)
    return render(
        request,
        "catalogue/discovery/home.html",
        {"found": page, "facets": page.facets, "latest": page.innovations},
    )


def results(request):
    labels = queries.facet_labels()
    query = queries.parse(request.GET, labels)
    page = queries.results(query, labels)
    return render(
        request,
        "catalogue/discovery/results.html",
        {
            "found": page,
            "query": page.query,
            "facets": page.facets,
            "action": reverse("catalogue:search"),
            "filter_names": _filter_names(),
        },
    )


def _filter_names() -> dict[str, str]:
    return {
        "theme": _("Themes"),
        "public": _("Publics"),
        "country": _("Countries"),
        "sdg": _("Sustainable development goals"),
        "stage": _("Stage"),
    }


def _facet_page(request, labels, facet: str, value: str, title: str, follow_kind: str | None):
    query = queries.parse(request.GET, labels, fixed={facet: value})
    page = queries.results(query, labels)
    return render(
        request,
        "catalogue/discovery/facet_page.html",
        {
            "found": page,
            "query": page.query,
            "facets": [f for f in page.facets if f.name != facet],
            "title": title,
            "facet": facet,
            "value": value,
            "action": request.path,
            "filter_names": _filter_names(),
            "follow_kind": follow_kind,
            "follow_value": value,
        },
    )


def country(request, code):
    code = code.upper()
    if code not in countries:
        raise Http404
    return _facet_page(
        request,
        queries.facet_labels(),
        "country",
        code,
        _("Innovations in %(country)s") % {"country": countries.name(code)},
        Follow.Kind.COUNTRY,
    )


def sdg(request, number):
    all_labels = queries.facet_labels()
    labels = all_labels["sdg"]
    if str(number) not in labels:
        raise Http404
    return _facet_page(
        request,
        all_labels,
        "sdg",
        str(number),
        _("Innovations for goal %(goal)s") % {"goal": labels[str(number)]},
        Follow.Kind.SDG,
    )


def theme(request, code):
    all_labels = queries.facet_labels()
    labels = all_labels["theme"]
    if code not in labels:
        raise Http404
    return _facet_page(
        request,
        all_labels,
        "theme",
        code,
        _("Innovations: %(theme)s") % {"theme": labels[code]},
        Follow.Kind.THEME,
    )


def public(request, code):
    all_labels = queries.facet_labels()
    labels = all_labels["public"]
    if code not in labels:
        raise Http404
    return _facet_page(
        request,
        all_labels,
        "public",
        code,
        _("Innovations for %(public)s") % {"public": labels[code].lower()},
        Follow.Kind.PUBLIC,
    )


def innovation(request, slug):
    found = queries.visible_innovation(slug, request.user)
    if found is None:
        raise Http404
    innovation, version = found
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    names = queries.language_names()
    by_moderators = version.moderator_translations or {}
    fields = []
    for name in InnovationVersion.TEXT_FIELDS:
        shown = getattr(version, name).shown(language)
        if not shown.text:
            continue
        fields.append(
            {
                "name": name,
                "label": InnovationVersion._meta.get_field(name).verbose_name,
                "shown": shown,
                "html": rich(shown.text)
                if name in InnovationVersion.LONG_TEXT_FIELDS
                else shown.text,
                "language_name": names.get(shown.language, shown.language),
                "by_moderators": name in (by_moderators.get(shown.language) or []),
            }
        )
    by_name = {field["name"]: field for field in fields}
    images = [
        {"image": image, "alt": image.alt_text.shown(language)} for image in version.images.all()
    ]
    figures = [
        {"figure": figure, "label": figure.label.shown(language)}
        for figure in version.figures.all()
    ]
    return render(
        request,
        "catalogue/discovery/innovation.html",
        {
            "innovation": innovation,
            "version": version,
            "is_published": innovation.published_id == version.pk,
            "title": by_name.get("title"),
            "pitch": by_name.get("pitch"),
            "sections": [
                (
                    _("What it is"),
                    [by_name[n] for n in ("need", "solution", "value_proposition") if n in by_name],
                ),
                (_("Results and impact"), [by_name[n] for n in ("results",) if n in by_name]),
                (
                    _("How to replicate it"),
                    [
                        by_name[n]
                        for n in ("transfer_potential", "resources", "partners_needed")
                        if n in by_name
                    ],
                ),
            ],
            "any_fallback": any(f["shown"].is_fallback for f in fields),
            "original_language_name": names.get(
                version.original_language, version.original_language
            ),
            "images": images,
            "figures": figures,
            "stage_label": dict(Stage.choices).get(version.stage, ""),
            "replication_facts": bool(
                version.cost_range or version.duration_months or version.resources_list.all()
            ),
            "similar": queries.similar(innovation) if innovation.published_id else [],
            "licence": innovation.licence,
        },
    )
