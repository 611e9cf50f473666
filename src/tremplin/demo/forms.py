"""The application form of the demo calls: three steps, as the accelerator's calls ask
(data/application_form.json)."""

from tremplin.demo import files
from tremplin.programmes.forms_builder import ensure_system_questions
from tremplin.programmes.models import Call, EligibilityCriterion, FormStep, Question


def build_form(call: Call) -> None:
    form = files.read("application_form")
    stages = [{"value": row["value"], "label": row["label"]} for row in form["stages"]]
    ensure_system_questions(call)
    for position, step_row in enumerate(form["steps"], start=1):
        step = FormStep.objects.create(call=call, position=position, title=step_row["title"])
        for order, row in enumerate(step_row["questions"]):
            Question.objects.create(
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
    if call.programme.is_intrapreneur:
        for label in form["criteria_for_members"]:
            EligibilityCriterion.objects.create(call=call, position=0, label=label)
    for position, label in enumerate(form["criteria"], start=1):
        EligibilityCriterion.objects.create(call=call, position=position, label=label)
