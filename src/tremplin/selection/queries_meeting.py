"""Reads of the committee meetings: the agenda order, the agenda and the page of one item as
each person may see them (conflicted applications left out, identity hidden when the call is
blind-reviewed, reviews and scores as visibility.py allows), the minutes, the decision messages waiting to be sent and the waiting list.
Every page reads a fixed number of queries whatever the length of its agenda."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, F, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tremplin.applications.models import Application, CoApplicant, State
from tremplin.core.models import HistoryEntry
from tremplin.core.urls_absolute import absolute
from tremplin.messaging import placeholders
from tremplin.messaging.models import Kind as MessageKind
from tremplin.messaging.services import wording
from tremplin.programmes.models import Question

from . import membership, visibility
from .models import (
    AgendaItem,
    CommitteeMember,
    Decision,
    Meeting,
    Outcome,
    ReviewCriterion,
    SelectionSettings,
    Vote,
)

# Applications the committee may still decide on.
OPEN_STATES = (State.IN_REVIEW, State.SHORTLISTED)

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

OUTCOME_MESSAGE = {
    Outcome.SELECTED: MessageKind.SELECTED,
    Outcome.WAITLISTED: MessageKind.WAITLISTED,
    Outcome.REJECTED: MessageKind.REJECTED,
}


# --- The agenda order --------------------------------------------------------------------------


def agenda_order(call) -> list[int]:
    """The applications the committee still has to decide on (in review or shortlisted, no
    decision yet), in the committee's ranking order (calibrated scores and the inclusive
    tie-break, reviews of members in conflict left out: queries_ranking.ranking_order), then
    the applications without a review yet, by reference."""
    from .queries_ranking import ranking_order

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


def selection_settings(call) -> SelectionSettings:
    """The call's settings as stored, or the defaults (nothing is written on a page view)."""
    return visibility.settings_of(call)


def viewer(person, call) -> Viewer:
    seat = membership.seat(person, call)
    options = selection_settings(call)
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
    from tremplin.core.history import history_of

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
        for pk, entries in _decision_entries([d.pk for d in decisions], [PROMOTED]).items()
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
    from datetime import datetime

    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- Decision messages -------------------------------------------------------------------------


@dataclass
class MessagePreview:
    recipient: object
    email: str
    language: str
    subject: str
    body: str


@dataclass
class PendingDecision:
    decision: Decision
    kind: str
    messages: list[MessagePreview]
    reason_unused: bool  # the wording has no {{ reason }}: the message to the applicant is left out


def pending_decisions(call):
    return (
        Decision.objects.filter(application__call=call, notified_at__isnull=True)
        .select_related("application__applicant", "application__call")
        .prefetch_related(
            Prefetch(
                "application__co_applicants",
                queryset=CoApplicant.objects.filter(accepted_at__isnull=False).select_related(
                    "person"
                ),
                to_attr="accepted_co_applicants",
            )
        )
        .order_by("outcome", "application__title", "pk")
    )


def recipients(application) -> list:
    """Who is told, as applications.services._notify tells them: the lead applicant and the
    accepted co-applicants."""
    people = [application.applicant] if application.applicant_id else []
    people += [c.person for c in getattr(application, "accepted_co_applicants", []) if c.person]
    return people


def language_of(person) -> str:
    """The language compose() writes to this person in."""
    return getattr(person, "preferred_language", None) or settings.LANGUAGE_CODE


def message_values(application, reason: str, with_answers: bool) -> dict:
    """The placeholders' values, as applications.messages.application_values gives them (the
    copy of the answers is read only when the wording uses it)."""
    from tremplin.applications.messages import answers_as_text

    call = application.call
    local = timezone.localtime(application.deadline, call.tz)
    return {
        "platform_name": settings.TREMPLIN_PLATFORM_NAME,
        "applicant_name": application.applicant_name
        or (application.applicant and str(application.applicant))
        or "",
        "project_name": application.title or application.reference,
        "call_title": str(call.title),
        "reference": application.reference,
        "deadline": f"{date_format(local, 'DATETIME_FORMAT')} ({call.time_zone})",
        "application_url": absolute(application.get_absolute_url()),
        "reason": reason,
        "answers": answers_as_text(application) if with_answers else "",
    }


def decision_previews(call) -> list[PendingDecision]:
    """Each decision not yet told, with the messages its recipients will receive, each in
    their language. The wording is read once per (message, language)."""
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    result = []
    for decision in pending_decisions(call):
        application = decision.application
        kind = OUTCOME_MESSAGE[decision.outcome]
        previews = []
        reason_unused = False
        for person in recipients(application):
            language = language_of(person)
            if (kind, language) not in texts:
                texts[(kind, language)] = wording(call, kind, language)
            subject, body = texts[(kind, language)]
            used = set(placeholders.PLACEHOLDER.findall(subject + body))
            reason_unused = reason_unused or (
                bool(decision.comment_for_applicant.strip()) and "reason" not in used
            )
            with translation.override(language):
                values = message_values(
                    application, decision.comment_for_applicant, "answers" in used
                )
            previews.append(
                MessagePreview(
                    recipient=person,
                    email=person.email,
                    language=language,
                    subject=placeholders.fill_subject(subject, values)[:300],
                    body=placeholders.fill(body, values),
                )
            )
        result.append(PendingDecision(decision, kind, previews, reason_unused))
    return result


def languages_count(previews: list[PendingDecision]) -> list[tuple[str, int]]:
    counter = Counter(message.language for pending in previews for message in pending.messages)
    names = dict(settings.LANGUAGES)
    return [(names.get(code, code), n) for code, n in sorted(counter.items())]


# --- Waiting list ------------------------------------------------------------------------------


@dataclass
class Vacancy:
    decision: Decision
    withdrawn: bool  # the application itself is withdrawn
    withdrawing: HistoryEntry | None  # staff marked the laureate as withdrawing


@dataclass
class WaitingList:
    laureates: list[Decision]  # selected, still in place
    vacancies: list[Vacancy]
    waiting: list[Decision]  # in order: the first is promoted first


def _decision_entries(decision_ids, actions) -> dict[int, list[HistoryEntry]]:
    entries: dict[int, list[HistoryEntry]] = defaultdict(list)
    for entry in HistoryEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(Decision),
        target_id__in=[str(pk) for pk in decision_ids],
        action__in=actions,
    ).order_by("at", "pk"):
        entries[int(entry.target_id)].append(entry)
    return entries


def waiting_list(call) -> WaitingList:
    """The laureates, the places left by those who withdrew (not yet given to someone on the
    waiting list), and the waiting list in the committee's order: the agenda position of the
    item the decision was taken on, then the time of the decision."""
    position = AgendaItem.objects.filter(
        meeting=OuterRef("meeting"), application=OuterRef("application")
    ).values("position")[:1]
    decisions = list(
        Decision.objects.filter(
            application__call=call, outcome__in=[Outcome.SELECTED, Outcome.WAITLISTED]
        )
        .select_related("application")
        .annotate(agenda_position=Subquery(position))
        .order_by(F("agenda_position").asc(nulls_last=True), "decided_at", "pk")
    )
    selected = [d for d in decisions if d.outcome == Outcome.SELECTED]
    entries = _decision_entries([d.pk for d in selected], [WITHDRAWING, REPLACED])
    laureates, vacancies = [], []
    for decision in selected:
        marks = entries.get(decision.pk, [])
        if any(entry.action == REPLACED for entry in marks):
            continue  # the place was given to someone on the waiting list
        withdrawing = next((e for e in marks if e.action == WITHDRAWING), None)
        withdrawn = decision.application.state == State.WITHDRAWN
        if withdrawn or withdrawing is not None:
            vacancies.append(Vacancy(decision, withdrawn, withdrawing))
        else:
            laureates.append(decision)
    waiting = [
        d
        for d in decisions
        if d.outcome == Outcome.WAITLISTED and d.application.state == State.WAITLISTED
    ]
    return WaitingList(laureates=laureates, vacancies=vacancies, waiting=waiting)
