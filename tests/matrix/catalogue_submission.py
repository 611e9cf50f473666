"""Submission pages of the catalogue. Everyone signed in may open the sharing page and their
own list. A version not yet published (a draft here) is its owner's: the person holding the
applicant role owns it; the moderators (and admins, who moderate) see it, with its pictures
and files, but may not work on it (403); everyone else signed in gets 404, so that nobody
learns that it exists. Proposing an update is for the owner of a published record (everyone
sees the record: 403 for the others); the one click from an application is for the team of a
selected application, told about it (staff see the application: 403; the others 404)."""

from .base import (
    ADMIN_ACCESS,
    ANONYMOUS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    by_name,
    on_object,
    signed_in,
)

OWNER = "applicant"
MODERATORS = {"moderator", "admin"}


def owner_only(owner_outcome=OK):
    """The pages of the owner's draft: moderators see the draft but may not work on it."""
    return on_object({OWNER}, {OWNER} | MODERATORS, owner_outcome)


def published_owner_only(role):
    """Everyone sees a published record; its owner alone proposes an update."""
    if role == ANONYMOUS:
        return LOGIN
    return OK if role == OWNER else DENIED


# The application's readers: its team and staff.
application_team = on_object({OWNER}, {OWNER} | ADMIN_ACCESS)


def file_of_a_draft(role):
    return OK if role == OWNER or role in MODERATORS else NOT_FOUND


def _o(o):
    return o["catalogue_submission"]


def _draft(o):
    return _o(o)["draft"].pk


CASES = [
    Case("catalogue:share", by_name("catalogue:share"), signed_in),
    Case("catalogue:my_innovations", by_name("catalogue:my_innovations"), signed_in),
    Case(
        "catalogue:draft_section",
        by_name("catalogue:draft_section", pk=_draft, section=lambda o: "about"),
        owner_only(),
    ),
    Case(
        "catalogue:draft_translation",
        by_name("catalogue:draft_translation", pk=_draft, language=lambda o: "en"),
        owner_only(),
    ),
    Case("catalogue:draft_check", by_name("catalogue:draft_check", pk=_draft), owner_only()),
    # Incomplete: the owner is sent back to the check page with what is missing.
    Case(
        "catalogue:draft_submit",
        by_name("catalogue:draft_submit", pk=_draft),
        owner_only(REDIRECT),
        method="post",
    ),
    # Not submitted yet: the owner is sent to the check page.
    Case(
        "catalogue:draft_submitted",
        by_name("catalogue:draft_submitted", pk=_draft),
        owner_only(REDIRECT),
    ),
    Case("catalogue:draft_withdraw", by_name("catalogue:draft_withdraw", pk=_draft), owner_only()),
    Case(
        "catalogue:propose_update",
        by_name("catalogue:propose_update", pk=lambda o: _o(o)["published"].pk),
        published_owner_only,
    ),
    Case(
        "catalogue:from_application",
        by_name("catalogue:from_application", pk=lambda o: _o(o)["application"].pk),
        application_team,
    ),
    Case(
        "catalogue:version_image",
        by_name("catalogue:version_image", pk=lambda o: _o(o)["image"].pk),
        file_of_a_draft,
    ),
    Case(
        "catalogue:resource_file",
        by_name("catalogue:resource_file", pk=lambda o: _o(o)["resource"].pk),
        file_of_a_draft,
    ),
]


def extend_objects(objects, people):
    """A draft of the applicant's with a picture and a file, a published record of theirs, and
    an application of theirs selected (and told) on a call of its own."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.catalogue.factories import make_innovation
    from tests.catalogue.submission.helpers import picture
    from tremplin.applications.models import Application, State
    from tremplin.catalogue.services import submission as services
    from tremplin.messaging.models import Message
    from tremplin.programmes.models import Call, Programme

    owner = people[OWNER]
    draft = services.start_draft(owner, "fr")
    image = services.add_image(draft, owner, picture())
    resource = services.add_resource(
        draft,
        owner,
        title="Guide",
        uploaded=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
    )
    published = make_innovation(owner, title="Minutis publié")
    base = objects["call"]
    programme = Programme.objects.create(
        slug="catalogue-submission", name={"fr": "Programme"}, audience=base.programme.audience
    )
    call = Call.objects.create(
        programme=programme,
        season=base.season,
        slug="catalogue-submission-call",
        title={"fr": "Appel"},
        opens_at=base.opens_at,
        closes_at=base.closes_at,
    )
    application = Application.objects.create(
        call=call, applicant=owner, title="Jardins", state=State.SELECTED
    )
    Message.objects.create(
        recipient=owner,
        email=owner.email,
        application=application,
        kind="selected",
        language="fr",
        subject="Sélectionné",
        body="Bravo",
    )
    objects["catalogue_submission"] = {
        "draft": draft,
        "image": image,
        "resource": resource,
        "published": published,
        "application": application,
    }
