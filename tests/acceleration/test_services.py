"""The acceleration's services and state machines: projects from selected applications,
milestones, the journal, people, funding and outcome; each write recorded."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.acceleration import matching, queries
from tremplin.acceleration.models import (
    CheckIn,
    LaureateProject,
    Milestone,
    MilestoneTemplate,
    Phase,
)
from tremplin.acceleration.services import funding, journal, milestones, people, projects
from tremplin.applications.models import Application, CoApplicant, State
from tremplin.core import history
from tremplin.core.workflow import TransitionNotAllowed
from tremplin.reference.models import BusinessLine

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
    milestones.move_milestone(milestone, team, "start")
    milestones.move_milestone(milestone, team, "deliver")
    with pytest.raises(PermissionDenied):
        milestones.move_milestone(milestone, team, "validate")  # the team cannot validate
    milestones.move_milestone(milestone, world.people["referent"], "validate")
    with pytest.raises(TransitionNotAllowed):
        milestones.move_milestone(milestone, world.people["referent"], "start")
    with pytest.raises(TransitionNotAllowed):  # reopening needs a reason
        milestones.move_milestone(milestone, world.people["referent"], "reopen")
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
        milestones.move_milestone(milestone, world.people["mentor"], "start")


def test_current_phase_and_overdue(world):
    referent, today = world.people["referent"], timezone.localdate()
    done = milestones.add_milestone(
        world.project, referent, phase=Phase.NEEDS, title="Needs", due_on=today - timedelta(days=30)
    )
    milestones.move_milestone(done, referent, "deliver")
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


def test_referent_must_hold_the_role(world):
    with pytest.raises(ValidationError):
        people.set_referent(world.project, world.people["staff"], world.people["applicant"])
    people.set_referent(world.project, world.people["staff"], world.people["other_referent"])
    world.project.refresh_from_db()
    assert world.project.referent == world.people["other_referent"]


def test_mentors_assigned_from_the_pool_and_suggested(world):
    staff, project = world.people["staff"], world.project
    health = BusinessLine.objects.order_by("position")[0]
    project.business_lines.set([health])
    people.set_needs(project, staff, ["finance", "legal"])
    expert = make_person(full_name="Zoé Finance")
    people.save_mentor_profile(
        expert, staff, kind="volunteer", business_lines=[health], skills=["finance"]
    )
    assert "mentor" in make_person.__globals__["Person"].objects.get(pk=expert.pk).roles
    suggestions = queries.suggested_mentors(project)
    assert [s.mentor_id for s in suggestions] == [expert.pk]
    assert suggestions[0].skills == ["finance"] and suggestions[0].line_names == [str(health)]
    people.assign_mentor(project, staff, expert)
    assert expert in project.mentors.all()
    assert queries.suggested_mentors(project) == []  # already assigned
    people.remove_mentor(project, staff, expert)
    with pytest.raises(ValidationError):
        people.assign_mentor(project, staff, world.people["applicant"])  # not in the pool


def test_sponsorship_needs_a_partner(world):
    with pytest.raises(ValidationError):
        people.save_mentor_profile(
            world.people["applicant"], world.people["staff"], kind="sponsorship"
        )


def test_matching_ranks_lines_before_skills_and_explains():
    facts = [
        matching.MentorFacts(1, "Ana", frozenset({"health"}), frozenset(), True, 0, 2),
        matching.MentorFacts(2, "Ben", frozenset(), frozenset({"legal"}), True, 0, 2),
        matching.MentorFacts(3, "Cléo", frozenset({"health"}), frozenset({"legal"}), True, 0, 2),
        matching.MentorFacts(4, "Full", frozenset({"health"}), frozenset({"legal"}), True, 2, 2),
        matching.MentorFacts(5, "Away", frozenset({"health"}), frozenset(), False, 0, 2),
        matching.MentorFacts(6, "None", frozenset({"food"}), frozenset(), True, 0, 2),
    ]
    ranked = matching.suggest({"health"}, {"legal"}, facts)
    assert [s.name for s in ranked] == ["Cléo", "Ana", "Ben"]
    assert ranked[0].lines == ["health"] and ranked[0].skills == ["legal"]


def test_expert_time_is_decimal_hours(world):
    consultation = people.log_consultation(
        world.project,
        world.people["referent"],
        expertise="legal",
        expert_name="Maître Durand",
        consulted_on=timezone.localdate(),
        hours=Decimal("1.25"),
    )
    assert consultation.hours == Decimal("1.25")
    with pytest.raises(ValidationError):
        people.log_consultation(
            world.project,
            world.people["referent"],
            expertise="legal",
            expert_name="x",
            consulted_on=timezone.localdate(),
            hours=Decimal("0"),
        )
    with pytest.raises(PermissionDenied):
        people.log_consultation(
            world.project,
            world.people["mentor"],
            expertise="legal",
            expert_name="x",
            consulted_on=timezone.localdate(),
            hours=Decimal("1"),
        )


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


def test_outcome_state_machine(world):
    referent, project = world.people["referent"], world.project
    with pytest.raises(ValidationError):
        projects.record_outcome(project, referent, "deploy")  # how many sites?
    with pytest.raises(TransitionNotAllowed):
        projects.record_outcome(project, referent, "stop")  # lessons required
    projects.record_outcome(project, referent, "deploy", sites=3)
    assert project.state == "deployed" and project.deployed_sites == 3
    assert project.is_finished
    with pytest.raises(PermissionDenied):
        projects.record_outcome(project, referent, "reopen", lessons="Mistake")
    projects.record_outcome(project, world.people["staff"], "reopen", lessons="Typed too fast")
    projects.record_outcome(project, referent, "stop", lessons="No site could host it")
    project.refresh_from_db()
    assert project.state == "stopped" and project.lessons == "No site could host it"
    moves = [(e.from_state, e.to_state) for e in history.history_of(project).order_by("at", "id")]
    assert moves == [
        ("accelerating", "deployed"),
        ("deployed", "accelerating"),
        ("accelerating", "stopped"),
    ]


def test_alumni_publish_to_catalogue_prefilled_once(world):
    team, project = world.people["team"], world.project
    health = BusinessLine.objects.order_by("position")[0]
    project.business_lines.set([health])
    with pytest.raises(PermissionDenied):  # still in acceleration
        projects.publish_to_catalogue(project, team)
    projects.record_outcome(project, world.people["referent"], "deploy", sites=2)
    version = projects.publish_to_catalogue(project, team)
    assert version.title.shown("fr").text == "Minutis"
    assert list(version.business_lines.all()) == [health]
    assert projects.publish_to_catalogue(project, team).pk == version.pk
    with pytest.raises(PermissionDenied):
        projects.publish_to_catalogue(project, world.people["referent"])


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
    milestones.move_milestone(milestone, team, "deliver")
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


def test_outcome_sites_prefilled_from_the_network(client, world, settings):
    from tremplin.network.models import Experiment

    settings.TREMPLIN_REQUIRE_MFA = False
    for _ in range(2):
        Experiment.objects.create(
            project=world.project, site=builders.site(), status=Experiment.Status.DEPLOYED
        )
    Experiment.objects.create(project=world.project, site=builders.site())
    assert projects.suggested_site_count(world.project) == 2
    client.force_login(world.people["referent"])
    html = client.get(f"/acceleration/projects/{world.project.slug}/outcome/").content.decode()
    assert 'value="2"' in html
