"""Every write about programmes, seasons, calls, their application forms and their eligibility
checklists: one transaction, permission checked, history recorded on the programme, the season
or the call."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from tremplin.core import history

from . import forms_builder
from .models import Call, EligibilityCriterion, FormStep, Programme, Question, Season


def _require(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied


def _changed(before, after, names) -> list[str]:
    return sorted(name for name in names if getattr(before, name) != getattr(after, name))


def _assign(instance, fields: dict) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


# --- Programmes ----------------------------------------------------------------------------------


def create_programme(actor, *, partners=(), **fields) -> Programme:
    _require(actor, "programmes.manage_programmes")
    with transaction.atomic():
        programme = Programme(**fields)
        programme.full_clean()
        programme.save()
        programme.partners.set(partners)
        history.record(programme, "programme_created", actor)
    return programme


def update_programme(programme: Programme, actor, *, partners=None, **fields) -> Programme:
    _require(actor, "programmes.manage_programmes", programme)
    with transaction.atomic():
        current = Programme.objects.select_for_update().get(pk=programme.pk)
        before = Programme.objects.get(pk=programme.pk)
        _assign(current, fields)
        current.full_clean()
        current.save()
        changed = _changed(before, current, fields)
        if partners is not None:
            old = set(current.partners.values_list("pk", flat=True))
            new = {partner.pk for partner in partners}
            if old != new:
                current.partners.set(partners)
                changed.append("partners")
        if changed:
            history.record(current, "programme_updated", actor, fields=changed)
    return current


# --- Seasons -------------------------------------------------------------------------------------


def create_season(actor, **fields) -> Season:
    _require(actor, "programmes.manage_seasons")
    with transaction.atomic():
        season = Season(**fields)
        season.full_clean()
        season.save()
        history.record(season, "season_created", actor)
    return season


def update_season(season: Season, actor, **fields) -> Season:
    _require(actor, "programmes.manage_seasons", season)
    with transaction.atomic():
        current = Season.objects.select_for_update().get(pk=season.pk)
        before = Season.objects.get(pk=season.pk)
        _assign(current, fields)
        current.full_clean()
        current.save()
        changed = _changed(before, current, fields)
        if changed:
            history.record(current, "season_updated", actor, fields=changed)
    return current


# --- Calls ---------------------------------------------------------------------------------------


def create_call(actor, *, eligible_regions=(), **fields) -> Call:
    """A new call, with the system questions of its form and the default eligibility
    checklist built from the programme's rules."""
    _require(actor, "programmes.manage_calls")
    with transaction.atomic():
        call = Call(**fields)
        call.full_clean()
        call.save()
        call.eligible_regions.set(eligible_regions)
        forms_builder.ensure_system_questions(call)
        forms_builder.ensure_default_criteria(call)
        history.record(call, "call_created", actor)
    return call


def update_call(call: Call, actor, *, eligible_regions=None, **fields) -> Call:
    _require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        current = Call.objects.select_for_update().get(pk=call.pk)
        before = Call.objects.get(pk=call.pk)
        _assign(current, fields)
        current.full_clean()
        current.save()
        changed = _changed(before, current, fields)
        if eligible_regions is not None:
            old = set(current.eligible_regions.values_list("pk", flat=True))
            new = {region.pk for region in eligible_regions}
            if old != new:
                current.eligible_regions.set(eligible_regions)
                changed.append("eligible_regions")
        if changed:
            history.record(current, "call_updated", actor, fields=changed)
    return current


def copy_call(source: Call, actor, *, season: Season, slug: str, title=None, **fields) -> Call:
    """A call of `source`'s programme in another season, with `source`'s settings, eligibility
    rules and whole form (steps, questions, checklist); `fields` (dates, time zone...) replace
    the source's."""
    _require(actor, "programmes.manage_calls", source)
    with transaction.atomic():
        values = {
            "summary": source.summary,
            "time_zone": source.time_zone,
            "eligible_organisation_kinds": list(source.eligible_organisation_kinds or []),
            "allow_edit_after_submit": source.allow_edit_after_submit,
            "max_upload_mb": source.max_upload_mb,
        }
        values.update(fields)
        call = Call(
            programme=source.programme,
            season=season,
            slug=slug,
            title=title or source.title,
            **values,
        )
        call.full_clean()
        call.save()
        call.eligible_regions.set(source.eligible_regions.all())
        forms_builder.copy_form(source, call)
        forms_builder.ensure_system_questions(call)
        history.record(call, "call_copied", actor, source=source.pk, source_slug=source.slug)
    return call


# --- The application form: steps ------------------------------------------------------------------


def add_step(call: Call, actor, *, title, introduction=None) -> FormStep:
    _require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        step = forms_builder.add_step(call, actor, title)
        if introduction:
            step.introduction = introduction
            step.save(update_fields=["introduction"])
    return step


def update_step(step: FormStep, actor, **fields) -> FormStep:
    _require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        before = FormStep.objects.get(pk=step.pk)
        _assign(step, fields)
        step.save(update_fields=list(fields))
        changed = _changed(before, step, fields)
        if changed:
            history.record(step.call, "form_step_updated", actor, step=step.pk, fields=changed)
    return step


def step_deletion_refusal(step: FormStep):
    """Why `step` may not be deleted, or None: the step holding the system questions stays,
    and answers are never deleted with a step."""
    if step.questions.filter(key__in=forms_builder.SYSTEM_KEYS).exists():
        return _(
            "This step holds questions every form needs (project name, organisation, region): "
            "it cannot be deleted. Move them to another step first."
        )
    if _answered(Question.objects.filter(step=step)):
        return _(
            "Applicants have already answered questions of this step: deleting it would delete "
            "their answers. Make its questions optional instead."
        )
    return None


def delete_step(step: FormStep, actor) -> None:
    _require(actor, "programmes.manage_calls", step.call)
    refusal = step_deletion_refusal(step)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        forms_builder.delete_step(step, actor)
        _renumber(FormStep.objects.filter(call=step.call_id).order_by("position", "id"))


def move_step(step: FormStep, actor, direction: int) -> None:
    _require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        siblings = FormStep.objects.select_for_update().filter(call=step.call_id)
        forms_builder.move(step, direction, siblings.order_by("position", "id"))
        history.record(step.call, "form_step_moved", actor, step=step.pk, direction=direction)


# --- The application form: questions --------------------------------------------------------------


def _answered(questions) -> bool:
    from tremplin.applications.models import Answer, Attachment

    return (
        Answer.objects.filter(question__in=questions).exists()
        or Attachment.objects.filter(question__in=questions).exists()
    )


def add_question(step: FormStep, actor, **fields) -> Question:
    _require(actor, "programmes.manage_calls", step.call)
    with transaction.atomic():
        question = forms_builder.add_question(step, actor, **fields)
        question.full_clean()
    return question


def update_question(question: Question, actor, *, step: FormStep | None = None, **fields):
    """Change a question. A system question keeps its kind, options and place in the
    applications' own columns; a question already answered keeps its kind."""
    _require(actor, "programmes.manage_calls", question.call)
    is_system = question.key in forms_builder.SYSTEM_KEYS
    if is_system and set(fields) - {"label", "help_text"}:
        raise ValidationError(_("Only the wording of this question can change."))
    before = Question.objects.get(pk=question.pk)
    if "kind" in fields and fields["kind"] != before.kind and _answered([question]):
        raise ValidationError(
            {
                "kind": _(
                    "Applicants have already answered this question: its kind cannot change. "
                    "Add a new question instead."
                )
            }
        )
    with transaction.atomic():
        _assign(question, fields)
        question.full_clean()
        question.save()
        changed = _changed(before, question, fields)
        if step is not None and step.pk != question.step_id:
            forms_builder.move_to_step(question, step)
            changed.append("step")
        if changed:
            history.record(
                question.call, "question_updated", actor, question=question.key, fields=changed
            )
    return question


def question_deletion_refusal(question: Question):
    """Why `question` may not be deleted, or None."""
    if question.key in forms_builder.SYSTEM_KEYS:
        return _(
            "Every form needs this question: its wording can change, but it cannot be deleted."
        )
    if _answered([question]):
        return _(
            "Applicants have already answered this question: deleting it would delete their "
            "answers. Make it optional instead."
        )
    return None


def delete_question(question: Question, actor) -> None:
    _require(actor, "programmes.manage_calls", question.call)
    refusal = question_deletion_refusal(question)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        step_id = question.step_id
        forms_builder.delete_question(question, actor)
        _renumber(Question.objects.filter(step=step_id).order_by("position", "id"))


def move_question(question: Question, actor, direction: int) -> None:
    _require(actor, "programmes.manage_calls", question.call)
    with transaction.atomic():
        siblings = Question.objects.select_for_update().filter(step=question.step_id)
        forms_builder.move(question, direction, siblings.order_by("position", "id"))
        history.record(
            question.call, "question_moved", actor, question=question.key, direction=direction
        )


# --- The eligibility checklist ---------------------------------------------------------------------


def add_criterion(call: Call, actor, *, label) -> EligibilityCriterion:
    _require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        position = (call.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
        criterion = EligibilityCriterion.objects.create(call=call, position=position, label=label)
        history.record(call, "criterion_added", actor, criterion=criterion.pk)
    return criterion


def update_criterion(criterion: EligibilityCriterion, actor, *, label) -> EligibilityCriterion:
    _require(actor, "programmes.manage_calls", criterion.call)
    with transaction.atomic():
        if dict(criterion.label) != dict(label):
            criterion.label = label
            criterion.save(update_fields=["label"])
            history.record(criterion.call, "criterion_updated", actor, criterion=criterion.pk)
    return criterion


def criterion_deletion_refusal(criterion: EligibilityCriterion):
    """Why `criterion` may not be deleted, or None: what screeners recorded stays."""
    from tremplin.applications.models import ScreeningCheck

    if ScreeningCheck.objects.filter(criterion=criterion).exists():
        return _(
            "Applications have already been screened against this criterion: deleting it would "
            "delete what the team recorded. Reword it instead."
        )
    return None


def delete_criterion(criterion: EligibilityCriterion, actor) -> None:
    _require(actor, "programmes.manage_calls", criterion.call)
    refusal = criterion_deletion_refusal(criterion)
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        call = criterion.call
        history.record(
            call, "criterion_deleted", actor, criterion=criterion.pk, label=dict(criterion.label)
        )
        criterion.delete()
        _renumber(call.criteria.order_by("position", "id"))


def move_criterion(criterion: EligibilityCriterion, actor, direction: int) -> None:
    _require(actor, "programmes.manage_calls", criterion.call)
    with transaction.atomic():
        siblings = EligibilityCriterion.objects.select_for_update().filter(call=criterion.call_id)
        forms_builder.move(criterion, direction, siblings.order_by("position", "id"))
        history.record(
            criterion.call, "criterion_moved", actor, criterion=criterion.pk, direction=direction
        )


def _renumber(items) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            type(item).objects.filter(pk=item.pk).update(position=position)
