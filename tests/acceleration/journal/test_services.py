"""The follow-up journal: a check-in scheduled, then held."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tremplin.acceleration.models import (
    CheckIn,
)
from tremplin.acceleration.services import journal


def test_journal_scheduled_then_held(world):
    referent = world.people["referent"]
    when = timezone.now() + timedelta(days=3)
    check_in = journal.write_check_in(
        world.project,
        referent,
        kind=CheckIn.Kind.MEETING,
        happens_at=when,
        participants=[world.people["team"]],
    )
    assert check_in.state == CheckIn.State.SCHEDULED
    journal.write_check_in(
        world.project,
        referent,
        kind=CheckIn.Kind.MEETING,
        happens_at=when,
        notes="Went well",
        decisions="Test in Marseille",
        next_steps="Call the site",
        check_in=check_in,
    )
    check_in.refresh_from_db()
    assert check_in.state == CheckIn.State.HELD
    with pytest.raises(PermissionDenied):
        journal.write_check_in(
            world.project, world.people["mentor"], kind=CheckIn.Kind.CHECK_IN, happens_at=when
        )
