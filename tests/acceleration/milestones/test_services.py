"""Milestones: the state machine checked and recorded, owners, who may work, phases and overdue, deliverable files."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tremplin.acceleration import queries
from tremplin.acceleration.models import (
    Milestone,
    Phase,
)
from tremplin.acceleration.services import milestones
from tremplin.core import history
from tremplin.core.workflow import TransitionNotAllowed

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_milestone_state_machine_is_checked_and_recorded(world):
    project, team = world.project, world.people["team"]
    milestone = milestones.add_milestone(
        project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="Field interviews",
        due_on=timezone.localdate(),
        owner=team,
    )
    milestones.fire_milestone(milestone, team, "start")
    milestones.fire_milestone(milestone, team, "deliver")
    with pytest.raises(PermissionDenied):
        milestones.fire_milestone(milestone, team, "validate")  # the team cannot validate
    milestones.fire_milestone(milestone, world.people["referent"], "validate")
    with pytest.raises(TransitionNotAllowed):
        milestones.fire_milestone(milestone, world.people["referent"], "start")
    with pytest.raises(TransitionNotAllowed):  # reopening needs a reason
        milestones.fire_milestone(milestone, world.people["referent"], "reopen")
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.VALIDATED
    moves = [e.to_state for e in history.history_of(milestone).order_by("at", "id")]
    assert moves == ["in_progress", "delivered", "validated"]


def test_milestone_owner_must_be_of_the_project(world):
    with pytest.raises(ValidationError):
        milestones.add_milestone(
            world.project,
            world.people["staff"],
            phase=Phase.NEEDS,
            title="x",
            due_on=timezone.localdate(),
            owner=world.people["applicant"],
        )


def test_team_cannot_add_milestones_but_mentor_cannot_work(world):
    with pytest.raises(PermissionDenied):
        milestones.add_milestone(
            world.project,
            world.people["team"],
            phase=Phase.NEEDS,
            title="x",
            due_on=timezone.localdate(),
        )
    milestone = milestones.add_milestone(
        world.project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="x",
        due_on=timezone.localdate(),
    )
    with pytest.raises(PermissionDenied):
        milestones.fire_milestone(milestone, world.people["mentor"], "start")


def test_current_phase_and_overdue(world):
    referent, today = world.people["referent"], timezone.localdate()
    done = milestones.add_milestone(
        world.project, referent, phase=Phase.NEEDS, title="Needs", due_on=today - timedelta(days=30)
    )
    milestones.fire_milestone(done, referent, "deliver")
    late = milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.SOLUTIONS,
        title="Late",
        due_on=today - timedelta(days=2),
    )
    milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.SUPPORT,
        title="Later",
        due_on=today + timedelta(days=9),
    )
    assert queries.current_phase(queries.milestones_of(world.project)) == Phase.SOLUTIONS
    assert queries.overdue_milestones(referent, staff=False) == [late]
    assert queries.overdue_milestones(world.people["other_referent"], staff=False) == []
    assert queries.overdue_milestones(staff=True) == [late]


def test_deliverable_file_checked_like_application_uploads(world):
    milestone = milestones.add_milestone(
        world.project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="x",
        due_on=timezone.localdate(),
    )
    attached = milestones.attach_file(
        milestone, world.people["team"], SimpleUploadedFile("report.pdf", PDF)
    )
    assert (
        attached.content_type == "application/pdf"
        and attached.uploaded_by_name == "Antoine Chevalier"
    )
    with pytest.raises(ValidationError) as error:
        milestones.attach_file(
            milestone, world.people["team"], SimpleUploadedFile("evil.pdf", b"MZ not a pdf")
        )
    assert "evil.pdf" in str(error.value)
