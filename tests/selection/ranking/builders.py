"""Builders for the ranking's tests (and the matrix): a call with a business-line question,
applications with a region and business lines, committee seats, submitted reviews with a
given score, past laureates. Objects are made with the models directly."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tests.conftest import make_person
from tremplin.acceleration.models import LaureateProject
from tremplin.applications.models import AnswerChoice, Application, State
from tremplin.programmes.models import Audience, Call, FormStep, Programme, Question, Season
from tremplin.reference.models import BusinessLine, Region
from tremplin.selection.models import (
    Assignment,
    CommitteeMember,
    Conflict,
    Review,
    SelectionSettings,
)

_numbers = itertools.count(1)


def ranking_call(
    *,
    representativeness=True,
    places=2,
    tie_break="margin",
    margin="0.20",
    season_number=None,
    programme=None,
    season=None,
) -> Call:
    n = next(_numbers)
    programme = programme or Programme.objects.create(
        slug=f"ranking-programme-{n}",
        name={"fr": f"Programme classé {n}", "en": f"Ranked programme {n}"},
        audience=Audience.MEMBERS if representativeness else Audience.OUTSIDERS,
        regional_representativeness=representativeness,
        places=places,
    )
    season = (
        season
        or Season.objects.get_or_create(
            number=season_number or 700 + n, defaults={"opened_on": date(2021, 4, 1)}
        )[0]
    )
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug=f"ranking-call-{n}",
        title={"fr": f"Appel classé {n}", "en": f"Ranked call {n}"},
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    step = FormStep.objects.create(call=call, position=1, title={"fr": "Projet"})
    Question.objects.create(
        call=call,
        step=step,
        kind=Question.Kind.BUSINESS_LINE,
        key="lines",
        label={"fr": "Filières"},
        required=False,
    )
    SelectionSettings.objects.create(
        call=call, tie_break=tie_break, tie_break_margin=Decimal(margin), places=places
    )
    return call


def application(call, *, region="FR-IDF", lines=("elderly",), state=State.IN_REVIEW, title=None):
    n = next(_numbers)
    result = Application.objects.create(
        call=call,
        applicant_name=f"Porteur {n}",
        title=title or f"Projet {n}",
        organisation_name=f"Structure {n}",
        region=Region.objects.get(code=region) if region else None,
        state=state,
        submitted_at=timezone.now(),
    )
    question = call.questions.get(key="lines")
    AnswerChoice.objects.bulk_create(
        [AnswerChoice(application=result, question=question, value=code) for code in lines]
    )
    return result


def seat(call, person=None, role=CommitteeMember.Role.REVIEWER, name=None) -> CommitteeMember:
    if person is None:
        n = next(_numbers)
        person = make_person(full_name=name or f"Relecteur {n}", roles=["committee"])
    return CommitteeMember.objects.create(
        call=call, person=person, person_name=name or person.full_name, role=role
    )


def review(member, application, score: float, *, submitted=True) -> Review:
    assignment = Assignment.objects.create(
        member=member, application=application, source=Assignment.Source.MANUAL
    )
    return Review.objects.create(
        assignment=assignment,
        state=Review.State.SUBMITTED if submitted else Review.State.DRAFT,
        score=score,
        submitted_at=timezone.now() if submitted else None,
    )


def conflict(member, application) -> Conflict:
    return Conflict.objects.create(
        member=member, application=application, source=Conflict.Source.DECLARED, reason="test"
    )


def laureate(call, region, lines=(), *, earlier=True) -> LaureateProject:
    """A laureate of the call's programme from an earlier season (or the same one)."""
    n = next(_numbers)
    season = call.season
    if earlier:
        season = Season.objects.get_or_create(
            number=season.number - 1, defaults={"opened_on": date(2019, 5, 21)}
        )[0]
    project = LaureateProject.objects.create(
        name=f"Lauréat {n}",
        slug=f"laureat-ranking-{n}",
        pitch={"fr": "x"},
        season=season,
        programme=call.programme,
        track=LaureateProject.Track.INTRAPRENEUR,
        region=Region.objects.get(code=region) if region else None,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 7, 1),
    )
    project.business_lines.set(BusinessLine.objects.filter(code__in=lines))
    return project


def reviewed_call(applications=20, reviewers=6, per_application=3, **options):
    """A call whose applications each have `per_application` submitted reviews, spread over
    `reviewers` so that the reviewers and applications are connected: calibration runs.
    Returns (call, applications, members)."""
    call = ranking_call(**options)
    members = [seat(call) for _ in range(reviewers)]
    regions = ["FR-IDF", "FR-973", "FR-BRE", "FR-ARA", "FR-976"]
    lines = ["elderly", "disability", "health", "migrations"]
    made = []
    for index in range(applications):
        made.append(
            application(
                call,
                region=regions[index % len(regions)],
                lines=(lines[index % len(lines)],),
                title=f"Projet {index + 1:03d}",
            )
        )
    for index, item in enumerate(made):
        for k in range(per_application):
            member = members[(index + k) % reviewers]
            # Scores decrease with the index, each reviewer with their own offset.
            score = max(0.0, min(5.0, 4.6 - 3.5 * index / applications + 0.15 * (k - 1)))
            review(member, item, round(score, 2))
    return call, made, members


__all__ = ["State"]
