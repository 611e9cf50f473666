"""The staff page of one application: answers, files, screening, each transition, requests
for information, internal notes, deadline extension, history."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.applications.builders import PDF, apply, attach, move_to
from tests.conftest import make_person
from tremplin.applications import services
from tremplin.applications.models import (
    Application,
    InformationRequest,
    InternalNote,
    ScreeningCheck,
    State,
)
from tremplin.core.history import history_of
from tremplin.messaging.models import Kind, Message


def page(application):
    return reverse("applications:screening", args=[application.pk])


def action(name, application):
    return reverse(f"applications:{name}", args=[application.pk])


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def applicant(db):
    return make_person("lucia@example.org", full_name="Lucía Pérez", preferred_language="es")


@pytest.fixture
def application(call, applicant):
    draft = apply(
        call,
        applicant,
        title="Épicerie <em>mobile</em>",
        need="<script>alert('x')</script>\nUne épicerie sociale sans papier.",
        stage="prototype",
        submit=False,
    )
    attach(draft, "plan <1>.pdf")
    return services.submit(draft, applicant)


def test_the_page_shows_every_answer_by_step_escaped(staff_client, call, application):
    response = staff_client.get(page(application))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Une épicerie sociale" in html
    assert "Épicerie &lt;em&gt;mobile&lt;/em&gt;" in html
    # Steps in order, choices by their label in the staff member's language.
    steps = [step.title for step in response.context["steps"]]
    assert steps == ["Your project", "The project"]
    assert ">Prototype<" in html
    assert "Older people" in html
    # The file, with a link to download it.
    attachment = application.attachments.get()
    assert (
        reverse("applications:screening_attachment", args=[application.pk, attachment.pk]) in html
    )
    assert "plan &lt;1&gt;.pdf" in html


def test_a_file_is_downloaded_with_its_checked_type(staff_client, application):
    attachment = application.attachments.get()
    response = staff_client.get(
        reverse("applications:screening_attachment", args=[application.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "plan" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    # Only through its own application.
    other = apply(application.call, title="Autre")
    assert (
        staff_client.get(
            reverse("applications:screening_attachment", args=[other.pk, attachment.pk])
        ).status_code
        == 404
    )


def test_screening_checklist(staff_client, call, application, staff):
    first, second = call.criteria.all()
    response = staff_client.post(
        action("save_screening", application),
        {
            f"criterion-{first.pk}-met": "yes",
            f"criterion-{first.pk}-note": "Besoin clair",
            f"criterion-{second.pk}-met": "no",
            f"criterion-{second.pk}-note": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#screening")
    checks = {c.criterion_id: c for c in ScreeningCheck.objects.filter(application=application)}
    assert checks[first.pk].met is True and checks[first.pk].note == "Besoin clair"
    assert checks[second.pk].met is False
    assert checks[first.pk].checked_by == staff
    assert history_of(application).filter(action="screening_checked").exists()
    # Back to unknown.
    staff_client.post(
        action("save_screening", application),
        {f"criterion-{first.pk}-met": "", f"criterion-{second.pk}-met": "no"},
    )
    assert ScreeningCheck.objects.get(criterion=first, application=application).met is None
    html = staff_client.get(page(application)).content.decode()
    assert f'value="no" id="id_criterion-{second.pk}-met_1" checked' in html
    # A forged value is refused next to its field.
    response = staff_client.post(
        action("save_screening", application), {f"criterion-{first.pk}-met": "maybe"}
    )
    assert response.status_code == 200
    assert response.context["screening_form"].errors


def fire(client, application, name, reason=None):
    data = {"transition": name}
    if reason is not None:
        data[f"{name}-reason"] = reason
    return client.post(action("transition", application), data)


@pytest.mark.parametrize(
    ("start", "name", "reason", "target", "message_kind"),
    [
        (State.SUBMITTED, "mark_eligible", None, State.ELIGIBLE, Kind.ELIGIBLE),
        (
            State.SUBMITTED,
            "mark_ineligible",
            "Le projet n'est pas porté par une structure éligible.",
            State.INELIGIBLE,
            Kind.INELIGIBLE,
        ),
        (
            State.SUBMITTED,
            "request_information",
            "Pouvez-vous préciser le budget ?",
            State.INFO_REQUESTED,
            Kind.INFO_REQUESTED,
        ),
        (State.INELIGIBLE, "reconsider", "Erreur de lecture.", State.SUBMITTED, None),
        (State.ELIGIBLE, "start_review", None, State.IN_REVIEW, None),
        (State.IN_REVIEW, "shortlist", None, State.SHORTLISTED, None),
        (State.SHORTLISTED, "select", None, State.SELECTED, None),
        (State.SHORTLISTED, "waitlist", None, State.WAITLISTED, None),
        (State.WAITLISTED, "select", None, State.SELECTED, None),
        (State.IN_REVIEW, "reject", None, State.REJECTED, None),
    ],
)
def test_each_transition_from_the_page(
    staff_client, staff, application, applicant, start, name, reason, target, message_kind
):
    move_to(application, start)
    html = staff_client.get(page(application)).content.decode()
    assert f'name="transition" value="{name}"' in html
    Message.objects.all().delete()
    response = fire(staff_client, application, name, reason)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == target
    entry = history_of(application).first()
    assert (entry.actor, entry.from_state, entry.to_state) == (staff, start, target)
    assert entry.reason == (reason or "")
    if message_kind:
        message = Message.objects.get(kind=message_kind)
        assert message.recipient == applicant
        assert message.language == "es"  # the applicant's language, not the staff member's
        if reason:
            assert reason in message.body
    if name == "request_information":
        assert InformationRequest.objects.get(application=application).message == reason
    # The history on the page says who, from, to and why.
    html = staff_client.get(page(application)).content.decode()
    assert "Camille Équipe" in html
    if reason:
        assert reason.replace("'", "&#x27;") in html


def test_a_missing_reason_is_said_next_to_the_field_and_nothing_changes(staff_client, application):
    response = fire(staff_client, application, "mark_ineligible", "   ")
    assert response.status_code == 200
    form = next(
        f for f in response.context["transition_forms"] if f.transition.name == "mark_ineligible"
    )
    assert form.errors["reason"]
    assert 'aria-invalid="true"' in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_an_illegal_transition_is_a_clear_message(staff_client, application):
    # The page was loaded while the application was submitted; someone marked it eligible.
    move_to(application, State.ELIGIBLE)
    response = fire(staff_client, application, "mark_ineligible", "Trop tard")
    assert response.status_code == 200
    assert any("not possible in the current state" in m for m in texts(response))
    application.refresh_from_db()
    assert application.state == State.ELIGIBLE
    # Not a staff transition, or no transition at all.
    for name in ("submit", "withdraw", "nonsense", ""):
        response = fire(staff_client, application, name, "x")
        assert response.status_code == 400
        assert any("does not exist" in m for m in texts(response))
    application.refresh_from_db()
    assert application.state == State.ELIGIBLE


def test_requests_for_information_and_their_answers_are_shown(staff_client, application, applicant):
    fire(staff_client, application, "request_information", "Quel budget ?")
    request = InformationRequest.objects.get()
    services.answer_information_request(request, applicant, "Douze mille euros.")
    html = staff_client.get(page(application)).content.decode()
    assert "Quel budget ?" in html and "Douze mille euros." in html
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_internal_notes(staff_client, application, staff):
    response = staff_client.post(action("add_note", application), {"text": "À rappeler <b>"})
    assert response.status_code == 302
    note = InternalNote.objects.get()
    assert (note.author, note.text) == (staff, "À rappeler <b>")
    html = staff_client.get(page(application)).content.decode()
    assert "À rappeler &lt;b&gt;" in html
    response = staff_client.post(action("add_note", application), {"text": "  "})
    assert response.status_code == 200
    assert response.context["note_form"].errors["text"]
    assert InternalNote.objects.count() == 1
    # Notes never reach the applicant.
    assert not Message.objects.filter(body__contains="rappeler").exists()


def test_deadline_extension_is_typed_in_the_calls_time_zone(staff_client, call, application):
    call.time_zone = "America/Cayenne"  # UTC-3
    call.save()
    local = timezone.localtime(call.closes_at, ZoneInfo("America/Cayenne")) + timedelta(days=2)
    typed = local.strftime("%Y-%m-%dT%H:%M")
    response = staff_client.post(action("extension", application), {"until": typed})
    assert response.status_code == 302
    application.refresh_from_db()
    expected = datetime.strptime(typed, "%Y-%m-%dT%H:%M").replace(
        tzinfo=ZoneInfo("America/Cayenne")
    )
    assert application.deadline_extended_to == expected
    assert application.deadline == expected
    message = Message.objects.get(kind=Kind.EXTENSION)
    assert message.language == "es"
    entry = history_of(application).get(action="deadline_extended")
    assert entry.data["until"] == expected.isoformat()
    html = staff_client.get(page(application)).content.decode()
    assert "America/Cayenne" in html
    assert f'value="{typed}"' in html  # the current extension, in the call's time zone


def test_an_extension_before_the_closing_time_is_refused(staff_client, call, application):
    before = timezone.localtime(call.closes_at, call.tz) - timedelta(hours=1)
    typed = before.strftime("%Y-%m-%dT%H:%M")
    response = staff_client.post(action("extension", application), {"until": typed})
    assert response.status_code == 200
    assert response.context["extension_form"].errors["until"]
    assert f'value="{typed}"' in response.content.decode()  # what was typed is kept
    response = staff_client.post(action("extension", application), {"until": "not a date"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.deadline_extended_to is None


def test_the_history_says_who_when_from_to_and_why(staff_client, application, staff):
    fire(staff_client, application, "mark_ineligible", "Hors périmètre")
    fire(staff_client, application, "reconsider", "Relu")
    response = staff_client.get(page(application))
    rows = response.context["history"]
    assert [row["label"] for row in rows[:3]] == ["Screen again", "Not eligible", "Submit"]
    assert rows[0]["from"] == "Not eligible" and rows[0]["to"] == "Submitted"
    assert rows[0]["entry"].reason == "Relu"
    assert rows[0]["entry"].actor_display == "Camille Équipe"
    # A former member's name stays in the history.
    staff.delete()
    staff_client.force_login(
        make_person("next@example.org", roles=["staff"], preferred_language="en")
    )
    html = staff_client.get(page(application)).content.decode()
    assert "Camille Équipe (former member)" in html


def test_unsubmitted_changes_are_not_shown_as_submitted(staff_client, call, application):
    person = application.applicant
    question = call.questions.get(key="need")
    services.save_answers(application, person, [question], {"need": "Changé après"}, {}, {})
    html = staff_client.get(page(application)).content.decode()
    assert "Changé après" not in html
    assert "has changed answers since submitting" in html
    assert Application.objects.get(pk=application.pk).state == State.SUBMITTED
