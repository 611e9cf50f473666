"""The application form of the demo calls: three steps, as the accelerator's calls ask
(data/application_form.json)."""

from tremplin.demo import files
from tremplin.programmes.models import Call, EligibilityCriterion, FormStep, Question
from tremplin.programmes.services import criteria
from tremplin.programmes.services.form_builder import ensure_system_questions


def build_form(call: Call, actor=None) -> None:
    """Add the demo's steps and questions to `call`'s form, after its system questions, and
    give it its programme's default eligibility checklist if it has none yet.

    Written directly rather than through programmes.services.form_builder, whose writes check
    that `actor` manages calls: tests build this form on calls of their own, with nobody who
    manages calls (`actor` is accepted for the demo's calls and unused)."""
    form = files.read("application_form")
    stages = form["stages"]
    ensure_system_questions(call)
    for position, step_row in enumerate(form["steps"], start=1):
        step = FormStep.objects.create(call=call, position=position, title=step_row["title"])
        for order, row in enumerate(step_row["questions"]):
            question = Question(
                call=call,
                step=step,
                position=order,
                key=row["key"],
                kind=row["kind"],
                required=row["required"],
                max_length=row["max_length"],
                label=row["label"],
                options=stages if row["key"] == "stage" else [],
                max_choices=3 if row["kind"] == Question.Kind.BUSINESS_LINE else None,
            )
            question.full_clean()
            question.save()
    if not call.criteria.exists():
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(call=call, position=position, label=label)
            for position, label in enumerate(criteria.default_criteria(call))
        )
