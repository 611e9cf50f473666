"""Writes about a call's application form: the system questions every form starts with, and
the operations of the form builder (add, change, move, delete steps and questions).

`ensure_system_questions` is the one write here without a permission: it repairs an invariant
(every form has its system questions), changes nothing on a form that has them, and is also
called when an applicant starts an application (applications.services.start)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tremplin.accounts.models import Organisation
from tremplin.core import history
from tremplin.core.ordering import move
from tremplin.core.services import require
from tremplin.core.translated import in_every_language

from .. import audit
from ..models import Call, FormStep, Question
from ._common import changed_fields, created, renumber

# Questions every form has, whose answers fill the application's own columns (the lists and
# filters of staff): key -> (kind, English label marked for translation).
# The labels are stored in every language when a form is created.
SYSTEM_QUESTIONS = {
    "project_name": (Question.Kind.SHORT_TEXT, gettext_noop("Name of your project")),
    "organisation_name": (
        Question.Kind.SHORT_TEXT,
        gettext_noop("Organisation carrying the project"),
    ),
    "organisation_kind": (Question.Kind.SINGLE_CHOICE, gettext_noop("Kind of organisation")),
    "region": (Question.Kind.REGION, gettext_noop("Region where the project is rooted")),
}
FIRST_STEP_TITLE = gettext_noop("Your project")
SYSTEM_KEYS = set(SYSTEM_QUESTIONS)


def _organisation_kind_options() -> list[dict]:
    return [
        {"value": value, "label": in_every_language(label)}
        for value, label in Organisation.Kind.choices
    ]


def ensure_system_questions(call: Call) -> None:
    """Give the call's form its first step and system questions, if it lacks them."""
    if call.questions.filter(key__in=SYSTEM_KEYS).count() == len(SYSTEM_KEYS):
        return
    with transaction.atomic():
        step = call.steps.order_by("position").first()
        if step is None:
            step = FormStep.objects.create(
                call=call, position=0, title=in_every_language(FIRST_STEP_TITLE)
            )
        existing = set(call.questions.values_list("key", flat=True))
        for position, (key, (kind, label)) in enumerate(SYSTEM_QUESTIONS.items()):
            if key in existing:
                continue
            Question.objects.create(
                call=call,
                step=step,
                position=position,
                kind=kind,
                key=key,
                label=in_every_language(label),
                required=True,
                options=_organisation_kind_options() if key == "organisation_kind" else [],
                max_length=200 if kind == Question.Kind.SHORT_TEXT else None,
            )


def unique_key(call: Call, label) -> str:
    base = slugify(str(label))[:50] or "question"
    key, n = base, 2
    taken = set(call.questions.values_list("key", flat=True))
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _after_last(items) -> int:
    return (items.aggregate(m=Max("position"))["m"] or 0) + 1


# --- Steps -----------------------------------------------------------------------------------------


def add_step(call: Call, actor, *, title, introduction=None) -> FormStep:
    require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        step = FormStep(call=call, position=_after_last(call.steps), title=title)
        if introduction:
            step.introduction = introduction
        step.save()
        history.record(call, audit.FORM_STEP_ADDED, actor, step=str(step))
    return step


def update_step(step: FormStep, actor, **fields) -> FormStep:
    require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        before = FormStep.objects.get(pk=step.pk)
        for name, value in fields.items():
            setattr(step, name, value)
        step.save(update_fields=list(fields))
        changed = changed_fields(before, step, fields)
        if changed:
            history.record(step.call, audit.FORM_STEP_UPDATED, actor, step=step.pk, fields=changed)
    return step


def step_deletion_refusal(step: FormStep):
    """Why `step` may not be deleted, or None: the step holding the system questions stays,
    and answers are never deleted with a step."""
    if step.questions.filter(key__in=SYSTEM_KEYS).exists():
        return _(
            "This step holds questions every form needs (project name, organisation, region): "
            "it cannot be deleted. Move them to another step first."
        )
    if _answered(step.call, step.questions.all()):
        return _(
            "Applicants have already answered questions of this step: deleting it would delete "
            "their answers. Make its questions optional instead."
        )
    return None


def delete_step(step: FormStep, actor) -> None:
    require(actor, "programmes.manage_calls", step.call)
    refusal = step_deletion_refusal(step)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        history.record(step.call, audit.FORM_STEP_DELETED, actor, step=str(step))
        step.delete()
        renumber(FormStep.objects.filter(call=step.call_id).order_by("position", "id"))


def move_step(step: FormStep, actor, direction: int) -> None:
    require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        move(FormStep.objects.filter(call=step.call_id), step, direction)
        history.record(step.call, audit.FORM_STEP_MOVED, actor, step=step.pk, direction=direction)


# --- Questions -------------------------------------------------------------------------------------


def _answered(call: Call, questions) -> bool:
    """Whether an applicant answered one of `questions` (a queryset of `call`'s questions): an
    answer stored, or a file sent. Read through the related names of the applications' rows
    (a question's `answers`, a call's `applications` and their `attachments`): programmes
    imports nothing from applications, which comes after it."""
    return (
        questions.filter(answers__isnull=False).exists()
        or call.applications.filter(attachments__question__in=questions).exists()
    )


def add_question(step: FormStep, actor, **fields) -> Question:
    require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        fields.setdefault("key", unique_key(step.call, fields.get("label")))
        question = created(
            Question,
            {"call": step.call, "step": step, "position": _after_last(step.questions), **fields},
        )
        history.record(step.call, audit.QUESTION_ADDED, actor, question=question.key)
    return question


def update_question(question: Question, actor, *, step: FormStep | None = None, **fields):
    """Change a question. A system question keeps its kind, options and place in the
    applications' own columns; a question already answered keeps its kind."""
    require(actor, "programmes.manage_calls", question.call)
    is_system = question.key in SYSTEM_KEYS
    if is_system and set(fields) - {"label", "help_text"}:
        raise ValidationError(_("Only the wording of this question can change."))
    before = Question.objects.get(pk=question.pk)
    if (
        "kind" in fields
        and fields["kind"] != before.kind
        and _answered(question.call, Question.objects.filter(pk=question.pk))
    ):
        raise ValidationError(
            {
                "kind": _(
                    "Applicants have already answered this question: its kind cannot change. "
                    "Add a new question instead."
                )
            }
        )
    with transaction.atomic():
        for name, value in fields.items():
            setattr(question, name, value)
        question.full_clean()
        question.save()
        changed = changed_fields(before, question, fields)
        if step is not None and step.pk != question.step_id:
            _move_to_step(question, step)
            changed.append("step")
        if changed:
            history.record(
                question.call, audit.QUESTION_UPDATED, actor, question=question.key, fields=changed
            )
    return question


def _move_to_step(question: Question, step: FormStep) -> None:
    """Put `question` at the end of another step of the same form."""
    if step.call_id != question.call_id:
        raise ValueError("step of another call")
    question.step = step
    question.position = _after_last(step.questions)
    question.save(update_fields=["step", "position"])


def question_deletion_refusal(question: Question):
    """Why `question` may not be deleted, or None."""
    if question.key in SYSTEM_KEYS:
        return _(
            "Every form needs this question: its wording can change, but it cannot be deleted."
        )
    if _answered(question.call, Question.objects.filter(pk=question.pk)):
        return _(
            "Applicants have already answered this question: deleting it would delete their "
            "answers. Make it optional instead."
        )
    return None


def delete_question(question: Question, actor) -> None:
    require(actor, "programmes.manage_calls", question.call)
    refusal = question_deletion_refusal(question)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        step_id = question.step_id
        history.record(question.call, audit.QUESTION_DELETED, actor, question=question.key)
        question.delete()
        renumber(Question.objects.filter(step=step_id).order_by("position", "id"))


def move_question(question: Question, actor, direction: int) -> None:
    require(actor, "programmes.manage_calls", question.call)
    with transaction.atomic():
        move(Question.objects.filter(step=question.step_id), question, direction)
        history.record(
            question.call, audit.QUESTION_MOVED, actor, question=question.key, direction=direction
        )
