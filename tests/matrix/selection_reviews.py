"""Reviewing pages of the selection committee. The person holding the committee role sits on
a call's committee as a reviewer with one assignment: only they open its review (everyone else
signed in gets 404, so that nobody learns about an application they may not see) and their
dashboard of the call (403 for the others: the call's page is public, the refusal tells
nothing). The review form of a call is for staff."""

from .base import (
    ANONYMOUS,
    DENIED,
    LOGIN,
    NOT_FOUND,
    OK,
    Case,
    by_name,
    signed_in,
    staff_only,
    staff_redirect,
)

REVIEWER = "committee"


def reviewer_only(others):
    return lambda role: LOGIN if role == ANONYMOUS else (OK if role == REVIEWER else others)


def _objects(o):
    return o["selection_reviews"]


def _slug(o):
    return _objects(o)["call"].slug


def _assignment(o):
    return _objects(o)["assignment"].pk


def _criterion(o):
    return _objects(o)["criterion"].pk


CASES = [
    Case("selection:my_calls", by_name("selection:my_calls"), signed_in),
    Case(
        "selection:my_reviews",
        by_name("selection:my_reviews", slug=_slug),
        reviewer_only(DENIED),
    ),
    Case(
        "selection:review",
        by_name("selection:review", assignment_pk=_assignment),
        reviewer_only(NOT_FOUND),
    ),
    Case(
        "selection:review_attachment",
        by_name(
            "selection:review_attachment",
            assignment_pk=_assignment,
            attachment_pk=lambda o: _objects(o)["attachment"].pk,
        ),
        reviewer_only(NOT_FOUND),
    ),
    Case("selection:review_form", by_name("selection:review_form", slug=_slug), staff_only),
    Case(
        "selection:review_criterion_edit",
        by_name("selection:review_criterion_edit", slug=_slug, criterion_pk=_criterion),
        staff_only,
    ),
    # The confirmation page (the criterion is not scored, so it may be deleted).
    Case(
        "selection:review_criterion_delete",
        by_name("selection:review_criterion_delete", slug=_slug, criterion_pk=_criterion),
        staff_only,
    ),
    Case(
        "selection:review_criterion_move",
        by_name("selection:review_criterion_move", slug=_slug, criterion_pk=_criterion),
        staff_redirect,
        method="post",
        data=lambda o: {"direction": "down"},
    ),
]


def extend_objects(objects, people):
    """A closed call of its own, with the default review criteria, an eligible application (by
    an applicant of its own) with a file, and the committee role's person as a reviewer
    assigned to it."""
    from tests.selection.reviews import builders

    call = builders.review_call()
    application = builders.application(call)
    member = builders.member(call, people[REVIEWER])
    objects["selection_reviews"] = {
        "call": call,
        "application": application,
        "attachment": application.attachments.get(),
        "assignment": builders.assign(member, application),
        "criterion": builders.criteria(call)[0],
    }
