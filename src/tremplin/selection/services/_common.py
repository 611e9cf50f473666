"""What the committee's services share: the permissions they check and their refusal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import (
    CommitteeMember,
)

MANAGE = "selection.manage_committee"
RUN = "selection.run_assignment"


class CommitteeRefused(ValidationError):
    """A refused action, with a message for the person."""


def _require(actor, permission: str, call) -> None:
    if actor is None or not actor.has_perm(permission, call):
        raise PermissionDenied(_("You are not allowed to do this."))


def _forget_cached_conflicts(member: CommitteeMember) -> None:
    member.__dict__.pop("_conflicted_ids", None)
    person = member.person if member.person_id else None
    if person is not None:
        person.__dict__.pop("_committee_seats", None)
