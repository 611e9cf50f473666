"""Calls with a form and applications in every state, for the tests of the staff pages (and
of catalogue's four-eyes rule)."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from tests.conftest import make_person
from tremplin.applications import services
from tremplin.applications.models import Application
from tremplin.programmes.models import (
    Audience,
    Call,
    EligibilityCriterion,
    FormStep,
    Programme,
    Question,
    Season,
)
from tremplin.programmes.services.form_builder import ensure_system_questions

K = Question.Kind
_numbers = itertools.count(1)

STAGES = [
    {"value": "idea", "label": {"fr": "Idée", "en": "Idea", "es": "Idea"}},
    {"value": "prototype", "label": {"fr": "Prototype", "en": "Prototype", "es": "Prototipo"}},
    {"value": "pilot", "label": {"fr": "Expérimentation", "en": "Pilot", "es": "Piloto"}},
]
AUDIENCES = [
    {"value": "seniors", "label": {"fr": "Personnes âgées", "en": "Older people"}},
    {"value": "migrants", "label": {"fr": "Personnes migrantes", "en": "Migrants"}},
    {"value": "youth", "label": {"fr": "Jeunes", "en": "Young people"}},
]


def build_call(slug=None, *, programme=None, season=None, days_left=10) -> Call:
    """An open call whose form has the system questions and a second step: a long text, a
    single choice, a multiple choice, business lines, a budget and a file."""
    n = next(_numbers)
    programme = programme or Programme.objects.create(
        slug=f"programme-{n}",
        name={"fr": f"Programme {n}", "en": f"Programme {n}"},
        audience=Audience.OUTSIDERS,
    )
    season = (
        season
        or Season.objects.get_or_create(number=4, defaults={"opened_on": timezone.localdate()})[0]
    )
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug=slug or f"call-{n}",
        title={"fr": f"Appel {n}", "en": f"Call {n}"},
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=days_left),
    )
    ensure_system_questions(call)
    step = FormStep.objects.create(
        call=call, position=1, title={"fr": "Le projet", "en": "The project"}
    )
    for position, (key, kind, extra) in enumerate(
        [
            ("need", K.LONG_TEXT, {"max_length": 5000}),
            ("stage", K.SINGLE_CHOICE, {"options": STAGES}),
            ("audiences", K.MULTIPLE_CHOICE, {"options": AUDIENCES}),
            ("lines", K.BUSINESS_LINE, {}),
            ("budget", K.BUDGET, {}),
            ("deck", K.FILE, {}),
        ]
    ):
        Question.objects.create(
            call=call,
            step=step,
            position=position,
            kind=kind,
            key=key,
            label={"fr": f"Question {key}", "en": f"Question {key} (en)"},
            required=False,
            **extra,
        )
    EligibilityCriterion.objects.create(
        call=call, position=0, label={"fr": "Besoin social", "en": "A social need"}
    )
    EligibilityCriterion.objects.create(
        call=call, position=1, label={"fr": "Impact social", "en": "Social impact"}
    )
    return call


def apply(
    call,
    person=None,
    *,
    title="Projet",
    organisation="Association",
    kind="association",
    region="FR-BRE",
    need="Un besoin.",
    stage="idea",
    audiences=("seniors",),
    lines=("elderly",),
    budget="1000",
    submit=True,
) -> Application:
    """An application filled and (by default) submitted through the services, as an
    applicant would."""
    person = person or make_person(full_name=f"Porteur {title}")
    application = services.start(call, person)
    questions = list(call.questions.all())
    values = {
        "project_name": title,
        "organisation_name": organisation,
        "organisation_kind": kind,
        "region": region,
        "need": need,
        "stage": stage,
        "audiences": list(audiences),
        "lines": list(lines),
        "budget": budget,
    }
    result = services.save_answers(application, person, questions, values, {}, {})
    assert not result.conflicts and not result.invalid
    if submit:
        application = services.submit(application, person)
    return Application.objects.get(pk=application.pk)


def move_to(application, state) -> Application:
    """Put an application in `state` directly (the path there is tested elsewhere)."""
    Application.objects.filter(pk=application.pk).update(state=state)
    application.refresh_from_db()
    return application


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(application, name="dossier.pdf", content=PDF, key="deck"):
    """A file uploaded by the applicant through the service (its type checked)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    question = application.call.questions.get(key=key)
    return services.upload(
        application, application.applicant, question, SimpleUploadedFile(name, content)
    )
