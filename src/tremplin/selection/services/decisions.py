"""Writes of the committee's decisions: taken once on an agenda item (firing the application's
workflow), told to the applicants once, and the waiting list (a laureate withdrawing, the next
one promoted). Each write is one transaction, checks who may do it and records the history."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.applications import services as applications
from tremplin.applications.models import Application, State
from tremplin.applications.workflow import APPLICATION_WORKFLOW
from tremplin.core import history
from tremplin.core.services import require

from .. import membership, notices
from ..models import AgendaItem, Decision, Meeting, Outcome
from ..queries.decisions import OUTCOME_MESSAGE, waiting_list
from ..queries.meeting import DECIDED, PROMOTED, REPLACED, SENT, WITHDRAWING
from ..workflow import OPEN_STATES
from .meeting import MeetingRefused, refuse_conflicted


class AlreadyDecided(MeetingRefused):
    """The application already has its decision: it is taken once."""

    def __init__(self, decision: Decision):
        self.decision = decision
        super().__init__(
            _("This application is already decided (%(outcome)s): the decision is taken once.")
            % {"outcome": decision.get_outcome_display()}
        )


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
    require(actor, "selection.decide", call)
    refuse_conflicted(actor, item.application)
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
    require(actor, "selection.send_decisions", call)
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
    require(actor, "selection.send_decisions", call)
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
    require(actor, "selection.send_decisions", call)
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
