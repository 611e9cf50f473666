"""Who must use two-factor authentication: whoever sees other people's data or work not yet
published. It follows both what a person is (a role in ROLES_REQUIRING_TWO_FACTOR, or a
superuser) and where they sit (a committee seat, a project they follow or mentor, a national
society they validate for...), so that a seat given without its role is covered all the same.

Seats belong to other apps: each declares its own here with register_seat() in its
AppConfig.ready(), so that accounts imports none of them. The decision is one expression
(_requirement), read per person in one query by the middleware, or for everyone by
people_requiring_two_factor()."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from allauth.mfa.models import Authenticator
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from .models import ROLES_REQUIRING_TWO_FACTOR, Person, RoleGrant


@dataclass(frozen=True)
class Seat:
    """People linked to `model` through `person_field` (a foreign key or many-to-many to the
    person) hold this seat, when `condition` holds for the row."""

    label: str  # what the seat is, in English, for the operator and the docs
    model: type
    person_field: str
    condition: Q = field(default_factory=Q)

    def held(self) -> Exists:
        rows = self.model._default_manager.filter(self.condition)
        return Exists(rows.filter(**{self.person_field: OuterRef("pk")}))


_SEATS: dict[str, Seat] = {}


def register_seat(label: str, model, person_field: str, condition: Q | None = None) -> Seat:
    """Declare that holding a `model` row through `person_field` requires two-factor. Called
    from AppConfig.ready(); declaring the same seat again replaces it."""
    seat = Seat(label, model, person_field, condition or Q())
    _SEATS[f"{model._meta.label_lower}.{person_field}"] = seat
    return seat


def seats() -> list[Seat]:
    return list(_SEATS.values())


def _requirement() -> Q:
    roles = RoleGrant.objects.filter(person=OuterRef("pk"), role__in=ROLES_REQUIRING_TWO_FACTOR)
    required = Q(is_superuser=True) | Q(Exists(roles))
    for seat in _SEATS.values():
        required |= Q(seat.held())
    return required


def people_requiring_two_factor():
    return Person.objects.filter(_requirement())


class TwoFactorState(NamedTuple):
    has_totp: bool
    required: bool


def two_factor_state(person) -> TwoFactorState:
    """Whether the person has a TOTP authenticator, and whether they must: one query."""
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    row = (
        Person.objects.filter(pk=person.pk)
        .annotate(
            has_totp=Exists(totp),
            required=Case(
                When(_requirement(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .values_list("has_totp", "required")
        .first()
    )
    return TwoFactorState(*row) if row else TwoFactorState(False, False)


def requires_two_factor(person) -> bool:
    """Must `person` use two-factor authentication? Roles first (read once per person object),
    then the seats (one query)."""
    if person.is_superuser or person.roles & ROLES_REQUIRING_TWO_FACTOR:
        return True
    if not _SEATS:
        return False
    seats_held = Q()
    for seat in _SEATS.values():
        seats_held |= Q(seat.held())
    return Person.objects.filter(seats_held, pk=person.pk).exists()


def has_two_factor(person) -> bool:
    return Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
