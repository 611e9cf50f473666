"""Reads of reviewing: a member's committees and assignments, the application as a reviewer sees
it (blind or not), the review form, and the other reviews a member may read. Every read here
makes a bounded number of queries whatever the number of assignments or reviews."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from tremplin.accounts.models import Affiliation, Organisation
from tremplin.applications.models import Attachment
from tremplin.applications.models import State as ApplicationState
from tremplin.applications.queries.answers import frozen_answers
from tremplin.programmes.models import Question

from .. import membership, scoring, visibility
from ..models import (
    Assignment,
    CommitteeMember,
    Review,
    ReviewCriterion,
    ReviewScore,
    SelectionSettings,
)

# --- A member's committees and assignments -----------------------------------------------------


@dataclass
class Progress:
    assigned: int = 0  # not started
    in_progress: int = 0
    done: int = 0

    @property
    def total(self) -> int:
        return self.assigned + self.in_progress + self.done


@dataclass
class Seat:
    member: CommitteeMember
    settings: SelectionSettings | None
    progress: Progress

    @property
    def call(self):
        return self.member.call


def seats_of(person) -> list[Seat]:
    """The committees `person` sits on, the newest call first, with the progress of their
    reviews. Applications they are in conflict with are not counted. Queries: 2, plus one or
    two per committee for its conflicts (a person sits on a handful), none per assignment."""
    members = list(
        CommitteeMember.objects.filter(person=person)
        .select_related("call__programme", "call__season", "call__selection_settings")
        .order_by("-call__closes_at", "call__pk")
    )
    rows = (
        Assignment.objects.filter(member__in=members)
        .exclude(application__state=ApplicationState.WITHDRAWN)
        .values_list("member_id", "application_id", "review__state")
    )
    conflicted = {member.pk: membership.conflicted_application_ids(member) for member in members}
    progress = {member.pk: Progress() for member in members}
    for member_id, application_id, state in rows:
        if application_id in conflicted[member_id]:
            continue
        counts = progress[member_id]
        if state is None:
            counts.assigned += 1
        elif state == Review.State.SUBMITTED:
            counts.done += 1
        else:
            counts.in_progress += 1
    seats = []
    for member in members:
        settings = getattr(member.call, "selection_settings", None)
        seats.append(Seat(member, settings, progress[member.pk]))
    return seats


@dataclass
class Dashboard:
    """A member's assignments on one call, by state of their review."""

    assigned: list[Assignment] = field(default_factory=list)
    in_progress: list[Assignment] = field(default_factory=list)
    done: list[Assignment] = field(default_factory=list)
    scale: tuple[int, int] = (0, 5)

    @property
    def total(self) -> int:
        return len(self.assigned) + len(self.in_progress) + len(self.done)


def dashboard(member: CommitteeMember) -> Dashboard:
    """The member's assignments, never those of an application they are in conflict with nor
    of a withdrawn one. Queries: the conflicts (one or two), the assignments with their
    application and review (one), the criteria (one)."""
    conflicted = membership.conflicted_application_ids(member)
    assignments = (
        member.assignments.exclude(application__state=ApplicationState.WITHDRAWN)
        .select_related("application__region", "review")
        .only(
            "id",
            "member_id",
            "application__id",
            "application__call_id",
            "application__title",
            "application__organisation_name",
            "application__state",
            "application__region__name",
            "application__region__code",
            "application__region__kind",
            "review__id",
            "review__state",
            "review__score",
            "review__updated_at",
            "review__submitted_at",
            "review__version",
        )
        .order_by("application__title", "application__pk")
    )
    result = Dashboard(scale=scoring.form_scale(criteria_of(member.call_id)))
    for assignment in assignments:
        if assignment.application_id in conflicted:
            continue
        review = getattr(assignment, "review", None)
        if review is None:
            result.assigned.append(assignment)
        elif review.state == Review.State.SUBMITTED:
            result.done.append(assignment)
        else:
            result.in_progress.append(assignment)
    return result


# --- One review ---------------------------------------------------------------------------------


def assignment_for_review(pk: int) -> Assignment | None:
    """The assignment with what the review page reads of it, in one query."""
    return (
        Assignment.objects.select_related(
            "member__call__programme",
            "member__call__season",
            "member__call__selection_settings",
            "application__call",
            "application__applicant",
            "application__region",
            "review",
        )
        .filter(pk=pk)
        .first()
    )


def criteria_of(call_id: int) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.filter(call_id=call_id).order_by("position", "id"))


def scores_of(review: Review | None) -> dict[int, int]:
    if review is None:
        return {}
    return dict(review.scores.values_list("criterion_id", "value"))


def scored_criterion_ids(call) -> set[int]:
    return set(
        ReviewScore.objects.filter(criterion__call=call)
        .values_list("criterion_id", flat=True)
        .distinct()
    )


# --- The application as a reviewer reads it -----------------------------------------------------

# Answers that say who the applicant is: hidden whole under blind review.
IDENTITY_KEYS = {"organisation_name"}
IDENTITY_KINDS = {Question.Kind.EMAIL, Question.Kind.URL}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
WEB_ADDRESS = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
# Shorter names would hide ordinary words.
MIN_REDACTED_LENGTH = 3


def identity_strings(application) -> list[str]:
    """What names the applicant and their organisation: recorded names, e-mail addresses, the
    organisations the applicant declared (verified or not: hiding more is safe), the names of
    the accepted co-applicants (two queries)."""
    names = {application.applicant_name, application.organisation_name}
    applicant = application.applicant
    if applicant is not None:
        names |= {applicant.full_name, applicant.email}
        names |= set(
            Organisation.objects.filter(
                affiliations__person=applicant, affiliations__state__in=Affiliation.LIVE_STATES
            ).values_list("name", flat=True)
        )
    for email, full_name in application.co_applicants.values_list("email", "person__full_name"):
        names |= {email, full_name}
    return sorted(
        (name.strip() for name in names if name and len(name.strip()) >= MIN_REDACTED_LENGTH),
        key=len,
        reverse=True,
    )


def redact(text: str, names: list[str], hidden: str) -> str:
    """`text` with e-mail addresses, web addresses and the given names replaced by `hidden`."""
    if not text:
        return text
    text = EMAIL.sub(hidden, text)
    text = WEB_ADDRESS.sub(hidden, text)
    for name in names:
        text = re.sub(re.escape(name), hidden, text, flags=re.IGNORECASE)
    return text


@dataclass
class FileShown:
    name: str
    attachment_id: int | None


@dataclass
class AnswerShown:
    question: Question
    text: str
    files: list[FileShown]
    hidden: bool = False  # blind review: the answer says who the applicant is


def application_as_submitted(application, blind: bool) -> list[dict]:
    """The answers as submitted, by step, each file with the attachment it can be downloaded
    from. Under blind review, answers that identify the applicant are hidden, names, e-mail and
    web addresses found in the other answers are replaced, and files get neutral names.
    Queries: 2 for the form, 1 for the files, 2 for the names under blind review."""
    groups = frozen_answers(application)
    attachments: dict[tuple[int, str], int] = {}
    for attachment_id, question_id, name in Attachment.objects.filter(
        application=application
    ).values_list("pk", "question_id", "original_name"):
        attachments.setdefault((question_id, name), attachment_id)
    hidden = _("[hidden]")
    names = identity_strings(application) if blind else []
    number = 0
    shown = []
    for group in groups:
        items = []
        for item in group["items"]:
            question = item["question"]
            files = []
            for name in item["files"]:
                number += 1
                attachment_id = attachments.get((question.pk, name))
                if blind:
                    name = blind_file_name(number, name)
                files.append(FileShown(name, attachment_id))
            text = item["text"]
            is_hidden = False
            if blind:
                if question.key in IDENTITY_KEYS or question.kind in IDENTITY_KINDS:
                    is_hidden = bool(text)
                    text = ""
                elif question.key != "project_name":
                    text = redact(text, names, hidden)
            items.append(AnswerShown(question, text, files, is_hidden))
        shown.append({"step": group["step"], "items": items})
    return shown


def blind_file_name(number: int, original: str) -> str:
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    base = _("Document %(number)s") % {"number": number}
    return f"{base}.{extension}" if extension and extension.isalnum() else base


def file_number(application, attachment: Attachment) -> int:
    """The number of a file among the application's submitted files, as the review page
    counts them (for its neutral name under blind review)."""
    number = 0
    for group in frozen_answers(application):
        for item in group["items"]:
            for name in item["files"]:
                number += 1
                if (
                    item["question"].pk == attachment.question_id
                    and name == attachment.original_name
                ):
                    return number
    return 0


# --- The other reviews --------------------------------------------------------------------------


@dataclass
class OtherReviews:
    visible: bool
    reviews: list[Review]
    reason: str = ""  # why they are not shown
    mean: float | None = None  # of every counted review, when only the scores may be seen
    count: int = 0


def other_reviews(assignment, viewer, criteria) -> OtherReviews:
    """The counted reviews of the same application by other members, as visibility.py lets the
    viewer read them (chairs and staff always; members as the call's settings say). Nobody
    reaches this for an application they are in conflict with (the review page answers 404)."""
    call = assignment.member.call
    application_id = assignment.application_id
    sight = visibility.sight(viewer, call)
    if not sight.reviews(application_id):
        hidden = OtherReviews(False, [], sight.reason(application_id))
        if sight.scores(application_id):
            figures = (
                visibility.counted_reviews()
                .filter(assignment__application_id=application_id)
                .aggregate(mean=Avg("score"), count=Count("pk"))
            )
            hidden.mean, hidden.count = figures["mean"], figures["count"]
        return hidden
    reviews = list(
        visibility.readable_reviews(sight, [application_id])
        .exclude(assignment_id=assignment.pk)
        .select_related("assignment__member")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    for review in reviews:
        values = {score.criterion_id: score.value for score in review.scores.all()}
        review.score_rows = [(criterion, values.get(criterion.pk)) for criterion in criteria]
    return OtherReviews(True, reviews)
