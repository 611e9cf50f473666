"""How views refuse, in one place: anonymous visitors are sent to sign in; a signed-in person who
may not see an object gets 404, the very answer as for an object that does not exist, so that
no page tells anyone that something they may not see exists (a draft's title in its address,
the number of projects or applications); a person who sees the object but may not do this
gets 403, which tells them nothing new.

Who may see an object is declared once per model, next to the model's other rules (each app's
rules.py), with `visible_with`. A model without such a declaration is seen by nobody but those
who hold the permission asked (deny by default)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

# model -> the permission that lets a person see an object of it at all.
_SEEN_WITH: dict[type[Model], str] = {}


def visible_with(model: type[Model], perm: str) -> None:
    """Declare the permission (a `rules` permission taking the object) that lets a person see
    an object of `model`: its page, or any mention of it."""
    _SEEN_WITH[model] = perm


def visibility_of(model: type[Model]) -> str | None:
    for klass in model.__mro__:
        if klass in _SEEN_WITH:
            return _SEEN_WITH[klass]
    return None


def may_see(user, obj) -> bool:
    perm = visibility_of(type(obj))
    return perm is not None and user.has_perm(perm, obj)


def refuse(user, obj):
    """The refusal for a person who lacks a permission on `obj`: 404 unless they may see it."""
    if may_see(user, obj):
        raise PermissionDenied
    raise Http404


def require(user, perm: str, obj) -> None:
    """Let the person through if they hold `perm` on `obj`; refuse them otherwise (404 or 403,
    see `refuse`). For views: a service checks with `core.services.require`, which only ever
    raises PermissionDenied (a service does not choose between 404 and 403)."""
    if not user.has_perm(perm, obj):
        refuse(user, obj)


def visible_or_404(user, obj, perm: str | None = None):
    """`obj` (None when nothing was found: 404) if the person holds `perm` on it (by default:
    may see it); 404 if they may not see it, 403 if they see it but lack `perm`. Call it before
    anything else touches the object (a service, a form), so that a refusal raised further on
    is only ever told to someone who may see the object."""
    if obj is None:
        raise Http404
    if perm is None:
        perm = visibility_of(type(obj))
        if perm is None:
            raise ImproperlyConfigured(f"No rule says who may see a {type(obj).__name__}.")
    require(user, perm, obj)
    return obj


def get_visible_or_404(user, queryset: type[Model] | QuerySet, perm: str | None = None, **lookup):
    """The object of `queryset` (or of a model) found by `lookup`: see `visible_or_404`."""
    return visible_or_404(user, get_object_or_404(queryset, **lookup), perm)


def permission_required(perm: str, model=None, lookup: str = "pk", *, load=None):
    """Require `perm`. Given a model (or a queryset), the permission is checked against the
    object found by the URL argument `lookup`: see `get_visible_or_404`. Without one, the
    permission does not depend on an object and is checked before anything is looked up: 403,
    whatever the address names.

    `load`, instead of a model, is the app's loader of the object (a query taking the URL
    argument `lookup`, returning the object or None): the view then receives the object it
    found, named after its model (`call=`), in place of that argument, so that it does not
    read it a second time."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if load is not None:
                obj = visible_or_404(user, load(kwargs.pop(lookup)), perm)
                kwargs[obj._meta.model_name] = obj
            elif model is None:
                if not user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)
            else:
                obj = get_visible_or_404(user, model, perm, **{lookup: kwargs[lookup]})
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                # A refusal from further on (a service) about this object: the same rule.
                if not may_see(user, obj):
                    raise Http404 from None
                raise

        return wrapper

    return decorator
