"""Builders for the reviewing tests: a call with a form and review criteria, submitted
applications with their frozen answers and a file, committee members and assignments."""

from __future__ import annotations

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.accounts.models import Organisation
from tremplin.applications.models import Application, Attachment, CoApplicant
from tremplin.programmes.models import FormStep, Question
from tremplin.programmes.services.form_builder import ensure_system_questions
from tremplin.selection.models import Assignment, CommitteeMember, Conflict
from tremplin.selection.services import ensure_review_criteria, settings_for

_numbers = itertools.count(1)
PDF = b"%PDF-1.4\n%%EOF\n"


def review_call(**settings):
    """A closed call with the system questions, a second step (need, contact e-mail, website,
    a file), the default review criteria and its selection settings."""
    call = builders.call(state="closed")
    ensure_system_questions(call)
    step = FormStep.objects.create(
        call=call, position=1, title={"fr": "Le projet", "en": "The project"}
    )
    for position, (key, kind) in enumerate(
        [
            ("need", Question.Kind.LONG_TEXT),
            ("contact", Question.Kind.EMAIL),
            ("website", Question.Kind.URL),
            ("deck", Question.Kind.FILE),
        ]
    ):
        Question.objects.create(
            call=call,
            step=step,
            position=position,
            key=key,
            kind=kind,
            label={"fr": key, "en": key},
        )
    ensure_review_criteria(call)
    values = settings_for(call)
    for name, value in settings.items():
        setattr(values, name, value)
    values.save()
    call.refresh_from_db()
    return call


def application(
    call,
    *,
    title=None,
    applicant=None,
    organisation="Les Marmites Solidaires",
    need=None,
    state="eligible",
    with_file=True,
):
    """A submitted application whose answers name its applicant and organisation."""
    n = next(_numbers)
    applicant = applicant or make_person(
        f"porteuse{n}@marmites.example", full_name=f"Awa Diallo{n}"
    )
    title = title or f"Cuisine Mobile {n}"
    need = need or (
        f"{organisation} ({applicant.full_name}) répond à la faim. Écrivez à "
        f"{applicant.email} ou voyez https://marmites.example/{n}."
    )
    answers = {
        "project_name": title,
        "organisation_name": organisation,
        "organisation_kind": "association",
        "region": "",
        "need": need,
        "contact": f"contact{n}@marmites.example",
        "website": f"https://marmites{n}.example",
    }
    frozen = {key: {"value": text, "text": text, "files": []} for key, text in answers.items()}
    frozen["deck"] = {
        "value": None,
        "text": "",
        "files": [f"{organisation} dossier.pdf"] if with_file else [],
    }
    result = Application.objects.create(
        call=call,
        applicant=applicant,
        applicant_name=applicant.full_name,
        title=title,
        organisation_name=organisation,
        organisation_kind=Organisation.Kind.ASSOCIATION,
        state=state,
        submitted_at=timezone.now(),
        frozen_answers={"version": 1, "answers": frozen},
    )
    if with_file:
        Attachment.objects.create(
            application=result,
            question=call.questions.get(key="deck"),
            file=SimpleUploadedFile("dossier.pdf", PDF),
            original_name=f"{organisation} dossier.pdf",
            content_type="application/pdf",
            size=len(PDF),
            sha256="0" * 64,
        )
    return result


def co_applicant(application, full_name="Karim Benali"):
    n = next(_numbers)
    person = make_person(f"karim{n}@marmites.example", full_name=full_name)
    return CoApplicant.objects.create(
        application=application, email=person.email, person=person, accepted_at=timezone.now()
    )


def member(call, person=None, role=CommitteeMember.Role.REVIEWER):
    person = person or make_person(roles=["committee"])
    return CommitteeMember.objects.create(
        call=call, person=person, person_name=person.full_name, role=role
    )


def assign(member, application):
    return Assignment.objects.create(
        member=member, application=application, source=Assignment.Source.MANUAL
    )


def conflict(member, application):
    return Conflict.objects.create(
        member=member,
        application=application,
        source=Conflict.Source.DECLARED,
        reason="Je connais la porteuse.",
    )


def criteria(call):
    return list(call.review_criteria.order_by("position", "id"))


def form_data(call, version=0, scores=None, action=None, **comments):
    """The POST data of a review: `scores` maps a criterion's index (in form order) to a value."""
    data = {"version": str(version)}
    for index, criterion in enumerate(criteria(call)):
        value = (scores or {}).get(index)
        if value is not None:
            data[f"criterion_{criterion.pk}"] = str(value)
    data["comment_for_committee"] = comments.get("committee", "")
    data["comment_for_applicant"] = comments.get("applicant", "")
    if action:
        data["action"] = action
    return data


def all_scores(value=4, count=5):
    return dict.fromkeys(range(count), value)


def call_without_criteria():
    call = builders.call(state="closed")
    ensure_system_questions(call)
    return call
