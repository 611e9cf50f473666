"""A laureate project in acceleration with the people around it: staff, its referent and
another referent, its mentor and another mentor, its team member, another applicant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.acceleration.models import Cohort, LaureateProject, MentorProfile
from tremplin.accounts.models import Person


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read English: everyone created here prefers English (the reminders' test
    sets other languages explicitly)."""

    monkeypatch.setattr(Person._meta.get_field("preferred_language"), "default", "en")
    with translation.override("en"):
        yield


@dataclass
class World:
    project: LaureateProject
    other_project: LaureateProject
    cohort: Cohort
    people: dict


def build_world() -> World:
    people = {
        "staff": make_person("staff-acc@example.org", roles=["staff"], full_name="Sophie Bernard"),
        "referent": make_person("ref@example.org", roles=["referent"], full_name="Julien Moreau"),
        "other_referent": make_person(
            "ref2@example.org", roles=["referent"], full_name="Élodie Garnier"
        ),
        "mentor": make_person("men@example.org", roles=["mentor"], full_name="Nadia Haddad"),
        "other_mentor": make_person("men2@example.org", roles=["mentor"], full_name="Thomas Roux"),
        "team": make_person("team@example.org", full_name="Antoine Chevalier"),
        "applicant": make_person("other@example.org", full_name="Camille Martin"),
    }
    today = timezone.localdate()
    programme = builders.programme("intrapreneurs-acc")
    season = builders.season(7)
    cohort = Cohort.objects.create(
        programme=programme,
        season=season,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=120),
    )
    project = builders.project(
        "Minutis",
        prog=programme,
        seas=season,
        referent=people["referent"],
        mentors=[people["mentor"]],
        team=[people["team"]],
    )
    other = builders.project(
        "BackPack",
        prog=programme,
        seas=season,
        referent=people["other_referent"],
        mentors=[people["other_mentor"]],
        team=[people["applicant"]],
    )
    for p in (project, other):
        p.cohort = cohort
        p.starts_on, p.ends_on = cohort.starts_on, cohort.ends_on
        p.save()
    for key in ("mentor", "other_mentor"):
        MentorProfile.objects.create(person=people[key], kind=MentorProfile.Kind.EMPLOYEE)
    return World(project, other, cohort, people)


@pytest.fixture
def world(db) -> World:
    return build_world()
