"""Staff pages for programmes, seasons, calls, application forms and eligibility checklists:
accelerator staff and admins only. Everyone else gets 403 on the lists and on the pages of a
call (every call has a public page: the refusal tells nothing), and 404 on the page of one
programme or season, which only staff see."""

from tremplin.programmes.models import EligibilityCriterion, FormStep, Question
from tremplin.programmes.services import form_builder

from .base import ADMIN_ACCESS, Case, by_name, on_object, staff_only, staff_redirect


def extend_objects(objects, people):
    call = objects["call"]
    form_builder.ensure_system_questions(call)
    step = FormStep.objects.create(call=call, position=10, title={"fr": "Votre équipe"})
    question = Question.objects.create(
        call=call,
        step=step,
        position=0,
        kind=Question.Kind.LONG_TEXT,
        key="matrix-team",
        label={"fr": "Présentez votre équipe"},
    )
    criterion = EligibilityCriterion.objects.create(
        call=call, position=10, label={"fr": "Le projet répond à un besoin social"}
    )
    objects["programmes"] = {"step": step, "question": question, "criterion": criterion}


def _call(o):
    return o["call"].slug


def _step(o):
    return o["programmes"]["step"].pk


def _question(o):
    return o["programmes"]["question"].pk


def _criterion(o):
    return o["programmes"]["criterion"].pk


def _name(name):
    return f"programmes:{name}"


def _get(name, **kwargs):
    return Case(_name(name), by_name(_name(name), **kwargs), staff_only)


def _move(name, **kwargs):
    return Case(
        _name(name),
        by_name(_name(name), **kwargs),
        staff_redirect,
        method="post",
        data=lambda o: {"direction": "down"},
    )


def _hidden(name, **kwargs):
    return Case(_name(name), by_name(_name(name), **kwargs), on_object(ADMIN_ACCESS, ADMIN_ACCESS))


CASES = [
    _get("programme_list"),
    _get("programme_create"),
    _hidden("programme_edit", pk=lambda o: o["call"].programme_id),
    _get("season_list"),
    _get("season_create"),
    _hidden("season_edit", pk=lambda o: o["call"].season_id),
    _get("staff_call_list"),
    _get("call_create"),
    _get("call_copy"),
    _get("call_edit", slug=_call),
    _get("form_builder", slug=_call),
    _get("form_preview", slug=_call),
    _get("step_create", slug=_call),
    _get("step_edit", slug=_call, step_pk=_step),
    # The confirmation page; the deletion itself is a POST tested in tests/programmes/form_builder.
    _get("step_delete", slug=_call, step_pk=_step),
    _move("step_move", slug=_call, step_pk=_step),
    _get("question_create", slug=_call, step_pk=_step),
    _get("question_edit", slug=_call, question_pk=_question),
    _get("question_delete", slug=_call, question_pk=_question),
    _move("question_move", slug=_call, question_pk=_question),
    _get("criterion_list", slug=_call),
    _get("criterion_create", slug=_call),
    _get("criterion_edit", slug=_call, criterion_pk=_criterion),
    _get("criterion_delete", slug=_call, criterion_pk=_criterion),
    _move("criterion_move", slug=_call, criterion_pk=_criterion),
]
