"""What the views of several parts share: the refusal of a service shown on the form, and the
call named by the address."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ..models import Call


def refused(form, error: ValidationError) -> None:
    """A refusal of a service, said next to the fields it concerns."""
    form.add_error(None, error)


def call_or_404(pk) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "season"), pk=pk)
