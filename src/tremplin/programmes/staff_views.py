"""Staff pages for programmes, seasons, calls, their application forms and eligibility
checklists. Views parse, call a service or a query, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tremplin.core.permissions import permission_required

from . import forms_builder, queries, services
from .models import Call, EligibilityCriterion, FormStep, Programme, Question, Season
from .staff_forms import (
    CallForm,
    CopyCallForm,
    CriterionForm,
    MoveForm,
    ProgrammeForm,
    QuestionForm,
    SeasonForm,
    StepForm,
    SystemQuestionForm,
    preview_forms,
)


def _refused(form, error: ValidationError) -> None:
    """A refusal of a service, said next to the fields it concerns."""
    form.add_error(None, error)


# --- Programmes ----------------------------------------------------------------------------------


@permission_required("programmes.manage_programmes")
def programme_list(request):
    return render(
        request,
        "programmes/staff/programme_list.html",
        {"programmes": queries.staff_programmes(), "section": "programmes"},
    )


@permission_required("programmes.manage_programmes")
def programme_create(request):
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The programme %(name)s is created.") % {"name": programme})
            return redirect("programmes_staff:programme_list")
    return render(
        request,
        "programmes/staff/programme_form.html",
        {"form": form, "section": "programmes"},
    )


@permission_required("programmes.manage_programmes", model=Programme)
def programme_edit(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    # The form works on its own copy: the page keeps showing the saved name.
    form = ProgrammeForm(request.POST or None, instance=Programme.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(programme, request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("programmes_staff:programme_list")
    return render(
        request,
        "programmes/staff/programme_form.html",
        {
            "form": form,
            "programme": programme,
            "history": queries.history_in_words(programme),
            "section": "programmes",
        },
    )


# --- Seasons -------------------------------------------------------------------------------------


@permission_required("programmes.manage_seasons")
def season_list(request):
    return render(
        request,
        "programmes/staff/season_list.html",
        {"seasons": queries.staff_seasons(), "section": "seasons"},
    )


@permission_required("programmes.manage_seasons")
def season_create(request):
    form = SeasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            season = services.create_season(request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(season)s is created.") % {"season": season})
            return redirect("programmes_staff:season_list")
    return render(
        request, "programmes/staff/season_form.html", {"form": form, "section": "seasons"}
    )


@permission_required("programmes.manage_seasons", model=Season)
def season_edit(request, pk):
    season = get_object_or_404(Season, pk=pk)
    form = SeasonForm(request.POST or None, instance=Season.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_season(season, request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The season is saved."))
            return redirect("programmes_staff:season_list")
    return render(
        request,
        "programmes/staff/season_form.html",
        {
            "form": form,
            "season": season,
            "history": queries.history_in_words(season),
            "section": "seasons",
        },
    )


# --- Calls ---------------------------------------------------------------------------------------


@permission_required("programmes.manage_calls")
def call_list(request):
    seasons = list(Season.objects.order_by("-number"))
    chosen = next((s for s in seasons if str(s.number) == request.GET.get("season")), None)
    return render(
        request,
        "programmes/staff/call_list.html",
        {
            "calls": list(queries.staff_calls(chosen)),
            "seasons": seasons,
            "chosen_season": chosen,
            "section": "calls",
        },
    )


@permission_required("programmes.manage_calls")
def call_create(request):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _(
                    "The call is created, with the questions every form needs and an "
                    "eligibility checklist drawn from the programme's rules. Add its questions."
                ),
            )
            return redirect("programmes_staff:form_builder", pk=call.pk)
    return render(request, "programmes/staff/call_form.html", {"form": form, "section": "calls"})


@permission_required("programmes.manage_calls")
def call_copy(request):
    initial = {}
    chosen = request.GET.get("source", "")
    source = Call.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if source is not None:
        initial = {"source": source.pk, "time_zone": source.time_zone}
    form = CopyCallForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.copy_call(
                form.cleaned_data["source"], request.user, **form.call_fields()
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("The call is copied with its form and checklist: check them before it opens."),
            )
            return redirect("programmes_staff:call_edit", pk=call.pk)
    return render(
        request,
        "programmes/staff/call_copy.html",
        {"form": form, "source": source, "section": "calls"},
    )


def _call(pk) -> Call:
    return get_object_or_404(Call.objects.select_related("programme", "season"), pk=pk)


@permission_required("programmes.manage_calls", model=Call)
def call_edit(request, pk):
    call = _call(pk)
    form = CallForm(request.POST or None, instance=_call(pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call, request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("programmes_staff:call_edit", pk=call.pk)
    return render(
        request,
        "programmes/staff/call_form.html",
        {
            "form": form,
            "call": call,
            "history": queries.history_in_words(call),
            "section": "calls",
            "call_section": "settings",
        },
    )


# --- The application form ------------------------------------------------------------------------


@permission_required("programmes.manage_calls", model=Call)
def form_builder(request, pk):
    call = _call(pk)
    steps = list(queries.call_form(call))
    return render(
        request,
        "programmes/staff/form_builder.html",
        {
            "call": call,
            "steps": steps,
            "system_keys": forms_builder.SYSTEM_KEYS,
            "section": "calls",
            "call_section": "form",
        },
    )


@permission_required("programmes.manage_calls", model=Call)
def form_preview(request, pk):
    call = _call(pk)
    return render(
        request,
        "programmes/staff/form_preview.html",
        {
            "call": call,
            "pages": preview_forms(call, queries.call_form(call)),
            "section": "calls",
            "call_section": "preview",
        },
    )


def _builder(call: Call, anchor: str = "") -> str:
    url = reverse("programmes_staff:form_builder", kwargs={"pk": call.pk})
    return f"{url}#{anchor}" if anchor else url


def _step(call: Call, step_pk) -> FormStep:
    step = get_object_or_404(FormStep, call=call, pk=step_pk)
    step.call = call
    return step


def _question(call: Call, question_pk) -> Question:
    question = get_object_or_404(Question.objects.select_related("step"), call=call, pk=question_pk)
    question.call = call
    return question


@permission_required("programmes.manage_calls", model=Call)
def step_create(request, pk):
    call = _call(pk)
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = services.add_step(call, request.user, **form.cleaned_data)
        messages.success(request, _("The step is added."))
        return redirect(_builder(call, f"step-{step.pk}"))
    return render(
        request,
        "programmes/staff/step_form.html",
        {"form": form, "call": call, "section": "calls", "call_section": "form"},
    )


@permission_required("programmes.manage_calls", model=Call)
def step_edit(request, pk, step_pk):
    call = _call(pk)
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
        "programmes/staff/step_form.html",
        {"form": form, "call": call, "step": step, "section": "calls", "call_section": "form"},
    )


@permission_required("programmes.manage_calls", model=Call)
def step_delete(request, pk, step_pk):
    call = _call(pk)
    step = _step(call, step_pk)
    refusal = services.step_deletion_refusal(step)
    if request.method == "POST" and refusal is None:
        services.delete_step(step, request.user)
        messages.success(request, _("The step is deleted."))
        return redirect(_builder(call))
    return render(
        request,
        "programmes/staff/confirm_delete.html",
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
@permission_required("programmes.manage_calls", model=Call)
def step_move(request, pk, step_pk):
    call = _call(pk)
    step = _step(call, step_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_step(step, request.user, form.offset)
    return redirect(_builder(call, f"step-{step.pk}"))


@permission_required("programmes.manage_calls", model=Call)
def question_create(request, pk, step_pk):
    call = _call(pk)
    step = _step(call, step_pk)
    form = QuestionForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.add_question(step, request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect(_builder(call, f"question-{question.pk}"))
    return render(
        request,
        "programmes/staff/question_form.html",
        {"form": form, "call": call, "step": step, "section": "calls", "call_section": "form"},
    )


@permission_required("programmes.manage_calls", model=Call)
def question_edit(request, pk, question_pk):
    call = _call(pk)
    question = _question(call, question_pk)
    is_system = question.key in forms_builder.SYSTEM_KEYS
    instance = _question(call, question_pk)
    form_class = SystemQuestionForm if is_system else QuestionForm
    form = form_class(request.POST or None, instance=instance, call=call)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        step = fields.pop("step", None)
        try:
            services.update_question(question, request.user, step=step, **fields)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect(_builder(call, f"question-{question.pk}"))
    return render(
        request,
        "programmes/staff/question_form.html",
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


@permission_required("programmes.manage_calls", model=Call)
def question_delete(request, pk, question_pk):
    call = _call(pk)
    question = _question(call, question_pk)
    refusal = services.question_deletion_refusal(question)
    if request.method == "POST" and refusal is None:
        services.delete_question(question, request.user)
        messages.success(request, _("The question is deleted."))
        return redirect(_builder(call, f"step-{question.step_id}"))
    return render(
        request,
        "programmes/staff/confirm_delete.html",
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
@permission_required("programmes.manage_calls", model=Call)
def question_move(request, pk, question_pk):
    call = _call(pk)
    question = _question(call, question_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_question(question, request.user, form.offset)
    return redirect(_builder(call, f"question-{question.pk}"))


# --- The eligibility checklist -------------------------------------------------------------------


def _criteria_page(call: Call, anchor: str = "") -> str:
    url = reverse("programmes_staff:criterion_list", kwargs={"pk": call.pk})
    return f"{url}#{anchor}" if anchor else url


def _criterion(call: Call, criterion_pk) -> EligibilityCriterion:
    criterion = get_object_or_404(EligibilityCriterion, call=call, pk=criterion_pk)
    criterion.call = call
    return criterion


@permission_required("programmes.manage_calls", model=Call)
def criterion_list(request, pk):
    call = _call(pk)
    return render(
        request,
        "programmes/staff/criterion_list.html",
        {
            "call": call,
            "criteria": list(queries.call_criteria(call)),
            "form": CriterionForm(),
            "section": "calls",
            "call_section": "criteria",
        },
    )


@permission_required("programmes.manage_calls", model=Call)
def criterion_create(request, pk):
    call = _call(pk)
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criterion = services.add_criterion(call, request.user, **form.cleaned_data)
        messages.success(request, _("The criterion is added."))
        return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    return render(
        request,
        "programmes/staff/criterion_form.html",
        {"form": form, "call": call, "section": "calls", "call_section": "criteria"},
    )


@permission_required("programmes.manage_calls", model=Call)
def criterion_edit(request, pk, criterion_pk):
    call = _call(pk)
    criterion = _criterion(call, criterion_pk)
    form = CriterionForm(request.POST or None, instance=_criterion(call, criterion_pk))  # a copy
    if request.method == "POST" and form.is_valid():
        services.update_criterion(criterion, request.user, **form.cleaned_data)
        messages.success(request, _("The criterion is saved."))
        return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
    return render(
        request,
        "programmes/staff/criterion_form.html",
        {
            "form": form,
            "call": call,
            "criterion": criterion,
            "section": "calls",
            "call_section": "criteria",
        },
    )


@permission_required("programmes.manage_calls", model=Call)
def criterion_delete(request, pk, criterion_pk):
    call = _call(pk)
    criterion = _criterion(call, criterion_pk)
    refusal = services.criterion_deletion_refusal(criterion)
    if request.method == "POST" and refusal is None:
        services.delete_criterion(criterion, request.user)
        messages.success(request, _("The criterion is deleted."))
        return redirect(_criteria_page(call))
    return render(
        request,
        "programmes/staff/confirm_delete.html",
        {
            "call": call,
            "title": _("Delete the criterion “%(criterion)s”?") % {"criterion": criterion},
            "refusal": refusal,
            "consequence": _("The criterion will be removed from the eligibility checklist."),
            "back": _criteria_page(call, f"criterion-{criterion.pk}"),
            "section": "calls",
            "call_section": "criteria",
        },
    )


@require_POST
@permission_required("programmes.manage_calls", model=Call)
def criterion_move(request, pk, criterion_pk):
    call = _call(pk)
    criterion = _criterion(call, criterion_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.move_criterion(criterion, request.user, form.offset)
    return redirect(_criteria_page(call, f"criterion-{criterion.pk}"))
