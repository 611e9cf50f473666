"""Mailings: written per language, previewed with the number of recipients per language and
the message as each will receive it, sent once, e-mailed by background tasks after commit."""

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_person
from tests.messaging.conftest import make_application
from tests.programmes import builders
from tremplin.applications.queries import mailings as queries
from tremplin.applications.services import mailings as services
from tremplin.core.history import history_of
from tremplin.messaging.models import Mailing, Message

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def applications(call):
    """Two French-speaking and one Spanish-speaking submitted applicant, one English-speaking
    eligible one; a draft, and a submitted application to another call, to leave out."""
    return {
        "fr1": make_application(call, language="fr", name="Camille Martin", title="Jardins"),
        "fr2": make_application(call, language="fr", name="Louis Bernard", title="Mobilités"),
        "es": make_application(call, language="es", name="Lucía García", title="Huertos"),
        "en": make_application(call, language="en", name="Ann Smith", state="eligible"),
        "draft": make_application(call, language="fr", state="draft"),
        "elsewhere": make_application(builders.call(), language="fr"),
    }


SUBJECT = {"fr": "Atelier pour {{ reference }}", "es": "Taller"}
BODY = {"fr": "Bonjour {{ applicant_name }}", "es": "Hola {{ applicant_name }} ({{ reference }})"}


def new_mailing(call, staff, *, states=("submitted", "eligible"), subject=None, body=None):
    """A draft mailing; by default in French and Spanish."""
    if subject is None:
        subject, body = SUBJECT, body or BODY
    elif body is None:
        body = {code: f"Texte {code}" for code in subject}
    return services.create_mailing(call, staff, subject=subject, body=body, states=list(states))


def mailing_url(name, mailing):
    return reverse(f"applications:{name}", kwargs={"slug": mailing.call.slug, "pk": mailing.pk})


# --- Composing -----------------------------------------------------------------------------


def test_staff_compose_a_mailing_in_several_languages(staff_client, call):
    response = staff_client.post(
        reverse("applications:new_mailing", kwargs={"slug": call.slug}),
        {
            "subject_fr": "Réunion d'information",
            "subject_es": "Reunión informativa",
            "body_fr": "Bonjour {{ applicant_name }}",
            "body_es": "Hola {{ applicant_name }}",
            "states": ["submitted", "eligible"],
        },
    )
    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == mailing_url("mailing", mailing)
    assert mailing.state == Mailing.State.DRAFT
    assert dict(mailing.subject) == {"fr": "Réunion d'information", "es": "Reunión informativa"}
    assert mailing.states == ["submitted", "eligible"]
    assert not Message.objects.exists()
    assert "mailing_drafted" in [entry.action for entry in history_of(call)]


def test_an_unknown_placeholder_in_a_mailing_is_refused_keeping_the_text(staff_client, call):
    response = staff_client.post(
        reverse("applications:new_mailing", kwargs={"slug": call.slug}),
        {
            "subject_fr": "Sujet",
            "body_fr": "Bonjour {{ nom_du_projet }}",
            "body_es": "Hola {{ applicant_name }}",
            "states": ["submitted"],
        },
    )
    assert response.status_code == 200
    assert "nom_du_projet" in response.context["form"].errors["body"][0]
    text = page_text(response)
    assert "Bonjour {{ nom_du_projet }}" in text
    assert "Hola {{ applicant_name }}" in text
    assert not Mailing.objects.exists()


def test_each_language_used_has_both_subject_and_text(staff_client, call, staff):
    response = staff_client.post(
        reverse("applications:new_mailing", kwargs={"slug": call.slug}),
        {
            "subject_fr": "Sujet",
            "body_fr": "Texte",
            "body_es": "Texto sin asunto",
            "states": ["submitted"],
        },
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "Texto sin asunto" in page_text(response)
    with pytest.raises(ValidationError):
        new_mailing(call, staff, subject={"fr": "Sujet", "es": "Asunto"}, body={"fr": "Texte"})
    assert not Mailing.objects.exists()


def test_a_mailing_needs_a_text_and_states(staff_client, call):
    response = staff_client.post(
        reverse("applications:new_mailing", kwargs={"slug": call.slug}), {"subject_fr": "Sujet"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"body", "states"}
    assert not Mailing.objects.exists()


def test_the_reason_placeholder_is_not_for_mailings(call, staff):
    with pytest.raises(ValidationError):
        new_mailing(call, staff, subject={"fr": "Sujet"}, body={"fr": "{{ reason }}"})


# --- Preview -------------------------------------------------------------------------------


def test_preview_counts_recipients_per_language(call, staff, applications):
    mailing = new_mailing(call, staff)
    previews = {preview.language: preview for preview in queries.mailing_preview(mailing)}
    assert {code: p.recipients for code, p in previews.items()} == {"fr": 2, "en": 1, "es": 1}
    # Each language's message, filled for one of its recipients.
    assert previews["es"].subject == "Taller"
    assert previews["es"].body == f"Hola Lucía García ({applications['es'].reference})"
    assert previews["es"].sample == applications["es"]
    assert previews["fr"].subject == f"Atelier pour {applications['fr1'].reference}"
    # Nothing is written in English: its recipients receive the French text, and are told so.
    assert previews["en"].is_fallback
    assert previews["en"].written_in == "fr"
    assert previews["en"].body == "Bonjour Ann Smith"
    assert not previews["fr"].is_fallback


def test_the_preview_page_shows_counts_and_messages(
    staff_client, call, staff, applications, django_assert_max_num_queries
):
    mailing = new_mailing(call, staff)
    with django_assert_max_num_queries(30):
        response = staff_client.get(mailing_url("mailing", mailing))
    assert response.status_code == 200
    assert response.context["recipients"] == 4
    text = page_text(response)
    assert f"Hola Lucía García ({applications['es'].reference})" in text
    assert f"Atelier pour {applications['fr1'].reference}" in text
    assert mailing_url("send_mailing", mailing) in text
    assert not Message.objects.exists()


def test_the_preview_says_when_nobody_would_receive_it(staff_client, call, staff, applications):
    mailing = new_mailing(call, staff, states=["selected"])
    response = staff_client.get(mailing_url("mailing", mailing))
    assert response.status_code == 200
    assert response.context["recipients"] == 0
    assert mailing_url("send_mailing", mailing) not in page_text(response)


# --- Sending -------------------------------------------------------------------------------


def test_sending_records_a_message_per_recipient_in_their_language_and_emails_it(
    call, staff, applications, django_capture_on_commit_callbacks, mailoutbox
):
    mailing = new_mailing(call, staff)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.send_mailing(mailing, staff) == 4
        # Nothing leaves before the transaction commits.
        assert mailoutbox == []
    assert len(callbacks) == 4
    messages = {m.recipient_id: m for m in Message.objects.filter(mailing=mailing)}
    assert set(messages) == {applications[key].applicant_id for key in ("fr1", "fr2", "es", "en")}
    spanish = messages[applications["es"].applicant_id]
    assert (spanish.language, spanish.subject) == ("es", "Taller")
    assert spanish.application == applications["es"]
    assert messages[applications["en"].applicant_id].language == "en"
    assert sorted(mail.subject for mail in mailoutbox) == sorted(
        [f"Atelier pour {applications[key].reference}" for key in ("fr1", "fr2", "en")] + ["Taller"]
    )
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert by_address[applications["es"].applicant.email].body == spanish.body
    assert Message.objects.filter(mailing=mailing, emailed_at__isnull=True).count() == 0
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT
    assert mailing.recipients_count == 4
    assert mailing.sent_at is not None


def test_a_mailing_is_sent_once(
    staff_client, call, staff, applications, django_capture_on_commit_callbacks, mailoutbox
):
    mailing = new_mailing(call, staff)
    url = mailing_url("send_mailing", mailing)
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(url)
    # A double click, or the form sent again from the browser's history.
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already sent" in page_text(second) or "déjà" in page_text(second)
    assert Message.objects.filter(mailing=mailing).count() == 4
    assert len(mailoutbox) == 4
    assert services.send_mailing(mailing, staff) == 0
    assert Message.objects.count() == 4
    assert [entry.action for entry in history_of(call)].count("mailing_sent") == 1


def test_a_mailing_to_nobody_stays_a_draft(staff_client, call, staff, applications):
    mailing = new_mailing(call, staff, states=["selected"])
    response = staff_client.post(mailing_url("send_mailing", mailing))
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DRAFT
    assert not Message.objects.exists()


def test_a_sent_mailing_cannot_change_nor_be_deleted(staff_client, call, staff, applications):
    mailing = new_mailing(call, staff)
    services.send_mailing(mailing, staff)
    response = staff_client.post(
        mailing_url("edit_mailing", mailing),
        {"subject_fr": "Autre", "body_fr": "Autre", "states": ["submitted"]},
    )
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.subject["fr"] == "Atelier pour {{ reference }}"
    with pytest.raises(ValidationError):
        services.update_mailing(
            mailing, staff, subject={"fr": "x"}, body={"fr": "y"}, states=["submitted"]
        )
    staff_client.post(mailing_url("discard_mailing", mailing))
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.SENT


def test_a_draft_can_change_then_be_discarded(staff_client, call, staff, applications):
    mailing = new_mailing(call, staff)
    response = staff_client.get(mailing_url("edit_mailing", mailing))
    assert response.context["form"]["subject"].value()["fr"] == "Atelier pour {{ reference }}"
    response = staff_client.post(
        mailing_url("edit_mailing", mailing),
        {"subject_fr": "Autre", "body_fr": "Texte", "states": ["eligible"]},
    )
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert (dict(mailing.subject), mailing.states) == ({"fr": "Autre"}, ["eligible"])
    response = staff_client.post(mailing_url("discard_mailing", mailing))
    assert response.status_code == 302
    # Kept as a record (MAILING_WORKFLOW), but neither listed nor shown any more.
    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.DISCARDED
    assert staff_client.get(mailing_url("mailing", mailing)).status_code == 404
    listed = staff_client.get(reverse("applications:mailings", kwargs={"slug": call.slug}))
    assert "Autre" not in page_text(listed)
    assert [entry.action for entry in history_of(mailing)] == ["transition:discard"]


@pytest.mark.parametrize("role", ["applicant", "committee", "partner"])
def test_only_staff_send_mailings(call, staff, applications, role):
    mailing = new_mailing(call, staff)
    person = make_person(roles=[role])
    with pytest.raises(PermissionDenied):
        services.send_mailing(mailing, person)
    with pytest.raises(PermissionDenied):
        new_mailing(call, person)
    assert not Message.objects.exists()


# --- List ----------------------------------------------------------------------------------


def test_the_list_shows_state_and_counts_in_bounded_queries(
    staff_client, call, staff, applications, django_capture_on_commit_callbacks
):
    sent = new_mailing(call, staff, subject={"fr": "Envoyé"})
    with django_capture_on_commit_callbacks(execute=True):
        services.send_mailing(sent, staff)
    Message.objects.filter(recipient=applications["es"].applicant).update(
        read_at="2025-01-01T00:00Z"
    )
    new_mailing(call, staff, subject={"fr": "Brouillon"}, states=["submitted"])
    url = reverse("applications:mailings", kwargs={"slug": call.slug})

    response = staff_client.get(url)
    assert response.status_code == 200
    by_subject = {str(m.subject): m for m in response.context["mailings"]}
    assert by_subject["Envoyé"].recipients == 4
    assert by_subject["Envoyé"].emailed == 4
    assert by_subject["Envoyé"].read == 1
    assert by_subject["Brouillon"].recipients == 3
    text = page_text(response)
    assert "<caption>" in text

    # As many queries for 2 mailings as for 12.
    def queries_for_page():
        with CaptureQueriesContext(connection) as context:
            assert staff_client.get(url).status_code == 200
        return len(context)

    before = queries_for_page()
    for n in range(5):
        services.send_mailing(new_mailing(call, staff, subject={"fr": f"Envoi {n}"}), staff)
        new_mailing(call, staff, subject={"fr": f"Brouillon {n}"})
    assert queries_for_page() == before
    assert "Envoi 4" in page_text(staff_client.get(url))


# --- Subjects (see tests/messaging/test_subjects.py) ---------------------------------------


def test_staff_cannot_put_a_members_text_in_a_mailings_subject(call, staff):
    with pytest.raises(ValidationError) as refused:
        services.create_mailing(
            call,
            staff,
            subject={"fr": "Atelier pour {{ applicant_name }}"},
            body={"fr": "Bonjour {{ applicant_name }}"},
            states=["submitted"],
        )
    assert set(refused.value.message_dict) == {"subject"}
