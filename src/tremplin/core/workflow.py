"""Workflows as explicit state machines: states, transitions and who may fire each, in one
place; every transition goes through StateMachine.fire(), which refuses illegal moves and
writes the history. A transition that decides on someone's work is marked four_eyes: its authors
(core.four_eyes) may not fire it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import four_eyes, history


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    permission: str | None = None  # a `rules` permission checked with (actor, object)
    requires_reason: bool = False
    # A decision on the object's authors' work: none of them may fire it (core.four_eyes).
    four_eyes: bool = False
    # The object the permission is checked on, when the rules take a related one: a meeting
    # is run by its call's chair, so its transitions check on `lambda meeting: meeting.call`.
    permission_object: Callable = lambda obj: obj
    # The history action recorded, `transition:<name>` unless given: a machine that takes
    # over a workflow keeps the names its history already holds.
    action: str = ""

    @property
    def recorded_as(self) -> str:
        return self.action or f"transition:{self.name}"


class TransitionNotAllowed(ValidationError):
    pass


class StateMachine:
    def __init__(self, field: str, transitions: list[Transition]):
        self.field = field
        self.transitions = {t.name: t for t in transitions}

    def state_of(self, obj) -> str:
        return getattr(obj, self.field)

    def can_fire(self, obj, name: str, actor) -> bool:
        transition = self.transitions.get(name)
        if transition is None or self.state_of(obj) not in transition.sources:
            return False
        if transition.four_eyes and four_eyes.is_author(actor, obj):
            return False
        return transition.permission is None or actor.has_perm(
            transition.permission, transition.permission_object(obj)
        )

    def available(self, obj, actor) -> list[Transition]:
        return [t for t in self.transitions.values() if self.can_fire(obj, t.name, actor)]

    def fire(self, obj, name: str, actor, *, reason: str = "", **data):
        """Move `obj` along transition `name`, in one transaction, and record it."""
        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionNotAllowed(_("This action does not exist."))
        with transaction.atomic():
            locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            current = self.state_of(locked)
            if current not in transition.sources:
                display = getattr(locked, f"get_{self.field}_display", lambda: current)
                raise TransitionNotAllowed(
                    _("This action is not possible in the current state (%(state)s).")
                    % {"state": display()}
                )
            # Before the permission, which may itself say no to authors, so that they are told
            # why; nothing is recorded for a refused move.
            if transition.four_eyes:
                four_eyes.refuse_own_work(actor, locked)
            if transition.permission and not actor.has_perm(
                transition.permission, transition.permission_object(locked)
            ):
                raise PermissionDenied(_("You are not allowed to do this."))
            if transition.requires_reason and not reason.strip():
                raise TransitionNotAllowed(_("Please give a reason."))
            setattr(locked, self.field, transition.target)
            locked.save()
            history.record(
                locked,
                transition.recorded_as,
                actor,
                from_state=current,
                to_state=transition.target,
                reason=reason,
                **data,
            )
        setattr(obj, self.field, transition.target)
        return locked
