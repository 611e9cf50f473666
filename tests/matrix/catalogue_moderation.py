"""Catalogue moderation pages. The applicant's person owns a published innovation with a newer
version awaiting central moderation; the partner's person validates for its national society.
Moderators (and administrators) moderate; the owner and the society's validator see the
versions; nobody else does. The versions pages are those of a record never published (its
first version awaits moderation): everyone else signed in gets 404 there, as if it did not
exist (the versions of a published record are refused with 403: tests/catalogue/moderation).
Reporting a problem is open to everyone. The other moderation pages are refused (403) before
anything is looked up."""

from .base import (
    ADMIN_ACCESS,
    ANONYMOUS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    by_name,
    public,
    signed_in,
    signed_in_redirect,
)

MODERATORS = {"moderator", "admin"}
OWNER = "applicant"
VALIDATOR = "partner"


def only(allowed, others=DENIED):
    return lambda role: LOGIN if role == ANONYMOUS else (OK if role in allowed else others)


def _o(o):
    return o["catalogue_moderation"]


def _slug(o):
    return _o(o)["innovation"].slug


def _unpublished(o):
    return _o(o)["unpublished"].slug


def _update(o):
    return _o(o)["update"].pk


def _review_outcome(role):
    if role == ANONYMOUS:
        return LOGIN
    if role in MODERATORS or role == VALIDATOR:
        return OK
    return DENIED if role == OWNER else NOT_FOUND


CASES = [
    Case("catalogue:moderation_queue", by_name("catalogue:moderation_queue"), only(MODERATORS)),
    Case("catalogue:society_queue", by_name("catalogue:society_queue"), only({VALIDATOR})),
    Case(
        "catalogue:moderation_review",
        by_name("catalogue:moderation_review", pk=_update),
        _review_outcome,
    ),
    Case(
        "catalogue:moderation_translate",
        by_name("catalogue:moderation_translate", pk=_update),
        only(MODERATORS),
    ),
    Case("catalogue:reports", by_name("catalogue:reports"), only(MODERATORS)),
    Case(
        "catalogue:report_handle",
        by_name("catalogue:report_handle", pk=lambda o: _o(o)["report"].pk),
        only(MODERATORS),
    ),
    Case(
        "catalogue:society_policies",
        by_name("catalogue:society_policies"),
        only(MODERATORS | ADMIN_ACCESS),
    ),
    Case(
        "catalogue:society_policy",
        by_name("catalogue:society_policy", pk=lambda o: _o(o)["society"].pk),
        only(MODERATORS | ADMIN_ACCESS),
    ),
    Case(
        "catalogue:follow",
        by_name("catalogue:follow"),
        signed_in_redirect,
        method="post",
        data=lambda o: {"kind": "country", "value": "FR"},
    ),
    Case(
        "catalogue:unfollow",
        by_name("catalogue:unfollow"),
        signed_in_redirect,
        method="post",
        data=lambda o: {"kind": "country", "value": "FR"},
    ),
    Case("catalogue:my_follows", by_name("catalogue:my_follows"), signed_in),
    Case(
        "catalogue:versions",
        by_name("catalogue:versions", slug=_unpublished),
        only(MODERATORS | {OWNER, VALIDATOR}, NOT_FOUND),
    ),
    Case(
        "catalogue:compare_versions",
        by_name("catalogue:compare_versions", slug=_unpublished),
        only(MODERATORS | {OWNER, VALIDATOR}, NOT_FOUND),
    ),
    Case("catalogue:report", by_name("catalogue:report", slug=_slug), public),
    Case("catalogue:take_down", by_name("catalogue:take_down", slug=_slug), only(MODERATORS)),
]


def extend_objects(objects, people):
    from tests.catalogue.factories import make_innovation
    from tests.catalogue.moderation import builders
    from tremplin.catalogue.models import AbuseReport

    society = builders.society("Cruz Roja Española", "ES", validators=[people[VALIDATOR]])
    innovation = make_innovation(
        people[OWNER], title={"es": "Vecinos"}, original_language="es", national_society=society
    )
    update = builders.new_version(innovation, title={"es": "Vecinos solidarios"})
    unpublished = builders.submitted(
        people[OWNER], title={"es": "Borrador secreto"}, original_language="es",
        national_society=society,
    ).innovation  # fmt: skip
    report = AbuseReport.objects.create(innovation=innovation, reason="Datos personales")
    objects["catalogue_moderation"] = {
        "society": society,
        "innovation": innovation,
        "update": update,
        "unpublished": unpublished,
        "report": report,
    }
