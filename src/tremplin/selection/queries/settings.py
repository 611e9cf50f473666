"""A call's selection settings as pages read them: stored, or the defaults, and never written
(services.settings_for creates the row, where a write is intended).

`of` is the one read. Its implementation sits in visibility.py because the permission rules
read it too, and rules sit below queries; it is the same function."""

from __future__ import annotations

from ..models import SelectionSettings
from ..visibility import settings_of as of

__all__ = ["for_form", "of"]


def for_form(call) -> SelectionSettings:
    """A separate copy of the settings, as stored or the defaults, for a form to change: a
    bound form changes its instance, and the page must keep showing what is stored."""
    return SelectionSettings.objects.filter(call=call).first() or SelectionSettings(call=call)
