"""Reads of the committee meetings: the agenda order, the agenda and the page of one item as
each person may see them (conflicted applications left out, identity hidden when the call is
blind-reviewed, reviews and scores as visibility.py allows) and the minutes.
Every page reads a fixed number of queries whatever the length of its agenda."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tremplin.applications.models import Application
from tremplin.core.history import history_of
from tremplin.core.models import HistoryEntry
from tremplin.programmes.models import Question

from .. import membership, visibility
from ..models import (
    AgendaItem,
    CommitteeMember,
    Decision,
    Meeting,
    Outcome,
    ReviewCriterion,
    Vote,
)
from ..workflow import OPEN_STATES
from . import settings
from .ranking import ranking_order

# Answers that identify the applicant: hidden when the call is blind-reviewed.
IDENTITY_KEYS = {"organisation_name"}
IDENTITY_KINDS = {Question.Kind.EMAIL, Question.Kind.URL, Question.Kind.FILE}

# History actions (see services/meeting.py).
ATTENDANCE = "attendance_marked"
WITHDRAWING = "laureate_withdrawing"
REPLACED = "replaced_from_waiting_list"
DECIDED = "decision_taken"
PROMOTED = "promoted_from_waiting_list"
SENT = "decision_sent"


# --- The agenda order --------------------------------------------------------------------------


def agenda_order(call) -> list[int]:
    """The applications the committee still has to decide on (in review or shortlisted, no
    decision yet), in the committee's ranking order (calibrated scores and the inclusive
    tie-break, reviews of members in conflict left out: queries.ranking.ranking_order), then
    the applications without a review yet, by reference."""
    open_ids = set(
        Application.objects.filter(
            call=call, state__in=OPEN_STATES, decision__isnull=True
        ).values_list("pk", flat=True)
    )
    ranked = [pk for pk in ranking_order(call) if pk in open_ids]
    return ranked + sorted(open_ids - set(ranked))


# --- Who sees what -----------------------------------------------------------------------------


@dataclass
class Viewer:
    """What one person may see and do in the meetings of one call."""

    person: object
    call: object
    seat: CommitteeMember | None
    runs: bool  # chair or staff: runs the meeting, sees tallies and identities
    decides: bool
    hidden: set[int]  # conflicted applications: never shown
    sees_identity: bool

    @property
    def votes(self) -> bool:
        return self.seat is not None and self.seat.reviews

    @cached_property
    def reviews(self) -> visibility.ReviewSight:
        """What the person sees of each application's reviews (visibility.py), read when a
        page shows reviews or scores."""
        return visibility.sight(self.person, self.call)


def viewer(person, call) -> Viewer:
    seat = membership.seat(person, call)
    options = settings.of(call)
    runs = person.has_perm("selection.run_meeting", call)
    return Viewer(
        person=person,
        call=call,
        seat=seat,
        runs=runs,
        decides=person.has_perm("selection.decide", call),
        hidden=membership.hidden_application_ids(person, call),
        sees_identity=runs or not options.blind_review,
    )


# --- Meetings and their agenda -----------------------------------------------------------------


def meetings_of(call):
    return (
        Meeting.objects.filter(call=call)
        .annotate(item_count=Count("items"))
        .order_by("-scheduled_for", "-pk")
    )


def meeting_of(call, pk) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("call"), call=call, pk=pk)


def item_of(meeting, pk, who: Viewer) -> AgendaItem:
    """The item, or 404, also when the person is in conflict with its application."""
    item = get_object_or_404(
        AgendaItem.objects.select_related("application__region", "meeting"),
        meeting=meeting,
        pk=pk,
    )
    if item.application_id in who.hidden:
        raise Http404
    item.meeting.call = meeting.call
    item.application.call = meeting.call
    return item


def scores(application_ids, who: Viewer) -> dict[int, tuple[float | None, int]]:
    """application id -> (mean of the counted weighted scores, number of counted reviews), for
    the applications whose scores the person may see (visibility.py)."""
    shown = [pk for pk in application_ids if who.reviews.scores(pk)]
    if not shown:
        return {}
    rows = (
        visibility.counted_reviews()
        .filter(assignment__application_id__in=shown)
        .values("assignment__application_id")
        .annotate(mean=Avg("score"), count=Count("id"))
    )
    return {row["assignment__application_id"]: (row["mean"], row["count"]) for row in rows}


def tallies(items) -> dict[int, Counter]:
    """item id -> Counter of vote choices."""
    result: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Vote.objects.filter(item__in=[item.pk for item in items])
        .values("item_id", "choice")
        .annotate(n=Count("id"))
    )
    for row in rows:
        result[row["item_id"]][row["choice"]] = row["n"]
    return result


@dataclass
class Tally:
    counts: list[tuple[str, str, int]]  # (choice, label, number)
    total: int


def tally_of(counter: Counter) -> Tally:
    counts = [(value, label, counter.get(value, 0)) for value, label in Vote.Choice.choices]
    return Tally(counts=counts, total=sum(counter.values()))


def agenda(meeting, who: Viewer) -> list[AgendaItem]:
    """The items of the agenda the person may see, in order, each with its application, its
    decision, its mean score and (for the chair and staff) its number of votes."""
    items = [
        item
        for item in AgendaItem.objects.filter(meeting=meeting)
        .select_related("application__decision")
        .order_by("position", "pk")
        if item.application_id not in who.hidden
    ]
    means = scores([item.application_id for item in items], who)
    counts = tallies(items) if who.runs else {}
    for number, item in enumerate(items, start=1):
        item.number = number
        item.application.call = meeting.call
        item.mean, item.review_count = means.get(item.application_id, (None, 0))
        item.shows_scores = who.reviews.scores(item.application_id)
        item.decision = getattr(item.application, "decision", None)
        item.vote_count = sum(counts.get(item.pk, Counter()).values())
    return items


def addable(meeting) -> list[Application]:
    """Applications that can be added to the agenda by hand, in agenda order."""
    on_agenda = set(meeting.items.values_list("application_id", flat=True))
    order = [pk for pk in agenda_order(meeting.call) if pk not in on_agenda]
    titles = Application.objects.in_bulk(order)
    return [titles[pk] for pk in order]


def members(call):
    return CommitteeMember.objects.filter(call=call).order_by("person_name", "pk")


def attendance(meeting) -> set[int] | None:
    """The ids of the members marked present, or None when attendance was never marked."""
    entry = (
        HistoryEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Meeting),
            target_id=str(meeting.pk),
            action=ATTENDANCE,
        )
        .order_by("-at", "-pk")
        .first()
    )
    if entry is None:
        return None
    return set(entry.data.get("present", []))


# --- One item ----------------------------------------------------------------------------------


@dataclass
class ReviewRow:
    reviewer: str
    score: float | None
    values: list[int | None]  # per criterion, in the criteria's order
    comment: str
    comment_for_applicant: str


@dataclass
class ItemPage:
    item: AgendaItem
    previous: AgendaItem | None
    next: AgendaItem | None
    answers: list[tuple[Question, str]]
    criteria: list[ReviewCriterion]
    reviews: list[ReviewRow]  # empty unless the person may read the reviews
    mean: float | None
    review_count: int
    shows_reviews: bool
    shows_scores: bool
    hidden_because: str  # why the reviews (or every score) are not shown
    tally: Tally | None
    own_vote: Vote | None
    decision: Decision | None
    decision_history: list[HistoryEntry] = field(default_factory=list)


def readable_reviews(application_ids, who: Viewer):
    """The counted reviews of these applications that the person may read (visibility.py)."""
    return (
        visibility.readable_reviews(who.reviews, list(application_ids))
        .select_related("assignment__member")
        .prefetch_related("scores")
        .order_by("assignment__member__person_name", "pk")
    )


def review_rows(reviews, criteria) -> dict[int, list[ReviewRow]]:
    rows: dict[int, list[ReviewRow]] = defaultdict(list)
    for review in reviews:
        values = {score.criterion_id: score.value for score in review.scores.all()}
        rows[review.assignment.application_id].append(
            ReviewRow(
                reviewer=review.assignment.member.person_name,
                score=review.score,
                values=[values.get(criterion.pk) for criterion in criteria],
                comment=review.comment_for_committee,
                comment_for_applicant=review.comment_for_applicant,
            )
        )
    return rows


def answers_shown(application, who: Viewer) -> list[tuple[Question, str]]:
    """The answers as submitted, in form order, without those that identify the applicant when
    the person may not see who applied."""
    frozen = application.frozen_answers.get("answers", {})
    shown = []
    questions = Question.objects.filter(call_id=application.call_id).order_by(
        "step__position", "position", "pk"
    )
    for question in questions:
        entry = frozen.get(question.key)
        if not entry:
            continue
        if not who.sees_identity and (
            question.key in IDENTITY_KEYS or question.kind in IDENTITY_KINDS
        ):
            continue
        text = entry.get("text") or ", ".join(entry.get("files", []))
        if text:
            shown.append((question, text))
    return shown


def item_page(meeting, item, who: Viewer) -> ItemPage:
    neighbours = agenda_neighbours(meeting, item, who)
    criteria = list(ReviewCriterion.objects.filter(call=meeting.call).order_by("position", "pk"))
    application_id = item.application_id
    sight = who.reviews
    rows = review_rows(readable_reviews([application_id], who), criteria).get(application_id, [])
    mean, count = scores([application_id], who).get(application_id, (None, 0))
    decision = (
        Decision.objects.filter(application_id=item.application_id)
        .select_related("decided_by", "meeting")
        .first()
    )
    own_vote = None
    if who.seat is not None:
        own_vote = Vote.objects.filter(item=item, member=who.seat).first()
    return ItemPage(
        item=item,
        previous=neighbours[0],
        next=neighbours[1],
        answers=answers_shown(item.application, who),
        criteria=criteria,
        reviews=rows,
        mean=mean,
        review_count=count,
        shows_reviews=sight.reviews(application_id),
        shows_scores=sight.scores(application_id),
        hidden_because=sight.reason(application_id),
        tally=tally_of(tallies([item]).get(item.pk, Counter())) if who.runs else None,
        own_vote=own_vote,
        decision=decision,
        decision_history=described(history_of(decision)) if decision and who.runs else [],
    )


def described(entries) -> list[HistoryEntry]:
    """History entries of a decision, each with a label saying what happened."""
    outcomes = dict(Outcome.choices)
    result = []
    for entry in entries:
        if entry.action == DECIDED:
            entry.label = _("decision: %(outcome)s") % {
                "outcome": outcomes.get(entry.to_state, entry.to_state)
            }
        elif entry.action == PROMOTED:
            previous = entry.data.get("previous", {}).get("outcome", "")
            entry.label = _("promoted from the waiting list (decision before: %(outcome)s)") % {
                "outcome": outcomes.get(previous, previous)
            }
        elif entry.action == WITHDRAWING:
            entry.label = _("marked as withdrawing")
        elif entry.action == REPLACED:
            entry.label = _("place given to the waiting list")
        elif entry.action == SENT:
            entry.label = _("applicant told")
        else:
            entry.label = entry.action
        result.append(entry)
    return result


def agenda_neighbours(meeting, item, who: Viewer):
    ids = [
        (pk, application_id)
        for pk, application_id in AgendaItem.objects.filter(meeting=meeting)
        .order_by("position", "pk")
        .values_list("pk", "application_id")
        if application_id not in who.hidden
    ]
    order = [pk for pk, _application in ids]
    index = order.index(item.pk)
    previous = order[index - 1] if index > 0 else None
    following = order[index + 1] if index + 1 < len(order) else None
    return (
        AgendaItem(pk=previous, meeting=meeting) if previous else None,
        AgendaItem(pk=following, meeting=meeting) if following else None,
    )


def applicant_comments(page: ItemPage) -> str:
    """The reviewers' comments for the applicant, as a starting point for the decision's
    message (the chair edits it)."""
    return "\n\n".join(
        row.comment_for_applicant.strip()
        for row in page.reviews
        if row.comment_for_applicant.strip()
    )


# --- Minutes -----------------------------------------------------------------------------------


@dataclass
class OriginalDecision:
    """The decision as the committee took it, before a promotion from the waiting list."""

    outcome: str
    reason: str
    decided_by: str
    decided_at: object
    promoted: HistoryEntry


@dataclass
class MinutesItem:
    item: AgendaItem
    number: int
    reviews: list[ReviewRow]  # empty unless the person may read the reviews
    mean: float | None
    review_count: int
    shows_reviews: bool
    shows_scores: bool
    hidden_because: str
    tally: Tally
    decision: Decision | None
    original: OriginalDecision | None = None


@dataclass
class Minutes:
    meeting: Meeting
    present: list[CommitteeMember]
    absent: list[CommitteeMember]
    attendance_marked: bool
    items: list[MinutesItem]
    criteria: list[ReviewCriterion]


def minutes(meeting, who: Viewer) -> Minutes:
    items = [
        item
        for item in AgendaItem.objects.filter(meeting=meeting)
        .select_related("application__decision__decided_by")
        .order_by("position", "pk")
        if item.application_id not in who.hidden
    ]
    criteria = list(ReviewCriterion.objects.filter(call=meeting.call).order_by("position", "pk"))
    application_ids = [item.application_id for item in items]
    rows = review_rows(readable_reviews(application_ids, who), criteria)
    means = scores(application_ids, who)
    sight = who.reviews
    counts = tallies(items)
    seats = list(members(meeting.call))
    present_ids = attendance(meeting)
    decisions = [d for d in (getattr(i.application, "decision", None) for i in items) if d]
    promotions = {
        pk: entries[0]
        for pk, entries in decision_entries([d.pk for d in decisions], [PROMOTED]).items()
    }
    outcomes = dict(Outcome.choices)
    result = []
    for number, item in enumerate(items, start=1):
        reviews = rows.get(item.application_id, [])
        decision = getattr(item.application, "decision", None)
        original = None
        promoted = promotions.get(decision.pk) if decision else None
        if promoted is not None:
            before = promoted.data.get("previous", {})
            original = OriginalDecision(
                outcome=outcomes.get(before.get("outcome"), before.get("outcome", "")),
                reason=before.get("reason", ""),
                decided_by=before.get("decided_by", ""),
                decided_at=_parse(before.get("decided_at")),
                promoted=promoted,
            )
        mean, count = means.get(item.application_id, (None, 0))
        result.append(
            MinutesItem(
                item=item,
                number=number,
                reviews=reviews,
                mean=mean,
                review_count=count,
                shows_reviews=sight.reviews(item.application_id),
                shows_scores=sight.scores(item.application_id),
                hidden_because=sight.reason(item.application_id),
                tally=tally_of(counts.get(item.pk, Counter())),
                decision=decision,
                original=original,
            )
        )
    return Minutes(
        meeting=meeting,
        present=[seat for seat in seats if present_ids and seat.pk in present_ids],
        absent=[seat for seat in seats if present_ids is not None and seat.pk not in present_ids],
        attendance_marked=present_ids is not None,
        items=result,
        criteria=criteria,
    )


def _parse(value):
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def decision_entries(decision_ids, actions) -> dict[int, list[HistoryEntry]]:
    entries: dict[int, list[HistoryEntry]] = defaultdict(list)
    for entry in HistoryEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(Decision),
        target_id__in=[str(pk) for pk in decision_ids],
        action__in=actions,
    ).order_by("at", "pk"):
        entries[int(entry.target_id)].append(entry)
    return entries
