"""View decorators for `rules` permissions: anonymous visitors are sent to sign in, signed-in
people without the permission get 403."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def permission_required(perm: str, model=None, lookup: str = "pk"):
    """Require `perm`, checked against the object `model` found by the URL argument `lookup`
    when a model is given."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = get_object_or_404(model, **{lookup: kwargs[lookup]}) if model else None
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
