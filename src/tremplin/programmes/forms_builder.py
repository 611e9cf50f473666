"""Building a call's application form: the system questions every form starts with, and the
operations of the form builder (add, edit, move, remove steps and questions)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from tremplin.accounts.models import Organisation
from tremplin.core import history
from tremplin.core.translated import language_codes

from .models import Call, EligibilityCriterion, FormStep, Question

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


def _in_every_language(text) -> dict:
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = str(translation.gettext(text))
    return values


def _organisation_kind_options() -> list[dict]:
    options = []
    for value, label in Organisation.Kind.choices:
        labels = {}
        for code in language_codes():
            with translation.override(code):
                labels[code] = str(label)
        options.append({"value": value, "label": labels})
    return options


def ensure_system_questions(call: Call) -> None:
    """Give the call's form its first step and system questions, if it lacks them."""
    if call.questions.filter(key__in=SYSTEM_KEYS).count() == len(SYSTEM_KEYS):
        return
    with transaction.atomic():
        step = call.steps.order_by("position").first()
        if step is None:
            step = FormStep.objects.create(
                call=call, position=0, title=_in_every_language(FIRST_STEP_TITLE)
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
                label=_in_every_language(label),
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


def add_step(call: Call, actor, title: dict) -> FormStep:
    position = (call.steps.aggregate(m=Max("position"))["m"] or 0) + 1
    step = FormStep.objects.create(call=call, position=position, title=title)
    history.record(call, "form_step_added", actor, step=str(step))
    return step


def add_question(step: FormStep, actor, **fields) -> Question:
    position = (step.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    fields.setdefault("key", unique_key(step.call, fields.get("label")))
    question = Question.objects.create(call=step.call, step=step, position=position, **fields)
    history.record(step.call, "question_added", actor, question=question.key)
    return question


def delete_question(question: Question, actor) -> None:
    if question.key in SYSTEM_KEYS:
        raise ValueError("system question")
    with transaction.atomic():
        history.record(question.call, "question_deleted", actor, question=question.key)
        question.delete()


def delete_step(step: FormStep, actor) -> None:
    if step.questions.filter(key__in=SYSTEM_KEYS).exists():
        raise ValueError("step with system questions")
    with transaction.atomic():
        history.record(step.call, "form_step_deleted", actor, step=str(step))
        step.delete()


def move(item, direction: int, siblings) -> None:
    """Swap `item` with its neighbour in `siblings` (ordered by position); positions are
    renumbered so that they stay distinct."""
    items = list(siblings)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    with transaction.atomic():
        for position, other in enumerate(items):
            if other.position != position:
                type(other).objects.filter(pk=other.pk).update(position=position)


def copy_form(source: Call, target: Call) -> None:
    """Copy steps, questions and criteria from `source` to an empty `target`."""
    with transaction.atomic():
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


# --- The eligibility checklist a new call starts with ------------------------------------------

# The programme's audience, as a criterion (nothing to check when anyone may apply).
AUDIENCE_CRITERIA = {
    "members": gettext_noop(
        "The applicant is a verified member of the movement (volunteer, employee or student)."
    ),
    "outsiders": gettext_noop("The project is carried by an actor outside the movement."),
}
ORGANISATION_KINDS_CRITERION = gettext_noop(
    "The organisation carrying the project is of an accepted kind: %(kinds)s."
)
REGIONS_CRITERION = gettext_noop("The project is rooted in an accepted region: %(regions)s.")
# The four criteria of the shared catalogue (DOMAIN.md), which every selection also weighs.
CATALOGUE_CRITERIA = [
    gettext_noop("The project answers a social or organisational need."),
    gettext_noop("The value proposition is innovative."),
    gettext_noop("The project has a social impact."),
    gettext_noop("The project is of strategic interest for the movement."),
]


def _formatted_in_every_language(template: str, values) -> dict:
    """`template` % values(), translated and formatted once per language (the values, e.g.
    region names, are themselves looked up in that language)."""
    result = {}
    for code in language_codes():
        with translation.override(code):
            result[code] = str(translation.gettext(template)) % values()
    return result


def default_criteria(call: Call) -> list[dict]:
    """The checklist a call starts with: the programme's rules (audience, organisation kinds,
    regions) then the four criteria of the catalogue, each in every language."""
    criteria = []
    audience = AUDIENCE_CRITERIA.get(call.programme.audience)
    if audience:
        criteria.append(_in_every_language(audience))
    kinds = [
        kind for kind in Organisation.Kind if kind.value in (call.eligible_organisation_kinds or [])
    ]
    if kinds:
        criteria.append(
            _formatted_in_every_language(
                ORGANISATION_KINDS_CRITERION,
                lambda: {"kinds": ", ".join(str(kind.label) for kind in kinds)},
            )
        )
    regions = list(call.eligible_regions.order_by("name")) if call.pk else []
    if regions:
        criteria.append(
            _formatted_in_every_language(
                REGIONS_CRITERION,
                lambda: {"regions": ", ".join(region.display_name for region in regions)},
            )
        )
    criteria.extend(_in_every_language(text) for text in CATALOGUE_CRITERIA)
    return criteria


def ensure_default_criteria(call: Call) -> None:
    """Give a call without a checklist the default one."""
    if call.criteria.exists():
        return
    EligibilityCriterion.objects.bulk_create(
        EligibilityCriterion(call=call, position=position, label=label)
        for position, label in enumerate(default_criteria(call))
    )


def move_to_step(question: Question, step: FormStep) -> None:
    """Put `question` at the end of another step of the same form."""
    if question.step_id == step.pk:
        return
    if step.call_id != question.call_id:
        raise ValueError("step of another call")
    question.step = step
    question.position = (step.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question.save(update_fields=["step", "position"])
