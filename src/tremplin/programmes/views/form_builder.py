"""Staff pages of a call's application form: the builder, its preview, steps and questions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries
from ..forms import MoveForm
from ..forms.form_builder import QuestionForm, StepForm, SystemQuestionForm, preview_forms
from ..models import Call, FormStep, Question
from ..services import form_builder as services
from ._common import manage_call, written


@manage_call
def form_builder(request, call):
    steps = list(queries.call_form(call))
    return render(
        request,
        "programmes/form_builder/form_builder.html",
        {
            "call": call,
            "steps": steps,
            "system_keys": services.SYSTEM_KEYS,
            "section": "calls",
            "call_section": "form",
        },
    )


@manage_call
def form_preview(request, call):
    return render(
        request,
        "programmes/form_builder/form_preview.html",
        {
            "call": call,
            "pages": preview_forms(call, queries.call_form(call)),
            "section": "calls",
            "call_section": "preview",
        },
    )


def _builder(call: Call, anchor: str = "") -> str:
    url = reverse("programmes:form_builder", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


def _step(call: Call, step_pk) -> FormStep:
    step = get_object_or_404(FormStep, call=call, pk=step_pk)
    step.call = call
    return step


def _question(call: Call, question_pk) -> Question:
    question = get_object_or_404(Question.objects.select_related("step"), call=call, pk=question_pk)
    question.call = call
    return question


@manage_call
def step_create(request, call):
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = services.add_step(call, request.user, **form.cleaned_data)
        messages.success(request, _("The step is added."))
        return redirect(_builder(call, f"step-{step.pk}"))
    return render(
        request,
        "programmes/form_builder/step_form.html",
        {"form": form, "call": call, "section": "calls", "call_section": "form"},
    )


@manage_call
def step_edit(request, call, step_pk):
    step = _step(call, step_pk)
    # The form gets its own copy: validating a ModelForm writes into its instance, and the
    # service compares the stored object with the cleaned data.
    form = StepForm(request.POST or None, instance=_step(call, step_pk))
    if request.method == "POST" and form.is_valid():
        services.update_step(step, request.user, **form.cleaned_data)
        messages.success(request, _("The step is saved."))
        return redirect(_builder(call, f"step-{step.pk}"))
    return render(
        request,
        "programmes/form_builder/step_form.html",
        {"form": form, "call": call, "step": step, "section": "calls", "call_section": "form"},
    )


@manage_call
def step_delete(request, call, step_pk):
    step = _step(call, step_pk)
    refusal = services.step_deletion_refusal(step)
    if request.method == "POST" and refusal is None:
        services.delete_step(step, request.user)
        messages.success(request, _("The step is deleted."))
        return redirect(_builder(call))
    return render(
        request,
        "programmes/confirm_delete.html",
        {
            "call": call,
            "title": _("Delete the step “%(step)s”?") % {"step": step},
            "refusal": refusal,
            "consequence": _("The step and its questions will be removed from the form."),
            "back": _builder(call, f"step-{step.pk}"),
            "section": "calls",
            "call_section": "form",
        },
    )


@require_POST
@manage_call
def step_move(request, call, step_pk):
    step = _step(call, step_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_step(step, request.user, form.offset)
    return redirect(_builder(call, f"step-{step.pk}"))


@manage_call
def question_create(request, call, step_pk):
    step = _step(call, step_pk)
    form = QuestionForm(request.POST or None, call=call)
    question = written(
        request, form, lambda data: services.add_question(step, request.user, **data)
    )
    if question is not None:
        messages.success(request, _("The question is added."))
        return redirect(_builder(call, f"question-{question.pk}"))
    return render(
        request,
        "programmes/form_builder/question_form.html",
        {"form": form, "call": call, "step": step, "section": "calls", "call_section": "form"},
    )


@manage_call
def question_edit(request, call, question_pk):
    question = _question(call, question_pk)
    is_system = question.key in services.SYSTEM_KEYS
    instance = _question(call, question_pk)
    form_class = SystemQuestionForm if is_system else QuestionForm
    form = form_class(request.POST or None, instance=instance, call=call)

    def update(data):
        fields = dict(data)
        step = fields.pop("step", None)
        return services.update_question(question, request.user, step=step, **fields)

    if written(request, form, update) is not None:
        messages.success(request, _("The question is saved."))
        return redirect(_builder(call, f"question-{question.pk}"))
    return render(
        request,
        "programmes/form_builder/question_form.html",
        {
            "form": form,
            "call": call,
            "step": question.step,
            "question": question,
            "is_system": is_system,
            "section": "calls",
            "call_section": "form",
        },
    )


@manage_call
def question_delete(request, call, question_pk):
    question = _question(call, question_pk)
    refusal = services.question_deletion_refusal(question)
    if request.method == "POST" and refusal is None:
        services.delete_question(question, request.user)
        messages.success(request, _("The question is deleted."))
        return redirect(_builder(call, f"step-{question.step_id}"))
    return render(
        request,
        "programmes/confirm_delete.html",
        {
            "call": call,
            "title": _("Delete the question “%(question)s”?") % {"question": question},
            "refusal": refusal,
            "consequence": _("The question will be removed from the form."),
            "back": _builder(call, f"question-{question.pk}"),
            "section": "calls",
            "call_section": "form",
        },
    )


@require_POST
@manage_call
def question_move(request, call, question_pk):
    question = _question(call, question_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_question(question, request.user, form.offset)
    return redirect(_builder(call, f"question-{question.pk}"))
