"""Writes of the committee meetings: planning, the agenda, opening and closing, attendance,
shared notes (saved with a version check) and votes.
Each write is one transaction, checks who may do it and records the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from tremplin.applications.models import Application
from tremplin.core import four_eyes, history, ordering
from tremplin.core.services import require

from .. import membership
from ..models import AgendaItem, CommitteeMember, Decision, Meeting, Vote
from ..queries.meeting import ATTENDANCE, agenda_order
from ..workflow import MEETING_WORKFLOW, OPEN_STATES, RUN_MEETING


class MeetingRefused(ValidationError):
    """A refused action, with a message for the person."""


# --- The meeting's state machine (workflow.py) --------------------------------------------------

RUN = RUN_MEETING


def refuse_conflicted(person, application) -> None:
    """Refuse a person who may not act on the application: their own (four eyes, saying why)
    or one they are in conflict with."""
    four_eyes.refuse_own_work(person, application)  # says why, unlike a conflict
    if membership.is_conflicted(person, application):
        raise PermissionDenied(_("You are not allowed to do this."))


def fire_meeting(meeting: Meeting, actor, name: str) -> Meeting:
    """Open or close a meeting (the machine checks who may, on the meeting's call). Closing
    it closes the votes still open."""
    with transaction.atomic():
        locked = MEETING_WORKFLOW.fire(meeting, name, actor)
        if locked.state == Meeting.State.CLOSED:
            AgendaItem.objects.filter(meeting=locked, voting_open=True).update(voting_open=False)
    return meeting


# --- Planning and the agenda -------------------------------------------------------------------


def plan_meeting(call, actor, *, scheduled_for, place: str = "") -> Meeting:
    require(actor, RUN, call)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            call=call, scheduled_for=scheduled_for, place=place, created_by=actor
        )
        history.record(meeting, "meeting_planned", actor, to_state=meeting.state)
    return meeting


def change_meeting(meeting: Meeting, actor, *, scheduled_for, place: str = "") -> Meeting:
    require(actor, RUN, meeting.call)
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
    require(actor, RUN, meeting.call)
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
    require(actor, RUN, meeting.call)
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
    require(actor, RUN, meeting.call)
    if direction not in ("up", "down"):
        raise MeetingRefused(_("This action does not exist."))
    with transaction.atomic():
        locked = _lock_editable(meeting)
        if not locked.items.filter(pk=item.pk).exists():
            raise MeetingRefused(_("This item is no longer on the agenda."))
        offset = -1 if direction == "up" else 1
        # Already first (or last): nothing to move.
        if ordering.move(locked.items.all(), item, offset, start=1):
            history.record(
                locked,
                "agenda_item_moved",
                actor,
                application=item.application_id,
                to=item.position,
            )


def remove_item(item: AgendaItem, actor) -> None:
    meeting = item.meeting
    require(actor, RUN, meeting.call)
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
    require(actor, RUN, meeting.call)
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
    require(actor, "selection.attend_meeting", item.meeting.call)
    refuse_conflicted(actor, item.application)


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
    require(actor, RUN, item.meeting.call)
    refuse_conflicted(actor, item.application)
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
    refuse_conflicted(actor, item.application)
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
