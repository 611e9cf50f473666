"""Helpers of the staff-page tests: form data for translated fields and for a call."""

from __future__ import annotations

from django.urls import reverse


def translated_data(name: str, **texts) -> dict:
    """POST data of a translated field: one input per language (name_fr, name_en...)."""
    data = {f"{name}_{code}": "" for code in ("fr", "en", "es", "ar")}
    data.update({f"{name}_{code}": text for code, text in texts.items()})
    return data


def call_data(programme, season, **overrides) -> dict:
    data = {
        "programme": programme.pk,
        "season": season.pk,
        "slug": f"{programme.slug}-s{season.number}",
        **translated_data("title", fr="Appel à projets", en="Call for projects"),
        **translated_data("summary"),
        "time_zone": "Europe/Paris",
        "opens_at": "2027-01-05T09:00",
        "closes_at": "2027-01-15T23:59",
        "screening_ends_on": "2027-02-01",
        "review_ends_on": "",
        "committee_on": "",
        "announcement_on": "",
        "allow_edit_after_submit": "on",
        "max_upload_mb": "10",
    }
    data.update(overrides)
    return data


def url(name: str, **kwargs) -> str:
    return reverse(f"programmes:{name}", kwargs=kwargs)
