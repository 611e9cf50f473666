"""A call in selection, applications built directly in their state, committee members, and the
staff who run it."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from tests.conftest import make_person
from tremplin.applications.models import AnswerChoice, Application, CoApplicant, State
from tremplin.programmes.models import Audience, Call, FormStep, Programme, Question, Season
from tremplin.programmes.services.form_builder import ensure_system_questions
from tremplin.reference.models import BusinessLine
from tremplin.selection.models import CommitteeMember, SelectionSettings

_numbers = itertools.count(1)


def build_call(slug=None, *, k=3, **options) -> Call:
    n = next(_numbers)
    programme = Programme.objects.create(
        slug=f"committee-programme-{n}", name={"fr": f"Programme {n}"}, audience=Audience.OUTSIDERS
    )
    season = Season.objects.get_or_create(number=4, defaults={"opened_on": timezone.localdate()})[0]
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        season=season,
        slug=slug or f"committee-call-{n}",
        title={"fr": f"Appel {n}", "en": f"Call {n}"},
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    ensure_system_questions(call)
    step = FormStep.objects.create(call=call, position=1, title={"fr": "Le projet"})
    Question.objects.create(
        call=call, step=step, position=1, kind=Question.Kind.LONG_TEXT, key="need",
        label={"fr": "Besoin"},
    )  # fmt: skip
    Question.objects.create(
        call=call, step=step, position=2, kind=Question.Kind.BUSINESS_LINE, key="lines",
        label={"fr": "Métiers"},
    )  # fmt: skip
    SelectionSettings.objects.create(call=call, reviews_per_application=k, **options)
    return call


def build_application(
    call,
    title=None,
    *,
    state=State.ELIGIBLE,
    applicant=None,
    organisation_name="",
    lines=(),
    region=None,
    need="",
    co_applicants=(),
) -> Application:
    """An application as it stands after screening: answers frozen, business lines chosen."""
    n = next(_numbers)
    applicant = applicant or make_person(f"applicant-{n}@team{n}.example", roles=["applicant"])
    title = title or f"Projet {n}"
    application = Application.objects.create(
        call=call,
        applicant=applicant,
        applicant_name=str(applicant),
        title=title,
        organisation_name=organisation_name,
        region=region,
        state=state,
        submitted_at=timezone.now(),
        frozen_answers={
            "version": 1,
            "answers": {
                "project_name": {"value": title, "text": title, "files": []},
                "organisation_name": {
                    "value": organisation_name,
                    "text": organisation_name,
                    "files": [],
                },
                "need": {"value": need, "text": need, "files": []},
            },
        },
    )
    question = call.questions.get(key="lines")
    AnswerChoice.objects.bulk_create(
        [AnswerChoice(application=application, question=question, value=v) for v in lines]
    )
    for person_or_email in co_applicants:
        if isinstance(person_or_email, str):
            CoApplicant.objects.create(application=application, email=person_or_email)
        else:
            CoApplicant.objects.create(
                application=application,
                email=person_or_email.email,
                person=person_or_email,
                accepted_at=timezone.now(),
            )
    return application


def build_member(
    call, person=None, *, role=CommitteeMember.Role.REVIEWER, capacity=10, lines=(), regions=(),
    themes="", languages=(),
) -> CommitteeMember:  # fmt: skip

    if person is None:
        # Each member its own e-mail domain: a shared one is a conflict.
        n = next(_numbers)
        person = make_person(f"reviewer-{n}@org{n}.example", roles=["committee"])
    member = CommitteeMember.objects.create(
        call=call,
        person=person,
        person_name=str(person),
        role=role,
        capacity=capacity,
        themes=themes,
        languages=list(languages),
    )
    member.business_lines.set(BusinessLine.objects.filter(code__in=lines))
    member.regions.set(regions)
    return member
