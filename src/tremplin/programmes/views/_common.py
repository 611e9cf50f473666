"""What the views of several parts share: a form written through a service (its refusal shown
on the form), the permission of a call's staff pages, and the copy of an object a form
validates into."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError

from tremplin.core.permissions import permission_required
from tremplin.core.views import refusal_into

from .. import queries

# The staff pages of one call (staff/calls/<slug>/...): the call is loaded once, with what
# the pages show, and handed to the view as `call`.
manage_call = permission_required(
    "programmes.manage_calls", load=queries.call_by_slug, lookup="slug"
)


def written(request, form, write):
    """On a POST whose `form` is valid, the result of `write(cleaned_data)` (a service call);
    None when the form is invalid or the service refused, the refusal then said on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as error:
        refusal_into(form, error)
        return None


def form_copy(obj):
    """A copy of `obj` for a ModelForm: validating writes the typed values into the form's
    instance, while the page keeps showing the saved ones and the service compares with them."""
    return copy.copy(obj)
