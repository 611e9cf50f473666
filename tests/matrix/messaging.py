"""The inbox and the staff pages for the wording of a call's messages and its mailings. A
message is seen by its recipient only (404 for the others); the staff pages of a call are
refused (403) to the others before the mailing is looked up, and the call's page is public."""

from .base import (
    ANONYMOUS,
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    by_name,
    signed_in,
    staff_only,
    staff_redirect,
)

MESSAGE_OWNER = "applicant"


def extend_objects(objects, people):
    from tests.conftest import make_person
    from tremplin.applications.models import Application, State
    from tremplin.messaging.models import Kind, Mailing, Message

    call = objects["call"]
    # Someone else's submitted application, for the mailing to have a recipient; the
    # applications module gives the applicant a draft of this call already.
    other = make_person("mailing-recipient@example.org")
    Application.objects.create(
        call=call, applicant=other, title="Jardins partagés", state=State.SUBMITTED
    )
    owner = people[MESSAGE_OWNER]
    objects["own_message"] = Message.objects.create(
        recipient=owner,
        email=owner.email,
        kind=Kind.SUBMITTED,
        language="fr",
        subject="Votre candidature est déposée",
        body="Bonjour",
    )
    objects["mailing_to_send"] = Mailing.objects.create(
        call=call,
        subject={"fr": "Information"},
        body={"fr": "Bonjour {{ applicant_name }}"},
        states=[State.SUBMITTED],
    )
    objects["mailing_to_discard"] = Mailing.objects.create(
        call=call, subject={"fr": "Brouillon"}, body={"fr": "Texte"}, states=[State.SUBMITTED]
    )


def only_its_recipient(role):
    if role == ANONYMOUS:
        return LOGIN
    return OK if role == MESSAGE_OWNER else NOT_FOUND


def call_slug(o):
    return o["call"].slug


CASES = [
    Case("messaging:inbox", by_name("messaging:inbox"), signed_in),
    Case(
        "messaging:message",
        by_name("messaging:message", pk=lambda o: o["own_message"].pk),
        only_its_recipient,
    ),
    Case("messaging:wordings", by_name("messaging:wordings", slug=call_slug), staff_only),
    Case(
        "messaging:edit_wording",
        by_name(
            "messaging:edit_wording",
            slug=call_slug,
            kind=lambda o: "submitted",
            language=lambda o: "es",
        ),
        staff_only,
    ),
    Case(
        "messaging:restore_wording",
        by_name(
            "messaging:restore_wording",
            slug=call_slug,
            kind=lambda o: "submitted",
            language=lambda o: "es",
        ),
        staff_redirect,
        method="post",
    ),
    Case("messaging:notices", by_name("messaging:notices"), staff_only),
    Case(
        "messaging:edit_notice",
        by_name(
            "messaging:edit_notice", kind=lambda o: "innovation_published", language=lambda o: "es"
        ),
        staff_only,
    ),
    Case(
        "messaging:restore_notice",
        by_name(
            "messaging:restore_notice",
            kind=lambda o: "innovation_published",
            language=lambda o: "es",
        ),
        staff_redirect,
        method="post",
    ),
    Case("messaging:mailings", by_name("messaging:mailings", slug=call_slug), staff_only),
    Case("messaging:new_mailing", by_name("messaging:new_mailing", slug=call_slug), staff_only),
    Case(
        "messaging:mailing",
        by_name("messaging:mailing", slug=call_slug, pk=lambda o: o["mailing_to_send"].pk),
        staff_only,
    ),
    Case(
        "messaging:edit_mailing",
        by_name("messaging:edit_mailing", slug=call_slug, pk=lambda o: o["mailing_to_send"].pk),
        staff_only,
    ),
    Case(
        "messaging:send_mailing",
        by_name("messaging:send_mailing", slug=call_slug, pk=lambda o: o["mailing_to_send"].pk),
        staff_redirect,
        method="post",
    ),
    Case(
        "messaging:discard_mailing",
        by_name(
            "messaging:discard_mailing", slug=call_slug, pk=lambda o: o["mailing_to_discard"].pk
        ),
        staff_redirect,
        method="post",
    ),
]
