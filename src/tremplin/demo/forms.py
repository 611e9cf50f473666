"""The application form of the demo calls: three steps, as the accelerator's calls ask
(data/application_form.json)."""

from tremplin.demo import files
from tremplin.programmes import forms_builder
from tremplin.programmes.models import Call, Question


def build_form(call: Call, actor=None) -> None:
    """Add the demo's steps and questions to `call`'s form, after its system questions, and
    give it its programme's default eligibility checklist if it has none yet.

    Through the form builder that programmes.services.add_step and add_question call after
    their permission check (history recorded in `actor`'s name): tests also build this form
    on calls of their own, with nobody who manages calls."""
    form = files.read("application_form")
    stages = form["stages"]
    forms_builder.ensure_system_questions(call)
    for step_row in form["steps"]:
        step = forms_builder.add_step(call, actor, step_row["title"])
        for row in step_row["questions"]:
            question = forms_builder.add_question(
                step,
                actor,
                key=row["key"],
                kind=row["kind"],
                required=row["required"],
                max_length=row["max_length"],
                label=row["label"],
                options=stages if row["key"] == "stage" else [],
                max_choices=3 if row["kind"] == Question.Kind.BUSINESS_LINE else None,
            )
            question.full_clean()
    forms_builder.ensure_default_criteria(call)
