"""The wording of a call's messages: the call's own per language, the platform's default
otherwise; placeholders filled; each person written to in their language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.accounts.support import translated
from tests.conftest import make_person
from tests.messaging.conftest import make_application
from tests.programmes import builders
from tremplin.applications.notices import SUBMITTED
from tremplin.core.history import history_of
from tremplin.messaging import services
from tremplin.messaging.models import Kind, Message, MessageTemplate

SUBMITTED_SUBJECT = "Your application {{ reference }} is submitted"

pytestmark = pytest.mark.django_db


def test_without_its_own_wording_a_call_uses_the_default_in_each_language(call):
    subject, body = services.wording(call, Kind.SUBMITTED, "fr")
    assert subject == translated("fr", SUBMITTED_SUBJECT)
    assert subject == "Votre candidature {{ reference }} est déposée"
    with translation.override("en"):
        source = str(SUBMITTED.body)  # English is the source language
    assert body == translated("fr", source)
    assert body.startswith("Bonjour {{ applicant_name }},")
    for language in ("en", "es", "ar"):
        with translation.override(language):
            expected = (str(SUBMITTED.subject), str(SUBMITTED.body))
        assert services.wording(call, Kind.SUBMITTED, language) == expected


def test_the_calls_wording_overrides_the_default_in_its_language_only(call, staff):
    services.save_template(
        call, Kind.SUBMITTED, "es", "Recibida {{ reference }}", "Hola {{ applicant_name }}", staff
    )
    assert services.wording(call, Kind.SUBMITTED, "es") == (
        "Recibida {{ reference }}",
        "Hola {{ applicant_name }}",
    )
    # The other languages, the other kinds and the other calls keep the default.
    assert services.wording(call, Kind.SUBMITTED, "fr")[0] == translated("fr", SUBMITTED_SUBJECT)
    assert services.wording(call, Kind.ELIGIBLE, "es")[0] != "Recibida {{ reference }}"
    other_call = builders.call()
    assert services.wording(other_call, Kind.SUBMITTED, "es")[0] != "Recibida {{ reference }}"


def test_saving_again_changes_the_same_wording(call, staff):
    services.save_template(call, Kind.ELIGIBLE, "fr", "Un", "Texte un", staff)
    services.save_template(call, Kind.ELIGIBLE, "fr", "Deux", "Texte deux", staff)
    assert MessageTemplate.objects.get(call=call, kind=Kind.ELIGIBLE, language="fr").subject == (
        "Deux"
    )
    assert MessageTemplate.objects.count() == 1
    actions = [entry.action for entry in history_of(call)]
    assert actions.count("message_template_saved") == 2


def test_restoring_the_default_deletes_the_calls_wording(call, staff):
    services.save_template(call, Kind.SUBMITTED, "fr", "À moi", "Mon texte", staff)
    assert services.restore_default_template(call, Kind.SUBMITTED, "fr", staff) is True
    assert services.wording(call, Kind.SUBMITTED, "fr")[0] == translated("fr", SUBMITTED_SUBJECT)
    assert services.restore_default_template(call, Kind.SUBMITTED, "fr", staff) is False
    assert "message_template_restored" in [entry.action for entry in history_of(call)]


def test_an_unknown_placeholder_is_refused(call, staff):
    with pytest.raises(ValidationError) as refused:
        services.save_template(
            call, Kind.SUBMITTED, "fr", "Sujet {{ referense }}", "Bonjour {{ prenom }}", staff
        )
    assert set(refused.value.message_dict) == {"subject", "body"}
    assert "referense" in refused.value.message_dict["subject"][0]
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "{{ Reference }}",
        "{{ project name }}",
        "{{reference}",
        "reference }}",
        "{{ reference }}{{ x }}",
    ],
)
def test_a_malformed_or_unknown_placeholder_is_refused(call, staff, text):
    with pytest.raises(ValidationError):
        services.save_template(call, Kind.SUBMITTED, "fr", "Sujet", f"Texte {text}", staff)


def test_a_mailing_kind_or_another_language_cannot_be_worded(call, staff):
    with pytest.raises(ValidationError):
        services.save_template(call, Kind.MAILING, "fr", "Sujet", "Texte", staff)
    with pytest.raises(ValidationError):
        services.save_template(call, Kind.SUBMITTED, "de", "Betreff", "Text", staff)


@pytest.mark.parametrize("role", ["applicant", "committee", "mentor", "partner", "referent"])
def test_only_staff_word_a_calls_messages(call, role):
    person = make_person(roles=[role])
    with pytest.raises(PermissionDenied):
        services.save_template(call, Kind.SUBMITTED, "fr", "Sujet", "Texte", person)
    with pytest.raises(PermissionDenied):
        services.restore_default_template(call, Kind.SUBMITTED, "fr", person)


def test_placeholders_are_filled(call, staff, django_capture_on_commit_callbacks, mailoutbox):
    services.save_template(
        call,
        Kind.ELIGIBLE,
        "fr",
        "{{ reference }} : {{ call_title }}",
        "Bonjour {{ applicant_name }}, {{reason}} {{ platform_name }} « {{ project_name }} »",
        staff,
    )
    person = make_person(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        message = services.compose(
            person,
            person.email,
            Kind.ELIGIBLE,
            call=call,
            values={
                "reference": "001-00042",
                "call_title": "Minutis",
                "project_name": "Jardins",
                "applicant_name": "Camille",
                "reason": "Bravo.",
            },
        )
    assert message.subject == "001-00042 : Minutis"
    assert message.body == "Bonjour Camille, Bravo. Tremplin « Jardins »"
    assert [mail.subject for mail in mailoutbox] == ["001-00042 : Minutis"]
    assert mailoutbox[0].to == [person.email]


def test_a_message_to_a_spanish_speaking_person_is_in_spanish(
    call, django_capture_on_commit_callbacks, mailoutbox
):
    application = make_application(call, language="es", name="Lucía García")
    with django_capture_on_commit_callbacks(execute=True):
        message = services.compose(
            application.applicant,
            application.applicant.email,
            Kind.SUBMITTED,
            call=call,
            values={"reference": application.reference, "applicant_name": "Lucía García"},
            application=application,
        )
    assert message.language == "es"
    with translation.override("es"):
        expected = str(SUBMITTED.subject)
    assert message.subject == expected.replace("{{ reference }}", application.reference)
    assert message.subject == translated("es", SUBMITTED_SUBJECT).replace(
        "{{ reference }}", application.reference
    )
    assert "Lucía García" in message.body
    assert "{{" not in message.subject
    # The e-mail is the recorded message.
    assert [(mail.subject, mail.body) for mail in mailoutbox] == [(message.subject, message.body)]


def test_a_french_speaking_person_gets_the_french_default(call, django_capture_on_commit_callbacks):
    application = make_application(call, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        message = services.compose(
            application.applicant,
            application.applicant.email,
            Kind.SUBMITTED,
            call=call,
            values={"reference": application.reference},
        )
    assert message.language == "fr"
    assert message.subject == f"Votre candidature {application.reference} est déposée"


def test_the_calls_spanish_wording_reaches_a_spanish_speaking_person(call, staff):
    services.save_template(
        call, Kind.SUBMITTED, "es", "Recibida {{ reference }}", "Hola {{ applicant_name }}", staff
    )
    spanish = make_application(call, language="es", name="Lucía")
    french = make_application(call, language="fr", name="Camille")
    for application in (spanish, french):
        services.compose(
            application.applicant,
            application.applicant.email,
            Kind.SUBMITTED,
            call=call,
            values={
                "reference": application.reference,
                "applicant_name": application.applicant_name,
            },
        )
    by_person = {m.recipient_id: m for m in Message.objects.all()}
    assert by_person[spanish.applicant_id].subject == f"Recibida {spanish.reference}"
    assert by_person[spanish.applicant_id].body == "Hola Lucía"
    assert by_person[french.applicant_id].subject == (
        f"Votre candidature {french.reference} est déposée"
    )
