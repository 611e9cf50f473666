"""Reads about people and memberships that several pages share."""

from .models import Membership


def memberships_of(person):
    return Membership.objects.filter(person=person).select_related("national_society")


def verified_membership(person):
    return memberships_of(person).filter(state=Membership.State.VERIFIED).first()


def memberships_awaiting_verification():
    return (
        Membership.objects.filter(state=Membership.State.PENDING)
        .select_related("person", "national_society")
        .order_by("declared_at")
    )
