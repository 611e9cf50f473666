"""Writes of a call's committee: its members and the selection settings. Each write checks who may do it, runs in one transaction and records the history."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.accounts.models import Role
from tremplin.accounts.services import grant_role
from tremplin.core import history
from tremplin.core.services import require

from ..models import (
    CommitteeMember,
    Review,
    SelectionSettings,
)
from . import settings_for
from ._common import MANAGE, CommitteeRefused
from .conflicts import sync_detected

# --- Members -----------------------------------------------------------------------------------


def add_member(call, actor, person, *, role=CommitteeMember.Role.REVIEWER, capacity=None):
    """Seat `person` on the call's committee; the capacity defaults to the call's. Reviewers and
    chairs get the committee role, which requires two-factor authentication. The new member's
    conflicts are detected at once, before they see anything."""
    require(actor, MANAGE, call)
    if role not in CommitteeMember.Role.values:
        raise CommitteeRefused(_("Choose a role."))
    with transaction.atomic():
        if CommitteeMember.objects.filter(call=call, person=person).exists():
            raise CommitteeRefused(_("%(name)s already sits on this committee.") % {"name": person})
        options = settings_for(call)
        member = CommitteeMember.objects.create(
            call=call,
            person=person,
            person_name=str(person),
            role=role,
            capacity=options.default_capacity if capacity is None else capacity,
            languages=[person.preferred_language] if person.preferred_language else [],
        )
        if member.reviews:
            # The seat is the authority; the role only makes two-factor compulsory for them.
            grant_role(person, Role.COMMITTEE)
        history.record(
            call,
            "committee_member_added",
            actor,
            member=member.pk,
            person=person.pk,
            role=role,
            capacity=member.capacity,
        )
        sync_detected(call, actor)
    return member


def update_member(
    member: CommitteeMember,
    actor,
    *,
    role,
    capacity,
    business_lines=(),
    regions=(),
    themes="",
    languages=(),
) -> CommitteeMember:
    call = member.call
    require(actor, MANAGE, call)
    with transaction.atomic():
        current = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        if (
            role == CommitteeMember.Role.OBSERVER
            and current.reviews
            and current.assignments.exists()
        ):
            raise CommitteeRefused(
                _(
                    "%(name)s has applications to review: remove their assignments before "
                    "making them an observer."
                )
                % {"name": current.person_name}
            )
        before = {
            "role": current.role,
            "capacity": current.capacity,
            "themes": current.themes,
            "languages": list(current.languages or []),
        }
        current.role, current.capacity = role, capacity
        current.themes = (themes or "").strip()
        current.languages = list(languages or [])
        current.full_clean(exclude=["person", "call"])
        current.save()
        current.business_lines.set(business_lines)
        current.regions.set(regions)
        if current.reviews and current.person_id:
            grant_role(current.person, Role.COMMITTEE)
        changed = sorted(k for k, v in before.items() if getattr(current, k) != v)
        history.record(
            call,
            "committee_member_changed",
            actor,
            member=current.pk,
            fields=changed,
            role=current.role,
            capacity=current.capacity,
        )
    return current


def remove_member(member: CommitteeMember, actor) -> None:
    """Take a member off the committee. Refused once they have started a review: their work is
    kept (set their capacity to what they did instead)."""
    call = member.call
    require(actor, MANAGE, call)
    with transaction.atomic():
        current = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        started = Review.objects.filter(assignment__member=current).count()
        if started:
            raise CommitteeRefused(
                _(
                    "%(name)s has started or submitted %(count)s review(s): they stay on the "
                    "committee so that their work is kept. Lower their capacity to stop new "
                    "assignments."
                )
                % {"name": current.person_name, "count": started}
            )
        history.record(
            call,
            "committee_member_removed",
            actor,
            member=current.pk,
            person=current.person_id,
            name=current.person_name,
        )
        current.delete()


def update_settings(call, actor, **values) -> SelectionSettings:
    """Change the call's selection settings. Opening the bidding detects conflicts first, so
    that nobody bids on an application they are in conflict with."""
    require(actor, MANAGE, call)
    with transaction.atomic():
        settings_for(call)
        current = SelectionSettings.objects.select_for_update().get(call=call)
        before = {name: getattr(current, name) for name in values}
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean(exclude=["call"])
        current.save()
        changed = sorted(name for name in values if before[name] != getattr(current, name))
        if changed:
            history.record(call, "selection_settings_changed", actor, fields=changed)
        if current.bidding_open and not before.get("bidding_open", True):
            sync_detected(call, actor)
    call.selection_settings = current
    return current
