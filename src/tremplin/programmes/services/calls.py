"""Writes about calls: create one (with the system questions of its form and its default
eligibility checklist), change one, copy one into another season with its whole form."""

from __future__ import annotations

from django.db import transaction

from tremplin.core import history
from tremplin.core.services import require

from .. import audit
from ..models import Call, FormStep, Question, Season
from . import criteria, form_builder
from ._common import created, set_if_changed, updated


def create_call(actor, *, eligible_regions=(), **fields) -> Call:
    """A new call, with the system questions of its form and the default eligibility
    checklist built from the programme's rules."""
    require(actor, "programmes.manage_calls")
    with transaction.atomic():
        call = created(Call, fields)
        call.eligible_regions.set(eligible_regions)
        form_builder.ensure_system_questions(call)
        criteria.ensure_default_criteria(call, actor)
        history.record(call, audit.CALL_CREATED, actor)
    return call


def update_call(call: Call, actor, *, eligible_regions=None, **fields) -> Call:
    require(actor, "programmes.manage_calls", call)
    with transaction.atomic():
        current, changed = updated(call, fields)
        if eligible_regions is not None and set_if_changed(
            current.eligible_regions, eligible_regions
        ):
            changed.append("eligible_regions")
        if changed:
            history.record(current, audit.CALL_UPDATED, actor, fields=changed)
    return current


def copy_call(source: Call, actor, *, season: Season, slug: str, title=None, **fields) -> Call:
    """A call of `source`'s programme in another season, with `source`'s settings, eligibility
    rules and whole form (steps, questions, checklist); `fields` (dates, time zone...) replace
    the source's."""
    require(actor, "programmes.manage_calls", source)
    with transaction.atomic():
        values = {
            "summary": source.summary,
            "time_zone": source.time_zone,
            "eligible_organisation_kinds": list(source.eligible_organisation_kinds or []),
            "allow_edit_after_submit": source.allow_edit_after_submit,
            "max_upload_mb": source.max_upload_mb,
        }
        values.update(fields)
        call = created(
            Call,
            {
                "programme": source.programme,
                "season": season,
                "slug": slug,
                "title": title or source.title,
                **values,
            },
        )
        call.eligible_regions.set(source.eligible_regions.all())
        _copy_form(source, call)
        form_builder.ensure_system_questions(call)
        history.record(call, audit.CALL_COPIED, actor, source=source.pk, source_slug=source.slug)
    return call


def _copy_form(source: Call, target: Call) -> None:
    """Copy steps, questions and criteria from `source` to an empty `target`."""
    for step in source.steps.prefetch_related("questions"):
        new_step = FormStep.objects.create(
            call=target,
            position=step.position,
            title=step.title,
            introduction=step.introduction,
        )
        for question in step.questions.all():
            Question.objects.create(
                call=target,
                step=new_step,
                position=question.position,
                kind=question.kind,
                label=question.label,
                help_text=question.help_text,
                required=question.required,
                options=question.options,
                max_length=question.max_length,
                max_choices=question.max_choices,
                min_value=question.min_value,
                max_value=question.max_value,
                key=question.key,
            )
    for criterion in source.criteria.all():
        target.criteria.create(position=criterion.position, label=criterion.label)
