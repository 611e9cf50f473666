"""A one-line answer (the "short text" questions, the project's name among them) is stored on
one line, whatever the page or the service that receives it; a long answer keeps its line
breaks. And a project name that already holds a line break (stored by an older version of the
platform) never stops the messages about its application: the confirmation, the decisions and
the invitations still leave, each with a one-line subject."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.applications.team.test_invitation_abuse import lead
from tests.conftest import make_person
from tests.programmes import builders
from tremplin.applications import services
from tremplin.applications.models import Answer, Application
from tremplin.demo.forms import build_form
from tremplin.programmes.models import Question

pytestmark = pytest.mark.django_db

ANSWERS = {
    "project_name": "Jardins partagés",
    "organisation_name": "Association des jardins",
    "organisation_kind": "association",
    "region": "FR-BRE",
    "need": "Des personnes âgées isolées.",
    "solution": "Des potagers partagés entre générations.",
    "stage": "prototype",
    "business_lines": ["elderly"],
    "team_size": "3",
    "budget": "12000.00",
}


@pytest.fixture
def call(db):
    call = builders.call(title={"fr": "Appel entrepreneurs", "en": "Entrepreneur call"})
    build_form(call)
    return call


def step_with(client, application, key):
    for number in range(1, 6):
        url = reverse("applications:step", args=[application.pk, number])
        response = client.get(url)
        if response.status_code == 200 and key in response.context["form"].fields:
            return url, response.context["form"]
    raise AssertionError(f"no step asks {key}")


def test_a_short_answer_posted_with_line_breaks_is_stored_on_one_line(client, call):
    person = make_person(preferred_language="en")
    application = services.start(call, person)
    client.force_login(person)
    url, form = step_with(client, application, "project_name")
    data = {name: form[name].value() for name in form.fields if form[name].value()}
    data.update({"project_name": "Jardins\r\npartagés\r\n", "go": "stay"})
    client.post(url, data)
    answer = Answer.objects.get(application=application, question__key="project_name")
    assert answer.value == "Jardins partagés"
    application.refresh_from_db()
    assert application.title == "Jardins partagés"


def test_the_service_keeps_short_answers_on_one_line_and_long_ones_as_written(call):
    person = make_person()
    application = services.start(call, person)
    questions = list(call.questions.all())
    services.save_answers(
        application,
        person,
        questions,
        {"project_name": "Jardins\npartagés", "need": "Ligne un\nLigne deux"},
        {},
        {},
    )
    values = {a.question.key: a.value for a in application.answers.select_related("question")}
    assert values["project_name"] == "Jardins partagés"
    assert values["need"] == "Ligne un\nLigne deux"
    assert Question.objects.get(call=call, key="need").kind == Question.Kind.LONG_TEXT


def test_a_project_name_with_a_line_break_in_the_database_stops_no_message(
    call, django_capture_on_commit_callbacks
):
    person = make_person(preferred_language="en")
    application = services.start(call, person)
    questions = list(call.questions.all())
    services.save_answers(application, person, questions, dict(ANSWERS), {}, {})
    # What an older version stored, as typed.
    Application.objects.filter(pk=application.pk).update(title="Jardins\r\npartagés")
    Answer.objects.filter(application=application, question__key="project_name").update(
        value="Jardins\r\npartagés"
    )
    application.refresh_from_db()
    staff = make_person(roles=["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(application, person)
        services.invite(application, person, "member@example.org")
        services.transition(Application.objects.get(pk=application.pk), staff, "mark_eligible")
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject


def test_an_invitation_about_a_project_named_on_two_lines_still_leaves(
    call, django_capture_on_commit_callbacks
):
    person, application = lead(call, title="Shared\ngardens")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(application, person, "member@example.org")
    (message,) = mail.outbox
    assert "\n" not in message.subject
