"""People: the referent's role, mentors from the pool and their suggestions, sponsorship, expert time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.conftest import make_person
from tremplin.acceleration import mentor_matching, queries
from tremplin.acceleration.services import people
from tremplin.reference.models import BusinessLine


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
        mentor_matching.MentorFacts(1, "Ana", frozenset({"health"}), frozenset(), True, 0, 2),
        mentor_matching.MentorFacts(2, "Ben", frozenset(), frozenset({"legal"}), True, 0, 2),
        mentor_matching.MentorFacts(
            3, "Cléo", frozenset({"health"}), frozenset({"legal"}), True, 0, 2
        ),
        mentor_matching.MentorFacts(
            4, "Full", frozenset({"health"}), frozenset({"legal"}), True, 2, 2
        ),
        mentor_matching.MentorFacts(5, "Away", frozenset({"health"}), frozenset(), False, 0, 2),
        mentor_matching.MentorFacts(6, "None", frozenset({"food"}), frozenset(), True, 0, 2),
    ]
    ranked = mentor_matching.suggest({"health"}, {"legal"}, facts)
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
