"""What every app's services share.

`require` is the permission check at the top of a service: it raises PermissionDenied and
nothing else. A view does not call it: views refuse with `core.permissions.require`, which
answers 404 to a person who may not even see the object (so that no page reveals that it
exists) and 403 otherwise. A service cannot make that choice (it does not know who asks, or
from where), and its PermissionDenied raised inside a view decorated with
`permission_required` is turned into that same 404 or 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def require(actor, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `actor` is someone who holds `permission` (on `obj`, when
    one is given). An anonymous or missing actor holds nothing."""
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied
