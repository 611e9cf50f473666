"""Projects from a call's selected applications, once; who may create them; history kept readable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.acceleration import queries
from tremplin.acceleration.models import (
    CheckIn,
    LaureateProject,
    MilestoneTemplate,
    Phase,
)
from tremplin.acceleration.services import journal, milestones, projects
from tremplin.applications.models import Application, CoApplicant, State


def _selected(call, title, *, state=State.SELECTED, co_applicant=None):
    lead = make_person(full_name=f"Lead {title}")
    application = Application.objects.create(
        call=call,
        applicant=lead,
        applicant_name=str(lead),
        title=title,
        organisation_name="Les Jardins Solidaires",
        organisation_kind="association",
        state=state,
        submitted_at=timezone.now(),
    )
    if co_applicant is not None:
        CoApplicant.objects.create(
            application=application,
            email=co_applicant.email,
            person=co_applicant,
            invited_by=lead,
            accepted_at=timezone.now(),
        )
    return application


def test_selected_applications_become_projects_once(world):
    staff = world.people["staff"]
    call = builders.call(state="closed")
    MilestoneTemplate.objects.create(
        programme=call.programme, phase=Phase.NEEDS, title="Interviews", due_offset_days=14
    )
    friend = make_person(full_name="Co Applicant")
    first = _selected(call, "Gulao", co_applicant=friend)
    _selected(call, "Refusé", state=State.REJECTED)
    created, existing = projects.create_projects_from_call(call, staff)
    assert [p.name for p in created] == ["Gulao"] and existing == 0
    project = created[0]
    assert project.application == first
    assert project.cohort.programme == call.programme and project.cohort.season == call.season
    assert set(project.team.all()) == {first.applicant, friend}
    assert project.organisation.name == "Les Jardins Solidaires"
    assert project.track == LaureateProject.Track.ENTREPRENEUR
    milestone = project.milestones.get()
    assert milestone.due_on == project.starts_on + timedelta(days=14)
    again, existing = projects.create_projects_from_call(call, staff)
    assert again == [] and existing == 1
    assert LaureateProject.objects.filter(application=first).count() == 1


def test_only_staff_create_projects(world):
    call = builders.call(state="closed")
    with pytest.raises(PermissionDenied):
        projects.create_projects_from_call(call, world.people["referent"])


def test_deleting_a_person_keeps_the_history_readable(world):
    team, referent = world.people["team"], world.people["referent"]
    milestone = milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.NEEDS,
        title="Interviews",
        due_on=timezone.localdate(),
        owner=team,
    )
    milestones.fire_milestone(milestone, team, "deliver")
    check_in = journal.write_check_in(
        world.project, team, kind=CheckIn.Kind.CHECK_IN, happens_at=timezone.now(), notes="Done"
    )
    team.delete()
    referent.delete()
    milestone.refresh_from_db()
    check_in.refresh_from_db()
    assert milestone.owner is None and milestone.owner_name == "Antoine Chevalier"
    assert check_in.author is None and check_in.author_name == "Antoine Chevalier"
    entries = queries.history_of_project(world.project, [milestone.pk])
    names = {e.actor_display for e in entries}
    assert "Antoine Chevalier (former member)" in names
    assert "Julien Moreau (former member)" in names
