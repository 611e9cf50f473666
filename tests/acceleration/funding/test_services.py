"""Funding: totals exact to the cent, every change recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.programmes import builders
from tremplin.acceleration import queries
from tremplin.acceleration.services import funding
from tremplin.core import history


def test_funding_totals_exact_and_every_change_recorded(world):
    staff = world.people["staff"]
    nexem = builders.organisation("Nexem")
    roche = builders.organisation("Fondation Roche")
    today = timezone.localdate()
    first = funding.add_tranche(
        world.project,
        staff,
        amount=Decimal("0.10"),
        partner=nexem,
        planned_on=today,
        disbursed_on=today,
    )
    funding.add_tranche(
        world.project, staff, amount=Decimal("0.20"), partner=roche, planned_on=today
    )
    funding.add_tranche(
        world.other_project, staff, amount=Decimal("10000.05"), partner=nexem, planned_on=today
    )
    totals = queries.funding_totals()
    assert totals["overall"]["total"] == Decimal("10000.35")
    assert totals["overall"]["disbursed"] == Decimal("0.10")
    by_partner = {row["partner__name"]: row["total"] for row in totals["by_partner"]}
    assert by_partner == {"Fondation Roche": Decimal("0.20"), "Nexem": Decimal("10000.15")}
    assert [row["total"] for row in totals["by_cohort"]] == [Decimal("10000.35")]
    assert [row["total"] for row in totals["by_programme"]] == [Decimal("10000.35")]
    funding.change_tranche(
        first,
        staff,
        amount=Decimal("0.30"),
        partner=nexem,
        conditions="Prototype shown",
        planned_on=today,
        disbursed_on=None,
    )
    funding.remove_tranche(first, staff)
    actions = [e.action for e in history.history_of(world.project).order_by("at", "id")]
    assert actions == [
        "acceleration:tranche_added",
        "acceleration:tranche_added",
        "acceleration:tranche_changed",
        "acceleration:tranche_removed",
    ]
    changed = history.history_of(world.project).get(action="acceleration:tranche_changed")
    assert changed.data["before"]["amount"] == "0.10" and changed.data["after"]["amount"] == "0.30"
    with pytest.raises(ValidationError):
        funding.add_tranche(
            world.project, staff, amount=Decimal("-1"), partner=None, planned_on=today
        )
    with pytest.raises(PermissionDenied):
        funding.add_tranche(
            world.project,
            world.people["referent"],
            amount=Decimal("1"),
            partner=None,
            planned_on=today,
        )
