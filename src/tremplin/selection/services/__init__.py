"""Every write of the selection committee, one module per part: committee.py (members,
conflicts, bids, assignment runs), reviews.py, meeting.py (agenda, notes, votes, decisions).
Shared helpers are here."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop

from tremplin.core.translated import in_every_language

from ..models import ReviewCriterion, SelectionSettings

# The default review form (issue 4): label, description.
DEFAULT_CRITERIA = [
    (
        gettext_noop("Social or organisational need"),
        gettext_noop("Is the need real, important and well documented?"),
    ),
    (
        gettext_noop("Innovative value proposition"),
        gettext_noop("What does the solution bring that existing answers do not?"),
    ),
    (
        gettext_noop("Social impact"),
        gettext_noop("For whom, how many people, and how will the impact be measured?"),
    ),
    (
        gettext_noop("Feasibility and team"),
        gettext_noop("Can this team carry the project in six months, with which resources?"),
    ),
    (
        gettext_noop("Strategic interest for the movement"),
        gettext_noop("Does it serve the movement's business lines and the people it supports?"),
    ),
]


def settings_for(call) -> SelectionSettings:
    """The call's selection settings, created with defaults the first time."""
    existing = getattr(call, "selection_settings", None)
    if existing is not None:
        return existing
    settings, _created = SelectionSettings.objects.get_or_create(call=call)
    return settings


def ensure_review_criteria(call) -> None:
    """Give the call the default review criteria if it has none."""
    if call.review_criteria.exists():
        return
    with transaction.atomic():
        for position, (label, description) in enumerate(DEFAULT_CRITERIA):
            ReviewCriterion.objects.create(
                call=call,
                position=position,
                label=in_every_language(label),
                description=in_every_language(description),
            )
