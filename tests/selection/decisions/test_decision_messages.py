"""Decision messages: staff preview, per language, the message each applicant (and accepted
co-applicant) will receive, with the message written at the decision in place of {{ reason }};
sending composes them once, in each recipient's language, queued after commit."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.support import compiled_locale_dir, translated_catalogues  # noqa: F401
from tests.conftest import make_person
from tests.selection.meeting.conftest import messages_of, open_meeting, reviewed
from tremplin.applications.models import CoApplicant
from tremplin.core.history import history_of
from tremplin.messaging.models import Kind, Message, MessageTemplate
from tremplin.messaging.services import wording
from tremplin.selection.models import Decision
from tremplin.selection.services import decisions as services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _translated(translated_catalogues):  # noqa: F811
    yield


@pytest.fixture
def decided(call, staff, reviewers):
    """Three decisions: a French applicant selected, a Spanish one rejected (with a Spanish
    speaking co-applicant who accepted and an English one who did not), and an English one on
    the waiting list."""
    selected = reviewed(call, reviewers, "Jardins", [4.5], language="fr", name="Camille Martin")
    rejected = reviewed(call, reviewers, "Huertos", [2.0], language="es", name="Lucía García")
    waitlisted = reviewed(call, reviewers, "Garden", [3.5], language="en", name="Ann Smith")
    co = make_person("co@example.org", preferred_language="es", full_name="Pablo Ruiz")
    CoApplicant.objects.create(
        application=rejected, email=co.email, person=co, accepted_at=timezone.now()
    )
    CoApplicant.objects.create(application=rejected, email="pending@example.org")
    meeting = open_meeting(call, staff)
    items = {item.application_id: item for item in meeting.items.select_related("application")}
    for application, outcome, comment in (
        (selected, "selected", "Bravo."),
        (rejected, "rejected", "El impacto no está demostrado."),
        (waitlisted, "waitlisted", ""),
    ):
        item = items[application.pk]
        item.meeting.call = call
        services.decide(item, staff, outcome, "Raison interne du comité", comment)
    return {"selected": selected, "rejected": rejected, "waitlisted": waitlisted, "co": co}


def url(call, name="decision_messages"):
    return reverse(f"selection:{name}", kwargs={"slug": call.slug})


def test_staff_preview_each_message_in_its_recipients_language(client, call, staff, decided):
    client.force_login(staff)
    response = client.get(url(call))
    page = response.content.decode()
    assert response.status_code == 200
    previews = {p.decision.application.title: p for p in response.context["previews"]}
    assert set(previews) == {"Jardins", "Huertos", "Garden"}
    rejected = previews["Huertos"]
    assert [(m.email, m.language) for m in rejected.messages] == [
        (decided["rejected"].applicant.email, "es"),
        ("co@example.org", "es"),
    ]
    subject, _body = wording(call, Kind.REJECTED, "es")
    assert rejected.messages[0].subject == subject.replace(
        "{{ reference }}", decided["rejected"].reference
    )
    assert "El impacto no está demostrado." in rejected.messages[0].body
    assert "Raison interne du comité" not in page  # the minutes' reason stays internal
    assert subject != wording(call, Kind.REJECTED, "en")[0]  # really in Spanish
    garden = previews["Garden"].messages[0]
    assert garden.language == "en"
    assert garden.subject == wording(call, Kind.WAITLISTED, "en")[0].replace(
        "{{ reference }}", decided["waitlisted"].reference
    )
    # The default wording of a selection has no {{ reason }}: staff are warned that the
    # message written at the decision is not sent.
    assert previews["Jardins"].reason_unused
    assert not previews["Huertos"].reason_unused
    assert response.context["message_count"] == 4
    assert "pending@example.org" not in page
    assert not Message.objects.exists()  # previewing sends nothing


def test_send_composes_once_in_each_language_and_marks_the_decisions_told(
    client, call, staff, decided, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    preview = client.get(url(call)).context["previews"]
    expected = {(m.email, m.subject, m.body) for p in preview for m in p.messages}
    ids = [p.decision.pk for p in preview]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url(call, "decision_messages_send"), {"decisions": ids})
    assert response.status_code == 302
    assert len(callbacks) == 4  # one e-mail queued per message, after commit
    messages = list(Message.objects.order_by("pk"))
    assert {(m.email, m.subject, m.body) for m in messages} == expected  # as previewed
    assert {(m.application.title, m.kind, m.language) for m in messages} == {
        ("Jardins", Kind.SELECTED, "fr"),
        ("Huertos", Kind.REJECTED, "es"),
        ("Garden", Kind.WAITLISTED, "en"),
    }
    assert Message.objects.filter(application=decided["rejected"]).count() == 2
    assert not Decision.objects.filter(notified_at__isnull=True).exists()
    assert "decision_messages_sent" in [e.action for e in history_of(call)]
    # A second click, or a second person with the same page: nothing more is sent.
    again = client.post(url(call, "decision_messages_send"), {"decisions": ids}, follow=True)
    assert Message.objects.count() == 4
    assert messages_of(again)[-1][0] == "info"
    assert client.get(url(call)).context["previews"] == []


def test_a_decision_taken_after_the_preview_waits_for_its_own_preview(
    client, call, staff, reviewers, decided
):
    client.force_login(staff)
    ids = [p.decision.pk for p in client.get(url(call)).context["previews"]]
    late = reviewed(call, reviewers, "Tardif", [3.0])
    meeting = open_meeting(call, staff)
    item = meeting.items.get(application=late)
    item.meeting.call = call
    services.decide(item, staff, "rejected", "Raison", "Désolé")
    client.post(url(call, "decision_messages_send"), {"decisions": ids})
    assert not Message.objects.filter(application=late).exists()
    assert Decision.objects.get(application=late).notified_at is None


def test_the_call_wording_is_used_when_staff_wrote_one(client, call, staff, decided):
    MessageTemplate.objects.create(
        call=call,
        kind=Kind.SELECTED,
        language="fr",
        subject="Félicitations {{ reference }}",
        body="{{ applicant_name }}, le comité a dit : {{ reason }}",
    )
    client.force_login(staff)
    previews = {p.decision.application.title: p for p in client.get(url(call)).context["previews"]}
    message = previews["Jardins"].messages[0]
    assert message.subject == f"Félicitations {decided['selected'].reference}"
    assert message.body == "Camille Martin, le comité a dit : Bravo."
    assert not previews["Jardins"].reason_unused


@pytest.mark.parametrize("who", ["chair", "reviewer", "observer"])
def test_only_staff_preview_and_send(client, call, decided, who, chair, reviewers, observer):
    person = {"chair": chair, "reviewer": reviewers[0], "observer": observer}[who]
    client.force_login(person)
    assert client.get(url(call)).status_code == 403
    ids = list(Decision.objects.values_list("pk", flat=True))
    assert client.post(url(call, "decision_messages_send"), {"decisions": ids}).status_code == 403
    assert not Message.objects.exists()


def test_the_preview_page_reads_a_bounded_number_of_queries(
    client, call, staff, decided, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(20):
        client.get(url(call))
