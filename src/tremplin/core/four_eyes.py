"""The four-eyes rule: nobody decides on their own work. Each model whose objects people decide
on says, once, who its authors are (`register`); the decisions ask `is_author`, whether they are
workflow transitions (Transition(four_eyes=True), refused by StateMachine.fire), `rules`
permissions (declared with `add_perm`, which composes them with `is_not_author`, so that pages
hide what services refuse) or plain service functions (`require`, `refuse_own_work`). A refusal
says why, in the person's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import rules
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OWN_WORK = gettext_lazy("You cannot decide on your own work: another person must do it.")

# model -> function(obj) giving the authors' ids (int) and, for people invited to an object's
# team who have not joined yet, their e-mail addresses (str, lower case).
_AUTHORS: dict[type, Callable[[object], Iterable[int | str]]] = {}
_CACHE = "_four_eyes_authors"


class OwnWork(PermissionDenied):
    """Refused: the person is one of the authors of what they want to decide on. The message is
    ours (never a user's text), so the 403 page may show it."""

    def __init__(self):
        super().__init__(_("You cannot decide on your own work: another person must do it."))


def register(model: type, authors: Callable[[object], Iterable[int | str]]) -> None:
    """Say who authored the objects of `model`: `authors(obj)` gives person ids, or lower-case
    e-mail addresses of people invited to its team who have not joined yet. Registered by each
    app's rules.py; a subclass uses its nearest registered model's function."""
    _AUTHORS[model] = authors


def authors_of(obj) -> frozenset[int | str]:
    """The authors of `obj`, read once per object (an object is read for one request)."""
    cached = obj.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    for cls in type(obj).__mro__:
        function = _AUTHORS.get(cls)
        if function is not None:
            break
    else:
        raise ImproperlyConfigured(
            f"The four-eyes rule asks for the authors of a {type(obj).__name__}, but nobody "
            "registered them (tremplin.core.four_eyes.register)."
        )
    found = frozenset(
        value.lower() if isinstance(value, str) else value
        for value in function(obj)
        if value not in (None, "")
    )
    obj.__dict__[_CACHE] = found
    return found


def forget(obj) -> None:
    """Drop what was read about `obj`'s authors (after its team changed)."""
    obj.__dict__.pop(_CACHE, None)


@rules.predicate
def is_author(person, obj) -> bool:
    """Whether `person` authored `obj` (or is invited to its team). No object, no author."""
    if obj is None or person is None or not getattr(person, "is_authenticated", False):
        return False
    found = authors_of(obj)
    return person.pk in found or (person.email or "").lower() in found


is_not_author = ~is_author

# The `rules` permissions that decide on their object's authors' work (add_perm).
_DECISIONS: set[str] = set()


def add_perm(name: str, predicate) -> None:
    """Declare the `rules` permission `name` as a decision on its object's authors' work: it is
    `predicate` for everyone but them. Pages asking has_perm() hide the action from an author;
    `require` tells them why."""
    _DECISIONS.add(name)
    rules.add_perm(name, predicate & is_not_author)


def is_decision(permission: str | None) -> bool:
    return permission in _DECISIONS


def refuse_own_work(person, obj) -> None:
    """Raise OwnWork when `person` authored `obj`: for decisions that are not transitions."""
    if is_author(person, obj):
        raise OwnWork()


def require(person, permission: str, obj=None) -> None:
    """A service's permission check: an author is told that the decision is not theirs to
    take, anyone else without the permission that they are not allowed."""
    if is_decision(permission):
        refuse_own_work(person, obj)
    if not person.has_perm(permission, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
