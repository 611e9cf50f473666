"""Writes of the committee meetings: planning, the agenda, opening and closing, attendance,
shared notes (saved with a version check), votes, decisions (taken once, firing the
application's workflow), decision messages (sent once) and promotion from the waiting list.
Each write is one transaction, checks who may do it and records the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tremplin.applications import services as applications
from tremplin.applications.models import Application, State
from tremplin.applications.workflow import APPLICATION_WORKFLOW
from tremplin.core import four_eyes, history
from tremplin.core.workflow import StateMachine, Transition

from .. import membership, notices
from ..models import AgendaItem, CommitteeMember, Decision, Meeting, Outcome, Vote
from ..queries_meeting import (
    ATTENDANCE,
    DECIDED,
    OPEN_STATES,
    OUTCOME_MESSAGE,
    PROMOTED,
    REPLACED,
    SENT,
    WITHDRAWING,
    agenda_order,
    waiting_list,
)


class MeetingRefused(ValidationError):
    """A refused action, with a message for the person."""


class AlreadyDecided(MeetingRefused):
    """The application already has its decision: it is taken once."""

    def __init__(self, decision: Decision):
        self.decision = decision
        super().__init__(
            _("This application is already decided (%(outcome)s): the decision is taken once.")
            % {"outcome": decision.get_outcome_display()}
        )


# --- The meeting's state machine ---------------------------------------------------------------

RUN = "selection.run_meeting"

# planned → open → closed. Who: the call's chair or staff (selection.run_meeting). The rules
# take the call, not the meeting, so fire_meeting() checks the permission on the meeting's call
# before firing; the machine refuses illegal moves and writes the history.
MEETING_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "open", (Meeting.State.PLANNED,), Meeting.State.OPEN, gettext_lazy("Open the meeting")
        ),
        Transition(
            "close", (Meeting.State.OPEN,), Meeting.State.CLOSED, gettext_lazy("Close the meeting")
        ),
    ],
)
MEETING_WORKFLOW_PERMISSION = RUN


def _require(person, permission: str, call) -> None:
    if not person.has_perm(permission, call):
        raise PermissionDenied(_("You are not allowed to do this."))


def _not_conflicted(person, application) -> None:
    four_eyes.refuse_own_work(person, application)  # says why, unlike a conflict
    if membership.is_conflicted(person, application):
        raise PermissionDenied(_("You are not allowed to do this."))


def meeting_transitions(meeting: Meeting, person) -> list[Transition]:
    """The transitions the person may fire on the meeting now."""
    if not person.has_perm(MEETING_WORKFLOW_PERMISSION, meeting.call):
        return []
    return [t for t in MEETING_WORKFLOW.transitions.values() if meeting.state in t.sources]


def fire_meeting(meeting: Meeting, actor, name: str) -> Meeting:
    """Open or close a meeting. Closing it closes the votes still open."""
    _require(actor, MEETING_WORKFLOW_PERMISSION, meeting.call)
    with transaction.atomic():
        locked = MEETING_WORKFLOW.fire(meeting, name, actor)
        if locked.state == Meeting.State.CLOSED:
            AgendaItem.objects.filter(meeting=locked, voting_open=True).update(voting_open=False)
    return meeting


# --- Planning and the agenda -------------------------------------------------------------------


def plan_meeting(call, actor, *, scheduled_for, place: str = "") -> Meeting:
    _require(actor, RUN, call)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            call=call, scheduled_for=scheduled_for, place=place, created_by=actor
        )
        history.record(meeting, "meeting_planned", actor, to_state=meeting.state)
    return meeting


def change_meeting(meeting: Meeting, actor, *, scheduled_for, place: str = "") -> Meeting:
    _require(actor, RUN, meeting.call)
    with transaction.atomic():
        locked = _lock_editable(meeting)
        locked.scheduled_for, locked.place = scheduled_for, place
        locked.save(update_fields=["scheduled_for", "place"])
        history.record(
            locked, "meeting_changed", actor, scheduled_for=scheduled_for.isoformat(), place=place
        )
    meeting.scheduled_for, meeting.place = scheduled_for, place
    return meeting


def _lock_editable(meeting: Meeting) -> Meeting:
    """Lock the meeting row (agenda changes are serialised per meeting) and refuse changes to
    a closed meeting."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.state == Meeting.State.CLOSED:
        raise MeetingRefused(_("This meeting is closed: it can no longer change."))
    return locked


def _renumber(meeting: Meeting, items: list[AgendaItem]) -> None:
    changed = []
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


def build_agenda(meeting: Meeting, actor) -> int:
    """Add, in the ranking order, every application still to decide that is not on the agenda
    yet. Returns how many were added."""
    _require(actor, RUN, meeting.call)
    with transaction.atomic():
        locked = _lock_editable(meeting)
        present = set(locked.items.values_list("application_id", flat=True))
        last = locked.items.aggregate(last=Max("position"))["last"] or 0
        new = [pk for pk in agenda_order(meeting.call) if pk not in present]
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=locked, application_id=pk, position=last + offset)
                for offset, pk in enumerate(new, start=1)
            ]
        )
        if new:
            history.record(locked, "agenda_built", actor, added=new)
    return len(new)


def add_item(meeting: Meeting, actor, application: Application) -> AgendaItem:
    _require(actor, RUN, meeting.call)
    if application.call_id != meeting.call_id:
        raise MeetingRefused(_("This application is not one of this call's."))
    if (
        application.state not in OPEN_STATES
        or Decision.objects.filter(application=application).exists()
    ):
        raise MeetingRefused(_("Only applications in review or shortlisted can be discussed."))
    with transaction.atomic():
        locked = _lock_editable(meeting)
        if locked.items.filter(application=application).exists():
            raise MeetingRefused(_("This application is already on the agenda."))
        last = locked.items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(meeting=locked, application=application, position=last + 1)
        history.record(locked, "agenda_item_added", actor, application=application.pk)
    return item


def move_item(item: AgendaItem, actor, direction: str) -> None:
    """Move an item one place up or down the agenda."""
    meeting = item.meeting
    _require(actor, RUN, meeting.call)
    if direction not in ("up", "down"):
        raise MeetingRefused(_("This action does not exist."))
    with transaction.atomic():
        locked = _lock_editable(meeting)
        items = list(locked.items.order_by("position", "pk"))
        index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
        if index is None:
            raise MeetingRefused(_("This item is no longer on the agenda."))
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(items):
            return  # already first (or last): nothing to move
        items[index], items[other] = items[other], items[index]
        _renumber(locked, items)
        history.record(
            locked, "agenda_item_moved", actor, application=item.application_id, to=other + 1
        )


def remove_item(item: AgendaItem, actor) -> None:
    meeting = item.meeting
    _require(actor, RUN, meeting.call)
    with transaction.atomic():
        locked = _lock_editable(meeting)
        current = AgendaItem.objects.filter(pk=item.pk, meeting=locked).first()
        if current is None:
            return  # already removed (a double click)
        if current.notes.strip() or current.votes.exists():
            raise MeetingRefused(
                _("This item has notes or votes: it stays on the agenda, for the minutes.")
            )
        if Decision.objects.filter(application_id=current.application_id, meeting=locked).exists():
            raise MeetingRefused(
                _("This item was decided in this meeting: it stays on the agenda.")
            )
        current.delete()
        _renumber(locked, list(locked.items.order_by("position", "pk")))
        history.record(locked, "agenda_item_removed", actor, application=current.application_id)


def mark_attendance(meeting: Meeting, actor, member_ids) -> list[int]:
    """Record which members of the committee are present (the minutes list them)."""
    _require(actor, RUN, meeting.call)
    present = sorted(
        CommitteeMember.objects.filter(call=meeting.call, pk__in=list(member_ids)).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        locked = _lock_editable(meeting)
        history.record(locked, ATTENDANCE, actor, present=present)
    return present


# --- Notes -------------------------------------------------------------------------------------


@dataclass
class NotesSaved:
    saved: bool
    notes: str  # what is stored now
    version: int  # the version stored now


def _take_part(item: AgendaItem, actor) -> None:
    """Whoever attends the meeting and is not in conflict with the item's application."""
    _require(actor, "selection.attend_meeting", item.meeting.call)
    _not_conflicted(actor, item.application)


def save_notes(item: AgendaItem, actor, text: str, base_version: int) -> NotesSaved:
    """Save the shared notes if nobody saved them since `base_version`; otherwise save nothing
    and return what the other person saved, so that the page shows both texts."""
    _take_part(item, actor)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if locked.meeting.state == Meeting.State.CLOSED:
            raise MeetingRefused(_("This meeting is closed: its notes can no longer change."))
        if locked.notes_version != base_version:
            return NotesSaved(False, locked.notes, locked.notes_version)
        if text == locked.notes:
            return NotesSaved(True, locked.notes, locked.notes_version)
        AgendaItem.objects.filter(pk=locked.pk).update(
            notes=text, notes_version=F("notes_version") + 1
        )
        version = locked.notes_version + 1
        history.record(locked, "notes_saved", actor, version=version)
    item.notes, item.notes_version = text, version
    return NotesSaved(True, text, version)


# --- Votes -------------------------------------------------------------------------------------


def set_voting(item: AgendaItem, actor, open_: bool) -> None:
    """The chair (or staff) opens or closes the vote on an item."""
    _require(actor, RUN, item.meeting.call)
    _not_conflicted(actor, item.application)
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if open_:
            if locked.meeting.state != Meeting.State.OPEN:
                raise MeetingRefused(_("Votes take place while the meeting is in session."))
            if Decision.objects.filter(application_id=locked.application_id).exists():
                raise MeetingRefused(_("This application is already decided."))
        if locked.voting_open == open_:
            return
        AgendaItem.objects.filter(pk=locked.pk).update(voting_open=open_)
        history.record(locked, "vote_opened" if open_ else "vote_closed", actor)
    item.voting_open = open_


def cast_vote(item: AgendaItem, actor, choice: str) -> Vote:
    """One vote per member (cast again to change it while the vote is open). The choice is not
    written in the history: only the chair and staff see the tally, each member their own."""
    call = item.meeting.call
    seat = membership.seat(actor, call)
    if seat is None or not seat.reviews:
        raise PermissionDenied(_("Only the committee's reviewers and chair vote."))
    _not_conflicted(actor, item.application)
    if choice not in Vote.Choice.values:
        raise MeetingRefused(_("Choose one of the proposed answers."))
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if not locked.voting_open or locked.meeting.state != Meeting.State.OPEN:
            raise MeetingRefused(_("The vote on this item is not open."))
        vote, _created = Vote.objects.update_or_create(
            item=locked, member=seat, defaults={"choice": choice}
        )
        history.record(locked, "vote_cast", actor)
    return vote


# --- Decisions ---------------------------------------------------------------------------------

OUTCOME_TRANSITION = {
    Outcome.SELECTED: "select",
    Outcome.WAITLISTED: "waitlist",
    Outcome.REJECTED: "reject",
}


def _transitions_for(state: str, outcome: str) -> list[str]:
    """The workflow's transitions from `state` to `outcome`: an application in review is
    shortlisted first when the outcome needs it (select and waitlist start from the shortlist;
    the workflow rejects straight from review)."""
    target = OUTCOME_TRANSITION[outcome]
    if state == State.IN_REVIEW and state not in APPLICATION_WORKFLOW.transitions[target].sources:
        return ["shortlist", target]
    return [target]


def can_decide(item: AgendaItem, actor) -> bool:
    """Whether the person may take the decision on this item, workflow included."""
    application = item.application
    if not actor.has_perm("selection.decide", item.meeting.call):
        return False
    if membership.is_conflicted(actor, application):
        return False
    names = {"shortlist", *OUTCOME_TRANSITION.values()}
    return all(
        actor.has_perm(APPLICATION_WORKFLOW.transitions[name].permission, application)
        for name in names
    )


def decide(
    item: AgendaItem, actor, outcome: str, reason: str, comment_for_applicant: str = ""
) -> Decision:
    """Take the committee's decision on the item's application, once: the application row is
    locked, so a double click or two chairs at once find the decision taken (and the Decision's
    one-to-one link stops a second row in any case). Fires the application's workflow and
    records the decision in the history with who and when. The applicant is told later, when
    staff send the decision messages."""
    call = item.meeting.call
    _require(actor, "selection.decide", call)
    _not_conflicted(actor, item.application)
    if outcome not in OUTCOME_TRANSITION:
        raise MeetingRefused(_("Choose the decision."))
    if not reason.strip():
        raise MeetingRefused(_("Give the reason for the minutes."))
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("call")
            .get(pk=item.application_id)
        )
        existing = Decision.objects.filter(application=application).first()
        if existing is not None:
            raise AlreadyDecided(existing)
        meeting = Meeting.objects.get(pk=item.meeting_id)
        if meeting.state != Meeting.State.OPEN:
            raise MeetingRefused(_("Decisions are taken while the meeting is in session."))
        if application.state not in OPEN_STATES:
            raise MeetingRefused(
                _("This application is no longer in review (%(state)s): it cannot be decided.")
                % {"state": application.get_state_display()}
            )
        for name in _transitions_for(application.state, outcome):
            application = applications.transition(application, actor, name, reason)
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    application=application,
                    outcome=outcome,
                    reason=reason,
                    comment_for_applicant=comment_for_applicant,
                    meeting=meeting,
                    decided_by=actor,
                )
        except IntegrityError:
            raise AlreadyDecided(Decision.objects.get(application=application)) from None
        AgendaItem.objects.filter(pk=item.pk).update(voting_open=False)
        history.record(
            decision,
            DECIDED,
            actor,
            to_state=outcome,
            reason=reason,
            application=application.pk,
            meeting=meeting.pk,
        )
    item.voting_open = False
    return decision


# --- Decision messages -------------------------------------------------------------------------


def send_decision_messages(call, actor, decision_ids) -> int:
    """Compose the decision messages of the given decisions not told yet (each recipient in
    their language; e-mailed by background tasks after commit) and mark them told. Sending
    twice sends once: the rows are locked and those already told are skipped. Returns the
    number of decisions told."""
    _require(actor, "selection.send_decisions", call)
    with transaction.atomic():
        decisions = list(
            # Only the decisions are locked: PostgreSQL refuses to lock the nullable side of
            # the outer join that select_related makes.
            Decision.objects.select_for_update(of=("self",))
            .filter(pk__in=list(decision_ids), application__call=call, notified_at__isnull=True)
            .select_related("application__call", "application__applicant")
            .order_by("pk")
        )
        now = timezone.now()
        for decision in decisions:
            kind = OUTCOME_MESSAGE[decision.outcome]
            applications.notify_team(
                decision.application,
                notices.FOR_OUTCOME[decision.outcome],
                decision.comment_for_applicant,
            )
            history.record(decision, SENT, actor, kind=kind)
        Decision.objects.filter(pk__in=[d.pk for d in decisions]).update(notified_at=now)
        if decisions:
            history.record(call, "decision_messages_sent", actor, decisions=len(decisions))
    return len(decisions)


# --- Waiting list ------------------------------------------------------------------------------


def mark_withdrawing(decision: Decision, actor, reason: str) -> None:
    """Staff record that a laureate is withdrawing: their place opens to the waiting list."""
    call = decision.application.call
    _require(actor, "selection.send_decisions", call)
    if not reason.strip():
        raise MeetingRefused(_("Please give a reason."))
    with transaction.atomic():
        locked = (
            Decision.objects.select_for_update().select_related("application").get(pk=decision.pk)
        )
        if locked.outcome != Outcome.SELECTED:
            raise MeetingRefused(_("Only a selected application can withdraw from its place."))
        vacancies = {v.decision.pk for v in waiting_list(call).vacancies}
        if locked.pk in vacancies:
            return  # already marked
        history.record(locked, WITHDRAWING, actor, reason=reason, application=locked.application_id)


def promote(call, actor, vacancy: Decision, expected_pk: int | None = None) -> Decision:
    """Give the place of a laureate who withdrew to the first application on the waiting list:
    fires waitlisted → selected, updates its decision to selected (to be told again), and keeps
    the original decision in the decision's history. `expected_pk` is the application the page
    showed as first: if another one is first now, nothing happens and the page says so."""
    _require(actor, "selection.send_decisions", call)
    with transaction.atomic():
        # The vacated laureate's row is the lock: two clicks give its place once.
        Decision.objects.select_for_update().get(pk=vacancy.pk)
        current = waiting_list(call)
        if vacancy.pk not in {v.decision.pk for v in current.vacancies}:
            raise MeetingRefused(_("This place is not open (anymore)."))
        if not current.waiting:
            raise MeetingRefused(_("Nobody is on the waiting list."))
        first = current.waiting[0]
        if expected_pk is not None and first.application_id != expected_pk:
            raise MeetingRefused(
                _("The waiting list changed: check who is first now, then promote again.")
            )
        locked = Decision.objects.select_for_update().get(pk=first.pk)
        reason = _("Promoted from the waiting list")
        before = {
            "outcome": locked.outcome,
            "reason": locked.reason,
            "decided_by": str(locked.decided_by) if locked.decided_by_id else "",
            "decided_at": locked.decided_at.isoformat(),
            "meeting": locked.meeting_id,
        }
        application = applications.transition(first.application, actor, "select", reason)
        Decision.objects.filter(pk=locked.pk).update(
            outcome=Outcome.SELECTED,
            reason=reason,
            comment_for_applicant="",
            decided_by=actor,
            notified_at=None,
        )
        history.record(
            locked,
            PROMOTED,
            actor,
            from_state=Outcome.WAITLISTED,
            to_state=Outcome.SELECTED,
            reason=reason,
            replaces=vacancy.application_id,
            previous=before,
        )
        history.record(vacancy, REPLACED, actor, promoted=application.pk)
    locked.refresh_from_db()
    return locked
