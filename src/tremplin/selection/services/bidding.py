"""Writes of the bidding: a member's preferences on the applications they may review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.applications.models import Application
from tremplin.core import history

from .. import membership
from ..models import (
    Bid,
    CommitteeMember,
)
from ..workflow import ASSIGNABLE_STATES
from ._common import CommitteeRefused

# --- Bids --------------------------------------------------------------------------------------


def save_bids(member: CommitteeMember, actor, preferences: dict[int, int | None]) -> int:
    """Save the member's preferences for the applications of one page (None clears one).
    Applications they may not bid on (conflicted, no longer eligible) are skipped. Returns how
    many bids changed."""
    call = member.call
    if actor is None or member.person_id != actor.pk or not actor.has_perm("selection.bid", call):
        raise PermissionDenied(_("You are not allowed to do this."))
    allowed_values = set(Bid.Preference.values)
    for value in preferences.values():
        if value is not None and value not in allowed_values:
            raise CommitteeRefused(_("Choose one of the preferences offered."))
    membership.forget_cached(member)
    hidden = membership.conflicted_application_ids(member)
    allowed = set(
        Application.objects.filter(call=call, state__in=ASSIGNABLE_STATES, pk__in=list(preferences))
        .exclude(pk__in=hidden)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        current = {
            bid.application_id: bid
            for bid in Bid.objects.select_for_update().filter(
                member=member, application_id__in=allowed
            )
        }
        to_create, to_update, to_delete = [], [], []
        for application_id in allowed:
            value = preferences[application_id]
            bid = current.get(application_id)
            if value is None:
                if bid is not None:
                    to_delete.append(bid.pk)
            elif bid is None:
                to_create.append(
                    Bid(member=member, application_id=application_id, preference=value)
                )
            elif bid.preference != value:
                bid.preference = value
                to_update.append(bid)
        Bid.objects.bulk_create(to_create)
        Bid.objects.bulk_update(to_update, ["preference", "updated_at"])
        Bid.objects.filter(pk__in=to_delete).delete()
        changed = len(to_create) + len(to_update) + len(to_delete)
        if changed:
            history.record(member, "bids_saved", actor, changed=changed)
    return changed
