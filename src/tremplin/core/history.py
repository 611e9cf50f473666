"""Writing and reading the history of an object, and the vocabulary of what it records.

Every action the platform records is declared once, by the app that records it, in
`<app>/audit.py` (imported by the app's `ready()`):

    CALL_CREATED = history.action("call_created", _("Call created"))

and recorded with its constant: `history.record(call, audit.CALL_CREATED, actor)`. The names
are the ones stored in the database: they are never renamed. A transition of a state machine
is recorded as `transition:<name>` (core.workflow); its label is the transition's, found
through the machine the app registers for the model (`history.transitions`).

Recording a name nobody declared raises ValueError in development and tests, and logs a
warning in production. `described(target)` gives an object's history with labels, and the
template `core/_history.html` shows it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _lazy

from .models import HistoryEntry

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Model

    from .workflow import StateMachine

logger = logging.getLogger(__name__)

TRANSITION = "transition:"


@dataclass(frozen=True)
class ActionType:
    """One kind of history entry: its stored `name`, the `label` people read, and optionally
    `describe(entry) -> str`, a detail said beside the label (the file, the person...)."""

    name: str
    label: object
    describe: Callable[[HistoryEntry], str] | None = None

    def __str__(self) -> str:
        return self.name


_ACTIONS: dict[str, ActionType] = {}
_MACHINES: dict[type, list[StateMachine]] = {}


def action(name: str, label, describe=None) -> ActionType:
    """Declare (register) the action `name`, shown as `label`. Declaring a name twice with
    another label is a mistake said at start-up."""
    declared = ActionType(name, label, describe)
    existing = _ACTIONS.get(name)
    if existing is not None and existing != declared:
        raise ValueError(f"The history action {name!r} is declared twice.")
    _ACTIONS[name] = declared
    return declared


def transitions(model: type[Model], machine: StateMachine) -> None:
    """Declare that `machine` moves objects of `model`: its transitions, recorded as
    `transition:<name>`, are then known actions of that model, labelled as the machine says."""
    machines = _MACHINES.setdefault(model, [])
    if machine not in machines:
        machines.append(machine)


def registered() -> dict[str, ActionType]:
    """Every declared action by name (transitions excluded: see `machines`)."""
    return dict(_ACTIONS)


def machines() -> dict[type, list[StateMachine]]:
    """Every state machine declared with `transitions`, by the model it moves."""
    return {model: list(found) for model, found in _MACHINES.items()}


def _transition(model: type | None, name: str):
    for klass in model.__mro__ if model is not None else ():
        for machine in _MACHINES.get(klass, ()):
            if name in machine.transitions:
                return machine.transitions[name]
    return None


def label_of(name: str, model: type | None = None):
    """What people read for the action `name` (recorded on an object of `model`, which
    tells which machine a transition belongs to); the name itself when nobody declared it."""
    if name.startswith(TRANSITION):
        transition = _transition(model, name[len(TRANSITION) :])
        return transition.label if transition is not None else name
    declared = _ACTIONS.get(name)
    return declared.label if declared is not None else name


def is_declared(name: str, model: type | None = None) -> bool:
    if name.startswith(TRANSITION):
        return _transition(model, name[len(TRANSITION) :]) is not None
    return name in _ACTIONS


def _undeclared(name: str, model: type) -> None:
    message = (
        f"The history action {name!r} (on a {model.__name__}) is not declared: add it to the "
        "app's audit.py."
    )
    if settings.DEBUG or getattr(settings, "TESTING", False):
        raise ValueError(message)
    logger.warning(message)


def record(target, action, actor=None, *, from_state="", to_state="", reason="", **data):
    """Write one history entry on `target`: `action` (an ActionType or a declared name) done
    by `actor` (None, or an anonymous visitor: nobody)."""
    name = action.name if isinstance(action, ActionType) else str(action)
    if not is_declared(name, type(target)):
        _undeclared(name, type(target))
    actor_name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = str(actor)
    else:
        actor = None
    return HistoryEntry.objects.create(
        actor=actor,
        actor_name=actor_name,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        action=name,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data,
    )


def history_of(target):
    return HistoryEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


def described(target, limit: int | None = None) -> list[HistoryEntry]:
    """The history of `target`, latest first, each entry with `label` (what was done, in
    words) and `detail` (what the action's `describe` says of it, or "")."""
    model = type(target)
    entries = history_of(target)
    if limit is not None:
        entries = entries[:limit]
    entries = list(entries)
    for entry in entries:
        entry.label = label_of(entry.action, model)
        declared = _ACTIONS.get(entry.action)
        entry.detail = declared.describe(entry) if declared and declared.describe else ""
    return entries


# What the Django admin records (tremplin.core.admin), for the pages that list a history.
ADMIN_ACTIONS = {
    "added_in_admin": _lazy("Added in the administration"),
    "changed_in_admin": _lazy("Changed in the administration"),
    "deleted_in_admin": _lazy("Deleted in the administration"),
}
