"""Fixtures of the staff pages: a signed-in member of the accelerator team, and a call with a
form (system questions, a second step, a question) and a checklist."""

from __future__ import annotations

import pytest

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.programmes.models import EligibilityCriterion, FormStep, Question
from tremplin.programmes.services import form_builder


@pytest.fixture
def staff(db):
    return make_person("team@example.org", roles=["staff"])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def applicant(db):
    return make_person("applicant@example.org", roles=["applicant"])


@pytest.fixture
def call_with_form(db):
    """A call whose form has the system step, a second step with two questions, and a
    checklist of two criteria."""
    call = builders.call(title={"fr": "Appel avec formulaire", "en": "Call with a form"})
    form_builder.ensure_system_questions(call)
    step = FormStep.objects.create(call=call, position=1, title={"fr": "Votre équipe"})
    Question.objects.create(
        call=call,
        step=step,
        position=0,
        kind=Question.Kind.LONG_TEXT,
        key="team",
        label={"fr": "Présentez votre équipe"},
        max_length=1500,
    )
    Question.objects.create(
        call=call,
        step=step,
        position=1,
        kind=Question.Kind.SINGLE_CHOICE,
        key="stage",
        label={"fr": "Stade du projet"},
        options=[
            {"value": "idea", "label": {"fr": "Idée", "en": "Idea"}},
            {"value": "prototype", "label": {"fr": "Prototype", "en": "Prototype"}},
        ],
    )
    EligibilityCriterion.objects.create(call=call, position=0, label={"fr": "Critère A"})
    EligibilityCriterion.objects.create(call=call, position=1, label={"fr": "Critère B"})
    return call
