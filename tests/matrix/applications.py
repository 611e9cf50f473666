"""The applicant's pages. The application belongs to the person holding the applicant role;
staff may read it (not edit it, not act for the applicant: 403); anyone else gets 404, so that
nobody learns that someone else's application exists."""

from django.core.files.uploadedfile import SimpleUploadedFile

from .base import ANONYMOUS, LOGIN, NOT_FOUND, OK, REDIRECT, Case, by_name, on_object, signed_in

OWNER = "applicant"
READERS = {OWNER, "staff", "admin"}


def team(outcome=OK):
    """Only the applicant's team; staff, who read the application, are refused; anonymous
    visitors sign in."""
    return on_object({OWNER}, READERS, outcome)


def readers(outcome=OK):
    return lambda role: LOGIN if role == ANONYMOUS else (outcome if role in READERS else NOT_FOUND)


def pk(o):
    return o["application"].pk


CASES = [
    Case("applications:mine", by_name("applications:mine"), signed_in),
    # The applicant already has an application to this call: they are taken to it.
    Case(
        "applications:start",
        by_name("applications:start", slug=lambda o: o["call"].slug),
        lambda role: REDIRECT if role == OWNER else signed_in(role),
    ),
    Case(
        "applications:join",
        by_name("applications:join", token=lambda o: o["invitation"].token),
        signed_in,
    ),
    Case("applications:detail", by_name("applications:detail", pk=pk), readers()),
    Case("applications:step", by_name("applications:step", pk=pk, number=lambda o: 1), team()),
    Case("applications:summary", by_name("applications:summary", pk=pk), readers()),
    Case(
        "applications:submit", by_name("applications:submit", pk=pk), team(REDIRECT), method="post"
    ),
    # A draft has no confirmation page yet: its readers are sent to the summary.
    Case("applications:submitted", by_name("applications:submitted", pk=pk), readers(REDIRECT)),
    Case("applications:withdraw", by_name("applications:withdraw", pk=pk), team()),
    Case("applications:team", by_name("applications:team", pk=pk), readers()),
    Case(
        "applications:remove_member",
        by_name("applications:remove_member", pk=pk, member_pk=lambda o: o["invitation"].pk),
        team(REDIRECT),
        method="post",
    ),
    Case(
        "applications:answer_information",
        by_name("applications:answer_information", pk=pk, request_pk=lambda o: o["info"].pk),
        team(REDIRECT),
        method="post",
        data=lambda o: {"response": "Here it is."},
    ),
    Case(
        "applications:attachment",
        by_name("applications:attachment", pk=pk, attachment_pk=lambda o: o["attachment"].pk),
        readers(),
    ),
    Case(
        "applications:delete_attachment",
        by_name(
            "applications:delete_attachment", pk=pk, attachment_pk=lambda o: o["attachment"].pk
        ),
        team(REDIRECT),
        method="post",
    ),
]


def extend_objects(objects, people):
    """A draft of the applicant's, with a file, an invitation and a request for information.
    Each case runs on the same objects: the cases above leave them usable (the draft stays a
    draft; a removed invitation or file is looked up again and gives 404 only to non-members,
    which is what is expected of them anyway)."""
    from tremplin.applications import services
    from tremplin.applications.models import InformationRequest
    from tremplin.demo.forms import build_form

    call = objects["call"]
    build_form(call)
    application = services.start(call, people[OWNER])
    question = call.questions.get(key="pitch_deck")
    pdf = SimpleUploadedFile("deck.pdf", b"%PDF-1.4\n%%EOF\n")
    objects["application"] = application
    objects["attachment"] = services.upload(application, people[OWNER], question, pdf)
    objects["invitation"] = services.invite(application, people[OWNER], "friend@example.org")
    objects["info"] = InformationRequest.objects.create(application=application, message="Budget?")
