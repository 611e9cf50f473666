"""Reads of the catalogue's moderation pages: the queues, a version under review, the versions
of an innovation, open abuse reports, follows and national societies' policies."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Prefetch, Q

from tremplin.accounts.models import Organisation

from ..models import (
    Innovation,
    InnovationVersion,
    Review,
    SocietyPolicy,
    TargetPublic,
)

S = InnovationVersion.State


def _queue_rows():
    return InnovationVersion.objects.select_related(
        "innovation", "author", "national_society"
    ).order_by("submitted_at", "pk")


def filtered_queue(filters: dict) -> tuple:
    """The central queue (versions awaiting moderation, oldest first) narrowed by `filters`
    (language, country, society, kind "new"/"update"), and its counts."""
    rows = _queue_rows().filter(state=S.SUBMITTED)
    counts = rows.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(innovation__first_published_at__isnull=True)),
        updates=Count("pk", filter=Q(innovation__first_published_at__isnull=False)),
    )
    counts["society_review"] = InnovationVersion.objects.filter(state=S.SOCIETY_REVIEW).count()
    if filters.get("language"):
        rows = rows.filter(original_language=filters["language"])
    if filters.get("country"):
        rows = rows.filter(country=filters["country"])
    if filters.get("society"):
        rows = rows.filter(national_society=filters["society"])
    if filters.get("kind") == "new":
        rows = rows.filter(innovation__first_published_at__isnull=True)
    elif filters.get("kind") == "update":
        rows = rows.filter(innovation__first_published_at__isnull=False)
    return rows, counts


def society_queue(person):
    """The versions awaiting the validation of a national society `person` validates for."""
    return (
        _queue_rows()
        .filter(
            state=S.SOCIETY_REVIEW,
            national_society__catalogue_policy__validators=person,
        )
        .distinct()
    )


def validated_societies(person) -> list[Organisation]:
    return list(Organisation.objects.filter(catalogue_policy__validators=person).order_by("name"))


def national_societies():
    return Organisation.objects.filter(kind=Organisation.Kind.NATIONAL_SOCIETY).order_by("name")


def version_for_review(pk: int) -> InnovationVersion | None:
    """A version with everything its review page shows."""
    return (
        InnovationVersion.objects.select_related(
            "innovation__owner", "innovation__published", "author", "national_society"
        )
        .prefetch_related(
            Prefetch("publics", queryset=TargetPublic.objects.order_by("position")),
            "business_lines",
            "sdgs",
            "figures",
            "resources_list",
            "images",
            Prefetch("reviews", queryset=Review.objects.select_related("moderator")),
        )
        .filter(pk=pk)
        .first()
    )


def versions_of(innovation: Innovation) -> list[InnovationVersion]:
    return list(
        InnovationVersion.objects.filter(innovation=innovation)
        .select_related("author", "national_society")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.select_related("moderator")))
        .order_by("-number")
    )


def version_to_compare(innovation: Innovation, number) -> InnovationVersion | None:
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return (
        InnovationVersion.objects.select_related("innovation__owner", "national_society")
        .prefetch_related("publics", "business_lines", "sdgs")
        .filter(innovation=innovation, number=number)
        .first()
    )


def sections(version: InnovationVersion) -> list[dict]:
    """The version's text in each of its languages, the original first: [{language, name,
    original, fields: [(label, text, by_moderators)]}]."""
    meta = InnovationVersion._meta
    names = dict(settings.LANGUAGES)
    present = set()
    for field in InnovationVersion.TEXT_FIELDS:
        present |= set(getattr(version, field).languages)
    ordered = [version.original_language, *sorted(present - {version.original_language})]
    by_moderators = version.moderator_translations or {}
    result = []
    for code in ordered:
        fields = [
            (
                meta.get_field(field).verbose_name,
                getattr(version, field).in_language(code),
                field in by_moderators.get(code, []),
            )
            for field in InnovationVersion.TEXT_FIELDS
        ]
        result.append(
            {
                "language": code,
                "name": names.get(code, code),
                "original": code == version.original_language,
                "fields": fields,
            }
        )
    return result


def policies():
    """Every national society with its policy (if any) and its validators."""
    return list(
        national_societies()
        .select_related("catalogue_policy")
        .prefetch_related("catalogue_policy__validators")
    )


def policy_of(society) -> SocietyPolicy | None:
    return SocietyPolicy.objects.filter(society=society).prefetch_related("validators").first()
