"""Reads of the catalogue's replications: the countries where an innovation is replicated, the
requests an owner received and those a person sent, each with what its page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django_countries.fields import Country

from ..models import Replication
from ..workflow import REPLICATION_OPEN_STATES

R = Replication.State


@dataclass(frozen=True)
class ReplicatedCountry:
    country: Country
    count: int


def replicated_countries(innovation) -> list[ReplicatedCountry]:
    """The countries where the innovation's owner confirmed a replication, by name, with how
    many replications each (one query)."""
    rows = (
        Replication.objects.filter(innovation=innovation, state=R.CONFIRMED)
        .values("country")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found = [ReplicatedCountry(Country(code=row["country"]), row["count"]) for row in rows]
    return sorted(found, key=lambda item: str(item.country.name))


def _listed(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("innovation__published", "innovation__owner", "person").order_by(
        "-created_at", "-pk"
    )


def received_by(person) -> QuerySet:
    """The requests about the innovations `person` owns, the open ones first."""
    return _listed(Replication.objects.filter(innovation__owner=person))


def sent_by(person) -> QuerySet:
    return _listed(Replication.objects.filter(person=person))


def open_count_for_innovation(innovation) -> int:
    return Replication.objects.filter(
        innovation=innovation, state__in=REPLICATION_OPEN_STATES
    ).count()


def requests_of(person, innovation) -> list[Replication]:
    """What `person` asked about `innovation` (for the innovation page's panel)."""
    if not getattr(person, "is_authenticated", False):
        return []
    return list(Replication.objects.filter(innovation=innovation, person=person).order_by("-pk"))


def replication_for_page(pk: int) -> Replication | None:
    return (
        Replication.objects.select_related("innovation__published", "innovation__owner", "person")
        .filter(pk=pk)
        .first()
    )
