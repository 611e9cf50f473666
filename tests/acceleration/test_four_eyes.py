"""The four-eyes rule in the acceleration: a referent or staff member who is on a laureate
project's team works on its milestones like the rest of the team, but neither validates nor
sends back its deliverables, nor plans its milestones, nor decides its funding, its people or
its outcome, nor reads the accelerator's internal notes on it. The page offers them none of
it; the services refuse with the four-eyes message and record nothing; another person does
it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import make_person
from tremplin.acceleration.models import FundingTranche, Milestone, Phase
from tremplin.acceleration.services import funding, milestones, outcome
from tremplin.acceleration.workflow import MILESTONE_WORKFLOW, OUTCOME_WORKFLOW
from tremplin.core import history

OWN_WORK = "You cannot decide on your own work: another person must do it."

DECISIONS = (
    "acceleration.validate_milestones",
    "acceleration.edit_milestones",
    "acceleration.manage_funding",
    "acceleration.manage_people",
    "acceleration.record_outcome",
    "acceleration.reopen_outcome",
    "acceleration.view_internal_notes",
    "acceleration.edit_internal_notes",
)


@pytest.fixture(params=["referent", "staff"])
def insider(request, world):
    """The project's referent, or a staff member, who joins the project's team."""
    person = world.people[request.param]
    world.project.team.add(person)
    return person


def delivered(world):
    milestone = milestones.add_milestone(
        world.project,
        make_person(roles=["staff"]),  # not on the team
        phase=Phase.NEEDS,
        title="Field interviews",
        due_on=timezone.localdate(),
    )
    Milestone.objects.filter(pk=milestone.pk).update(state=Milestone.State.DELIVERED)
    milestone.refresh_from_db()
    return milestone


def test_no_decision_on_ones_own_project(world, insider):
    project = world.project
    for perm in DECISIONS:
        assert not insider.has_perm(perm, project), perm
    # Still on the team: they see the project and work on its milestones.
    assert insider.has_perm("acceleration.view_project", project)
    assert insider.has_perm("acceleration.work_on_milestones", project)


def test_nor_validate_nor_send_back_a_deliverable_of_their_project(world, insider):
    milestone = delivered(world)
    names = [t.name for t in MILESTONE_WORKFLOW.available(milestone, insider)]
    assert "validate" not in names and "reopen" not in names
    for name, reason in (("validate", ""), ("reopen", "À reprendre")):
        with pytest.raises(PermissionDenied) as refused:
            milestones.fire_milestone(milestone, insider, name, reason)
        assert str(refused.value) == OWN_WORK
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.DELIVERED
    assert not history.history_of(milestone).exists()


def test_nor_decide_its_funding(world, insider):
    with pytest.raises(PermissionDenied) as refused:
        funding.add_tranche(
            world.project,
            insider,
            amount=Decimal("5000"),
            partner=None,
            planned_on=timezone.localdate(),
        )
    assert str(refused.value) == OWN_WORK
    tranche = funding.add_tranche(
        world.project,
        make_person(roles=["staff"]),
        amount=Decimal("100"),
        partner=None,
        planned_on=timezone.localdate(),
    )
    with pytest.raises(PermissionDenied):
        funding.change_tranche(
            tranche,
            insider,
            amount=Decimal("9000"),
            partner=None,
            conditions="",
            planned_on=timezone.localdate(),
            disbursed_on=None,
        )
    with pytest.raises(PermissionDenied):
        funding.remove_tranche(tranche, insider)
    assert list(FundingTranche.objects.values_list("amount", flat=True)) == [Decimal("100")]


def test_nor_record_its_outcome(world, insider):
    project = world.project
    assert not OUTCOME_WORKFLOW.available(project, insider)
    with pytest.raises(PermissionDenied) as refused:
        outcome.record_outcome(project, insider, "deploy", sites=3)
    assert str(refused.value) == OWN_WORK
    project.refresh_from_db()
    assert project.state == "accelerating"


def test_another_person_validates_and_decides(world, insider):
    other = make_person(roles=["staff"])
    milestone = delivered(world)
    milestones.fire_milestone(milestone, other, "validate")
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.VALIDATED
    outcome.record_outcome(world.project, other, "deploy", sites=2)
    assert world.project.state == "deployed"


def test_the_project_page_offers_no_validation_and_the_funding_page_no_form(client, world):
    referent = world.people["referent"]
    world.project.team.add(referent)
    milestone = delivered(world)
    client.force_login(referent)
    with translation.override("en"):
        page = client.get(reverse("acceleration:project", kwargs={"slug": world.project.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="transition" value="validate"' not in html
    assert 'name="transition" value="reopen"' not in html
    assert page.context["can"]["notes"] is False
    funding_page = client.get(reverse("acceleration:funding", kwargs={"slug": world.project.slug}))
    assert funding_page.status_code == 200
    assert funding_page.context["form"] is None
    posted = client.post(
        reverse(
            "acceleration:milestone_status",
            kwargs={"slug": world.project.slug, "pk": milestone.pk},
        ),
        {"transition": "validate", "reason": ""},
        follow=True,
    )
    assert OWN_WORK in [str(m) for m in posted.context["messages"]]
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.DELIVERED
