"""The subject of every e-mail comes from the platform's or the staff's own wording: what
applicants and other members write (their name, their project's name, a reason) never appears
in a subject, so that nobody can make the platform send a subject of their choosing. And a
subject is always one line: a value with a line break (already in the database, whatever
stored it) can never stop a message (Django refuses a header with a line break)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.conftest import make_person
from tests.messaging.conftest import make_application
from tremplin.core.translated import language_codes
from tremplin.messaging import placeholders, queries, registry, services
from tremplin.messaging.models import Kind, Message, MessageTemplate
from tremplin.messaging.tasks import email_message

pytestmark = pytest.mark.django_db

HOSTILE = "URGENT - your Red Cross account is locked\nBcc: victim@example.org"


def test_placeholders_allowed_in_a_subject_are_only_the_platforms_and_the_staffs():
    assert set(placeholders.AVAILABLE) >= placeholders.SUBJECT
    for written_by_applicants in ("applicant_name", "project_name", "reason", "answers"):
        assert written_by_applicants not in placeholders.SUBJECT


@pytest.mark.parametrize("notice", registry.registered(), ids=lambda notice: notice.kind)
def test_no_default_subject_carries_text_written_by_a_member(notice):
    if notice.scope == registry.CALL:
        assert notice.in_subject == placeholders.SUBJECT
    for language in language_codes():
        subject, _body = notice.default_wording(language)
        used = set(placeholders.PLACEHOLDER.findall(subject))
        assert used <= notice.in_subject, (notice.kind, language, subject)


def test_staff_cannot_put_a_members_text_in_a_calls_subject(call, staff):
    with pytest.raises(ValidationError) as refused:
        services.save_template(
            call,
            Kind.ELIGIBLE,
            "fr",
            "{{ reference }} : {{ project_name }}",
            "Bonjour {{ applicant_name }}, « {{ project_name }} » est éligible.",
            staff,
        )
    assert set(refused.value.message_dict) == {"subject"}
    assert not MessageTemplate.objects.exists()
    # In the text, the same placeholders are welcome.
    services.save_template(
        call, Kind.ELIGIBLE, "fr", "{{ reference }}", "« {{ project_name }} »", staff
    )


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


def test_a_subject_saved_before_the_rule_still_never_carries_a_members_text(
    call, django_capture_on_commit_callbacks, mailoutbox
):
    # Written in the database directly, as an older version of the platform allowed it.
    MessageTemplate.objects.create(
        call=call,
        kind=Kind.ELIGIBLE,
        language="en",
        subject="{{ project_name }} ({{ applicant_name }}) {{ reason }} {{ reference }}",
        body="{{ project_name }}",
    )
    application = make_application(call, language="en", name="Evil", title=HOSTILE)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.compose(
            application.applicant,
            application.applicant.email,
            Kind.ELIGIBLE,
            call=call,
            values={
                "reference": application.reference,
                "project_name": application.title,
                "applicant_name": "Red Cross Security",
                "reason": "Click here",
            },
        )
    for text in ("URGENT", "Red Cross", "Click"):
        assert text not in message.subject
    assert application.reference in message.subject
    assert [mail.subject for mail in mailoutbox] == [message.subject]
    assert "URGENT" in mailoutbox[0].body


def test_a_preview_shows_the_subject_as_it_will_be_sent(call):
    subject, body = queries.preview(
        "{{ project_name }} {{ reference }}", "{{ project_name }}", "en"
    )
    with translation.override("en"):
        project_name = str(placeholders.sample_values()["project_name"])
    reference = placeholders.sample_values()["reference"]
    assert project_name not in subject
    assert reference in subject
    assert project_name in body


# --- One line ---------------------------------------------------------------------------------


def test_a_call_title_with_a_line_break_in_the_database_gives_a_one_line_subject(
    call, staff, django_capture_on_commit_callbacks, mailoutbox
):
    services.save_template(
        call, Kind.ELIGIBLE, "en", "{{ call_title }}: {{ reference }}", "Text", staff
    )
    call.title = {"en": "Entrepreneurs\r\nseason 4"}
    call.save()
    application = make_application(call, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        message = services.compose(
            application.applicant,
            application.applicant.email,
            Kind.ELIGIBLE,
            call=call,
            values={"reference": application.reference, "call_title": str(call.title)},
        )
    assert message.subject == f"Entrepreneurs season 4: {application.reference}"
    assert [mail.subject for mail in mailoutbox] == [message.subject]


def test_a_subject_worded_by_the_code_is_one_line(django_capture_on_commit_callbacks, mailoutbox):
    person = make_person(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        [message] = services.send(
            registry.get("experiment_proposed"),
            person,
            values={"site": "Shared\ngardens\u2028", "project": "P", "link": "L"},
        )
    assert message.subject == "A project is proposed to Shared gardens"
    assert message.body.startswith(
        "The accelerator's team proposes that Shared\ngardens\u2028 host"
    )
    assert [mail.subject for mail in mailoutbox] == ["A project is proposed to Shared gardens"]


def test_a_message_recorded_with_a_line_break_in_its_subject_is_still_emailed(mailoutbox):
    """A message recorded by an older version of the platform, waiting to be sent again."""
    person = make_person()
    message = Message.objects.create(
        recipient=person,
        email=person.email,
        kind=Kind.SELECTED,
        language="fr",
        subject="Votre projet Jardins\npartagés est retenu",
        body="Texte",
    )
    assert email_message.call(message.pk) is True
    assert [mail.subject for mail in mailoutbox] == ["Votre projet Jardins partagés est retenu"]
