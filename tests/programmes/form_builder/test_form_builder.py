"""The form builder of a call: steps and questions added, edited, deleted and reordered
without JavaScript; options typed one per line; system questions kept; answers never lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.programmes import builders
from tests.programmes.support import translated_data, url
from tremplin.applications.models import Answer, Application
from tremplin.core.history import history_of
from tremplin.programmes.forms.form_builder import OptionsField, options_to_text
from tremplin.programmes.models import FormStep, Question
from tremplin.programmes.services import form_builder

pytestmark = pytest.mark.django_db


def steps_of(call):
    return list(call.steps.order_by("position", "id").values_list("pk", flat=True))


def questions_of(step):
    return list(step.questions.order_by("position", "id").values_list("key", flat=True))


def question_data(**overrides) -> dict:
    data = {
        "kind": "short_text",
        **translated_data("label", fr="Quel est votre budget ?", en="What is your budget?"),
        **translated_data("help_text"),
        "required": "on",
        "options": "",
        "max_length": "",
        "max_choices": "",
        "min_value": "",
        "max_value": "",
    }
    data.update(overrides)
    return data


def test_the_builder_lists_steps_and_questions_in_order(
    staff_client, call_with_form, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = staff_client.get(url("form_builder", slug=call_with_form.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    steps = response.context["steps"]
    assert [s.pk for s in steps] == steps_of(call_with_form)
    assert [q.key for q in steps[0].questions.all()] == list(form_builder.SYSTEM_QUESTIONS)
    assert html.index("Présentez votre équipe") < html.index("Stade du projet")
    # The system questions have no delete link; the others have one.
    system = call_with_form.questions.get(key="project_name")
    other = call_with_form.questions.get(key="team")
    assert url("question_delete", slug=call_with_form.slug, question_pk=system.pk) not in html
    assert url("question_delete", slug=call_with_form.slug, question_pk=other.pk) in html
    # Move buttons are POST forms.
    assert (
        f'action="{url("question_move", slug=call_with_form.slug, question_pk=other.pk)}"' in html
    )


def test_the_builder_has_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries):
    def count(call):
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url("form_builder", slug=call.slug)).status_code == 200
        return len(queries)

    small = builders.call()
    form_builder.ensure_system_questions(small)
    large = builders.call()
    form_builder.ensure_system_questions(large)
    for n in range(8):
        step = FormStep.objects.create(call=large, position=n + 1, title={"fr": f"Étape {n}"})
        for m in range(6):
            Question.objects.create(
                call=large,
                step=step,
                position=m,
                kind="short_text",
                key=f"q-{n}-{m}",
                label={"fr": f"Question {n}.{m}"},
            )
    assert count(small) == count(large)


def test_adding_a_step_and_a_question(staff_client, staff, call_with_form):
    call = call_with_form
    response = staff_client.post(
        url("step_create", slug=call.slug),
        {**translated_data("title", fr="Budget", en="Budget"), **translated_data("introduction")},
    )
    step = call.steps.order_by("-position").first()
    assert response.status_code == 302
    assert response["Location"] == url("form_builder", slug=call.slug) + f"#step-{step.pk}"
    assert step.title == {"fr": "Budget", "en": "Budget"}
    assert steps_of(call)[-1] == step.pk

    response = staff_client.post(
        url("question_create", slug=call.slug, step_pk=step.pk),
        question_data(kind="budget", min_value="0", max_value="50000", max_length="300"),
    )
    assert response.status_code == 302
    question = step.questions.get()
    assert question.kind == "budget"
    assert question.label["en"] == "What is your budget?"
    assert question.key == "quel-est-votre-budget"
    assert (question.min_value, question.max_value) == (Decimal("0"), Decimal("50000"))
    # A setting that does not apply to budgets is not kept.
    assert question.max_length is None
    assert [e.action for e in history_of(call)][:2] == ["question_added", "form_step_added"]
    assert history_of(call).first().actor == staff


def test_choice_options_are_typed_one_per_line(staff_client, call_with_form):
    step = call_with_form.steps.order_by("position").last()
    options = "yes | Oui | Yes | Sí | نعم\nno | Non | No\nPeut-être"
    response = staff_client.post(
        url("question_create", slug=call_with_form.slug, step_pk=step.pk),
        question_data(kind="multiple_choice", options=options, max_choices="2"),
    )
    assert response.status_code == 302
    question = step.questions.order_by("-position").first()
    assert question.options == [
        {"value": "yes", "label": {"fr": "Oui", "en": "Yes", "es": "Sí", "ar": "نعم"}},
        {"value": "no", "label": {"fr": "Non", "en": "No"}},
        {"value": "peut-etre", "label": {"fr": "Peut-être"}},
    ]
    assert question.max_choices == 2
    # Shown back in the same format on the edit page.
    page = staff_client.get(url("question_edit", slug=call_with_form.slug, question_pk=question.pk))
    assert "yes | Oui | Yes | Sí | نعم\nno | Non | No\npeut-etre | Peut-être" in (
        page.content.decode()
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a | A\na | B", "already used"),
        ("a | A | B | C | D | E", "more labels"),
        ("a |", "at least one label"),
        ("a b | Label", "may only hold"),
    ],
)
def test_bad_option_lines_are_refused_line_by_line(text, fragment):
    with translation.override("en"), pytest.raises(forms.ValidationError) as error:
        OptionsField().clean(text)
    assert fragment in " ".join(error.value.messages)
    assert "Line" in " ".join(error.value.messages)


def test_options_round_trip():
    options = [
        {"value": "a", "label": {"fr": "A", "ar": "أ"}},
        {"value": "b", "label": {"en": "B"}},
    ]
    assert OptionsField().clean(options_to_text(options)) == options


def test_a_choice_question_needs_options_and_the_typed_data_is_kept(staff_client, call_with_form):
    step = call_with_form.steps.order_by("position").last()
    before = step.questions.count()
    response = staff_client.post(
        url("question_create", slug=call_with_form.slug, step_pk=step.pk),
        question_data(kind="single_choice", **translated_data("label", fr="Une question tapée")),
    )
    assert response.status_code == 200
    assert "options" in response.context["form"].errors
    assert "Une question tapée" in response.content.decode()
    assert step.questions.count() == before


def test_max_choices_cannot_exceed_the_options(staff_client, call_with_form):
    step = call_with_form.steps.order_by("position").last()
    response = staff_client.post(
        url("question_create", slug=call_with_form.slug, step_pk=step.pk),
        question_data(kind="multiple_choice", options="a | A\nb | B", max_choices="3"),
    )
    assert "max_choices" in response.context["form"].errors


def test_minimum_above_maximum_is_refused(staff_client, call_with_form):
    step = call_with_form.steps.order_by("position").last()
    response = staff_client.post(
        url("question_create", slug=call_with_form.slug, step_pk=step.pk),
        question_data(kind="number", min_value="10", max_value="5"),
    )
    assert "max_value" in response.context["form"].errors


def test_editing_a_question_and_moving_it_to_another_step(staff_client, call_with_form):
    call = call_with_form
    question = call.questions.get(key="stage")
    first_step = call.steps.order_by("position").first()
    data = question_data(
        kind="single_choice",
        options="idea | Idée | Idea\nprototype | Prototype\ndeployed | Déployé",
        step=first_step.pk,
        **translated_data("label", fr="Où en est le projet ?"),
    )
    data.pop("required")
    response = staff_client.post(
        url("question_edit", slug=call.slug, question_pk=question.pk), data
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.label == {"fr": "Où en est le projet ?"}
    assert question.required is False
    assert [o["value"] for o in question.options] == ["idea", "prototype", "deployed"]
    assert question.step == first_step
    assert questions_of(first_step)[-1] == "stage"
    entry = history_of(call).first()
    assert entry.action == "question_updated"
    assert "step" in entry.data["fields"] and "label" in entry.data["fields"]


def test_system_questions_keep_their_kind_and_cannot_be_deleted(
    staff_client, staff, call_with_form
):
    call = call_with_form
    question = call.questions.get(key="organisation_kind")
    options = list(question.options)
    page = staff_client.get(url("question_edit", slug=call.slug, question_pk=question.pk))
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"label", "help_text", "step"}
    # A forged kind is ignored: only the wording changes.
    response = staff_client.post(
        url("question_edit", slug=call.slug, question_pk=question.pk),
        {
            **translated_data("label", fr="Type de structure"),
            **translated_data("help_text", fr="Association, entreprise..."),
            "kind": "short_text",
            "options": "",
            "step": question.step_id,
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.label == {"fr": "Type de structure"}
    assert question.kind == Question.Kind.SINGLE_CHOICE
    assert question.options == options

    delete_url = url("question_delete", slug=call.slug, question_pk=question.pk)
    page = staff_client.get(delete_url)
    assert page.status_code == 200 and page.context["refusal"]
    assert staff_client.post(delete_url).status_code == 200
    assert call.questions.filter(key="organisation_kind").exists()
    with pytest.raises(ValidationError):
        form_builder.delete_question(question, staff)
    with pytest.raises(ValidationError):
        form_builder.update_question(question, staff, kind="short_text")
    # Nor can the step that holds them be deleted, until they are moved to another one.
    system_step = question.step
    assert (
        staff_client.post(url("step_delete", slug=call.slug, step_pk=system_step.pk)).status_code
        == 200
    )
    assert FormStep.objects.filter(pk=system_step.pk).exists()
    other_step = call.steps.exclude(pk=system_step.pk).get()
    for system in call.questions.filter(step=system_step):
        response = staff_client.post(
            url("question_edit", slug=call.slug, question_pk=system.pk),
            {
                **translated_data("label", fr=str(system.label)),
                **translated_data("help_text"),
                "step": other_step.pk,
            },
        )
        assert response.status_code == 302
    assert set(questions_of(other_step)) == {"team", "stage", *form_builder.SYSTEM_KEYS}
    response = staff_client.post(url("step_delete", slug=call.slug, step_pk=system_step.pk))
    assert response.status_code == 302
    assert not FormStep.objects.filter(pk=system_step.pk).exists()


def test_deleting_a_question_and_a_step(staff_client, call_with_form):
    call = call_with_form
    step = call.steps.order_by("position").last()
    question = step.questions.get(key="team")
    delete_url = url("question_delete", slug=call.slug, question_pk=question.pk)
    page = staff_client.get(delete_url)
    assert page.status_code == 200 and page.context["refusal"] is None
    assert staff_client.post(delete_url).status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()
    assert questions_of(step) == ["stage"]
    assert list(step.questions.values_list("position", flat=True)) == [0]
    response = staff_client.post(url("step_delete", slug=call.slug, step_pk=step.pk))
    assert response.status_code == 302
    assert not FormStep.objects.filter(pk=step.pk).exists()
    assert {"question_deleted", "form_step_deleted"} <= {e.action for e in history_of(call)}


def test_answered_questions_are_never_deleted_nor_change_kind(staff_client, staff, call_with_form):
    call = call_with_form
    question = call.questions.get(key="team")
    application = Application.objects.create(call=call, applicant=staff)
    Answer.objects.create(application=application, question=question, value="Nous", text="Nous")
    assert (
        staff_client.post(
            url("question_delete", slug=call.slug, question_pk=question.pk)
        ).status_code
        == 200
    )
    assert Question.objects.filter(pk=question.pk).exists()
    assert (
        staff_client.post(url("step_delete", slug=call.slug, step_pk=question.step_id)).status_code
        == 200
    )
    response = staff_client.post(
        url("question_edit", slug=call.slug, question_pk=question.pk),
        question_data(kind="number", step=question.step_id),
    )
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    question.refresh_from_db()
    assert question.kind == "long_text"
    assert Answer.objects.filter(question=question).count() == 1


def test_reordering_steps_and_questions(staff_client, call_with_form):
    call = call_with_form
    first, second = steps_of(call)
    response = staff_client.post(
        url("step_move", slug=call.slug, step_pk=second), {"direction": "up"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#step-{second}")
    assert steps_of(call) == [second, first]
    # Already first: nothing moves.
    staff_client.post(url("step_move", slug=call.slug, step_pk=second), {"direction": "up"})
    assert steps_of(call) == [second, first]
    staff_client.post(url("step_move", slug=call.slug, step_pk=second), {"direction": "down"})
    assert steps_of(call) == [first, second]

    step = FormStep.objects.get(pk=second)
    team = call.questions.get(key="team")
    staff_client.post(
        url("question_move", slug=call.slug, question_pk=team.pk), {"direction": "down"}
    )
    assert questions_of(step) == ["stage", "team"]
    staff_client.post(
        url("question_move", slug=call.slug, question_pk=team.pk), {"direction": "down"}
    )
    assert questions_of(step) == ["stage", "team"]
    system_step = FormStep.objects.get(pk=first)
    region = call.questions.get(key="region")
    staff_client.post(
        url("question_move", slug=call.slug, question_pk=region.pk), {"direction": "up"}
    )
    assert questions_of(system_step) == [
        "project_name",
        "organisation_name",
        "region",
        "organisation_kind",
    ]
    assert "question_moved" in {e.action for e in history_of(call)}
    # A forged direction changes nothing.
    staff_client.post(url("question_move", slug=call.slug, question_pk=team.pk), {"direction": "x"})
    assert questions_of(step) == ["stage", "team"]


def test_moving_needs_a_post(staff_client, call_with_form):
    step = call_with_form.steps.first()
    assert (
        staff_client.get(url("step_move", slug=call_with_form.slug, step_pk=step.pk)).status_code
        == 405
    )


def test_objects_of_another_call_are_not_found(staff_client, call_with_form):
    other = builders.call()
    question = call_with_form.questions.get(key="team")
    step = question.step
    assert (
        staff_client.get(url("question_edit", slug=other.slug, question_pk=question.pk)).status_code
        == 404
    )
    assert staff_client.get(url("step_edit", slug=other.slug, step_pk=step.pk)).status_code == 404
    response = staff_client.post(
        url("question_move", slug=other.slug, question_pk=question.pk), {"direction": "up"}
    )
    assert response.status_code == 404


def test_editing_a_step(staff_client, call_with_form):
    step = call_with_form.steps.order_by("position").last()
    response = staff_client.post(
        url("step_edit", slug=call_with_form.slug, step_pk=step.pk),
        {
            **translated_data("title", fr="L'équipe", ar="الفريق"),
            **translated_data("introduction", fr="Qui porte le projet ?"),
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.title == {"fr": "L'équipe", "ar": "الفريق"}
    assert step.introduction == {"fr": "Qui porte le projet ?"}
    assert history_of(call_with_form).first().data["fields"] == ["introduction", "title"]


def test_the_preview_shows_the_form_read_only(staff_client, call_with_form):
    response = staff_client.get(url("form_preview", slug=call_with_form.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Présentez votre équipe" in html and "Idée" in html
    assert 'data-counter="1500"' in html
    shown = [form for _step, form in response.context["pages"]]
    assert len(shown) == 2
    assert all(field.disabled for form in shown for field in form.fields.values())
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert 'name="step' in main and " disabled" in main
    assert "<form" not in main
