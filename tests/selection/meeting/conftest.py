"""A call in selection with its committee (chair, two reviewers, an observer partner), staff,
review criteria, and builders for reviewed applications and meetings."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.applications.models import Application, State
from tremplin.selection.models import (
    Assignment,
    CommitteeMember,
    Review,
    ReviewCriterion,
    ReviewScore,
)
from tremplin.selection.services import meeting as services

_numbers = itertools.count(1)


@pytest.fixture
def call(db):
    call = builders.call(state="closed", title={"fr": "Appel Entrepreneurs", "en": "Call"})
    for position, (label, weight) in enumerate([("Besoin", "2"), ("Impact", "1")]):
        ReviewCriterion.objects.create(
            call=call,
            position=position,
            label={"fr": label, "en": label},
            weight=Decimal(weight),
        )
    return call


@pytest.fixture
def staff(db):
    return make_person("team@example.org", roles=["staff"], full_name="Équipe Accélérateur")


def seat(call, person, role=CommitteeMember.Role.REVIEWER) -> CommitteeMember:
    return CommitteeMember.objects.create(
        call=call, person=person, person_name=person.full_name, role=role
    )


@pytest.fixture
def chair(call):
    person = make_person("chair@example.org", roles=["committee"], full_name="Amina Diallo")
    seat(call, person, CommitteeMember.Role.CHAIR)
    return person


@pytest.fixture
def reviewers(call):
    people = []
    for name in ("Paul Lefèvre", "Isabelle Martin"):
        person = make_person(roles=["committee"], full_name=name)
        seat(call, person)
        people.append(person)
    return people


@pytest.fixture
def observer(call):
    person = make_person("observer@example.org", roles=["partner"], full_name="Claire Dubois")
    seat(call, person, CommitteeMember.Role.OBSERVER)
    return person


def member_of(call, person) -> CommitteeMember:
    return CommitteeMember.objects.get(call=call, person=person)


def application(
    call,
    title=None,
    *,
    state=State.IN_REVIEW,
    language="fr",
    organisation="Les Jardins Solidaires",
    name=None,
) -> Application:
    n = next(_numbers)
    person = make_person(preferred_language=language, full_name=name or f"Porteur {n}")
    return Application.objects.create(
        call=call,
        applicant=person,
        applicant_name=person.full_name,
        title=title or f"Projet {n}",
        organisation_name=organisation,
        state=state,
        submitted_at=timezone.now(),
    )


def review(
    application,
    person,
    score: float | None,
    *,
    values=(4, 3),
    comment="",
    for_applicant="",
    submitted=True,
) -> Review:
    member = member_of(application.call, person)
    assignment = Assignment.objects.create(
        member=member, application=application, source=Assignment.Source.MANUAL
    )
    result = Review.objects.create(
        assignment=assignment,
        state=Review.State.SUBMITTED if submitted else Review.State.DRAFT,
        score=score,
        comment_for_committee=comment,
        comment_for_applicant=for_applicant,
        submitted_at=timezone.now() if submitted else None,
    )
    criteria = list(ReviewCriterion.objects.filter(call=application.call).order_by("position"))
    ReviewScore.objects.bulk_create(
        [
            ReviewScore(review=result, criterion=criterion, value=value)
            for criterion, value in zip(criteria, values, strict=False)
        ]
    )
    return result


def reviewed(call, reviewers, title, scores, **fields) -> Application:
    """An application with one submitted review per score, by the given reviewers in turn."""
    result = application(call, title, **fields)
    for person, score in zip(reviewers, scores, strict=False):
        review(result, person, score, comment=f"Avis de {person.full_name} sur {title}")
    return result


def open_meeting(call, actor, *, place="Salle Henry Dunant", build=True):
    meeting = services.plan_meeting(
        call, actor, scheduled_for=timezone.now() + timezone.timedelta(days=1), place=place
    )
    if build:
        services.build_agenda(meeting, actor)
    services.fire_meeting(meeting, actor, "open")
    meeting.refresh_from_db()
    return meeting


def signed_in(client, person):
    client.force_login(person)
    return client


def messages_of(response) -> list[tuple[str, str]]:
    """The flash messages shown by a followed response: (level, text)."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]
