"""Reads about people, memberships and affiliations that several pages share."""

from .models import Affiliation, Membership, Organisation


def memberships_of(person):
    return Membership.objects.filter(person=person).select_related("national_society")


def memberships_awaiting_verification():
    return (
        Membership.objects.filter(state=Membership.State.PENDING)
        .select_related("person", "national_society")
        .order_by("declared_at")
    )


def affiliations_of(person):
    return Affiliation.objects.filter(person=person).select_related("organisation")


def verified_organisations(person):
    """The organisations `person` acts for, as staff verified: the only ones that decide what
    they see, their conflicts of interest and their eligibility. A queryset: use it as a
    subquery (`partners__in=...`) rather than reading it."""
    if person is None or not getattr(person, "pk", None):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person=person, affiliations__state=Affiliation.State.VERIFIED
    )


def organisation_for_forms(person) -> Organisation | None:
    """The organisation a person's new forms are prefilled with (an application, an innovation
    record): their most recently verified affiliation's, or None. A prefill is only a
    suggestion the person may change; it never decides anything."""
    affiliation = (
        affiliations_of(person)
        .filter(state=Affiliation.State.VERIFIED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    return affiliation.organisation if affiliation else None


def affiliations_awaiting_verification():
    return (
        Affiliation.objects.filter(state=Affiliation.State.PENDING)
        .select_related("person", "organisation")
        .order_by("declared_at")
    )
