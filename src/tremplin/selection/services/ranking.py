"""Writes of the ranking: the call's tie-break policy (what counts as an equal promise of
impact, and the number of places), with its history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from tremplin.core import history

from ..models import SelectionSettings

POLICY_FIELDS = ("tie_break", "tie_break_margin", "places")


def set_tie_break_policy(call, person, data: dict) -> SelectionSettings:
    """Save the policy fields of `data` (cleaned by TieBreakPolicyForm) on the call's
    settings, in one transaction, and record before and after in the history."""
    if not person.has_perm("selection.manage_committee", call):
        raise PermissionDenied
    with transaction.atomic():
        settings, _created = SelectionSettings.objects.select_for_update().get_or_create(call=call)
        before = {name: _plain(getattr(settings, name)) for name in POLICY_FIELDS}
        for name in POLICY_FIELDS:
            setattr(settings, name, data[name])
        after = {name: _plain(getattr(settings, name)) for name in POLICY_FIELDS}
        if before == after:
            return settings
        settings.save(update_fields=list(POLICY_FIELDS))
        history.record(settings, "selection.tie_break_policy", person, before=before, after=after)
    return settings


def _plain(value):
    return None if value is None else str(value)
