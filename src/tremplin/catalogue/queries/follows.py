"""Reads of follows: what a person follows (with the names of what is followed) and the
context of the Follow button."""

from __future__ import annotations

from django_countries import countries

from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from ..models import Follow, TargetPublic


def follows_of(person) -> list[Follow]:
    return list(Follow.objects.filter(person=person).order_by("kind", "value"))


def with_labels(follows: list[Follow]) -> list[tuple[Follow, str]]:
    """Each follow with the name of what it follows, in the active language (three queries
    at most)."""
    values = {kind: [f.value for f in follows if f.kind == kind] for kind in Follow.Kind.values}
    names = {
        Follow.Kind.THEME: {
            b.code: str(b.name) for b in BusinessLine.objects.filter(code__in=values["theme"])
        }
        if values["theme"]
        else {},
        Follow.Kind.PUBLIC: {
            p.code: str(p.name) for p in TargetPublic.objects.filter(code__in=values["public"])
        }
        if values["public"]
        else {},
        Follow.Kind.SDG: {
            str(g.number): f"{g.number}. {g.name}"
            for g in SustainableDevelopmentGoal.objects.filter(
                number__in=[v for v in values["sdg"] if v.isdigit()]
            )
        }
        if values["sdg"]
        else {},
        Follow.Kind.COUNTRY: {code: str(countries.name(code)) for code in values["country"]},
    }
    return [(f, names[f.kind].get(f.value) or f.value) for f in follows]


def is_following(person, kind: str, value) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    return Follow.objects.filter(person=person, kind=kind, value=str(value)).exists()


def follow_context(person, kind: str, value) -> dict:
    """What catalogue/follows/_follow.html needs: include it with these in the context."""
    return {
        "follow_kind": kind,
        "follow_value": str(value),
        "following": is_following(person, kind, value),
    }
