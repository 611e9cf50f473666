"""The selection committee's state machines, and the named groups of application states its
pages and services work on.

    Meeting:  planned ──open──▶ open ──close──▶ closed
    Review:   draft ──submit──▶ submitted

A meeting is run by its call's chair or by staff (selection.run_meeting, a permission on the
call: the transitions check it on `meeting.call`); services/meeting.py::fire_meeting fires them
and closes the votes still open when the meeting closes. A review is submitted by the member
it is assigned to (selection.review_application, on the application);
services/reviews.py::save_review fires `submit` once the review scores every criterion. A
submitted review stays submitted: changing it before the review deadline is a re-submission
(recorded as `review_resubmitted`), not a transition. The review's history keeps the name it
always had (`review_submitted`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tremplin.applications.models import State
from tremplin.core.workflow import StateMachine, Transition

from .models import Meeting, Review

# --- Groups of application states --------------------------------------------------------------

# Applications the assignment works on (and members bid on).
ASSIGNABLE_STATES = (State.ELIGIBLE, State.IN_REVIEW)
# Applications a member may declare a conflict on from their page: those the committee handles.
COMMITTEE_STATES = (
    State.ELIGIBLE,
    State.IN_REVIEW,
    State.SHORTLISTED,
    State.WAITLISTED,
    State.SELECTED,
    State.REJECTED,
)
# Applications the committee ranks: screened eligible, and every state after.
RANKED_STATES = COMMITTEE_STATES
# This call's applications counted in the portfolio, beside past laureates.
PORTFOLIO_STATES = (State.SHORTLISTED, State.SELECTED)
# Applications the committee may still decide on.
OPEN_STATES = (State.IN_REVIEW, State.SHORTLISTED)

# --- Machines --------------------------------------------------------------------------------

RUN_MEETING = "selection.run_meeting"

MEETING_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "open",
            (Meeting.State.PLANNED,),
            Meeting.State.OPEN,
            _("Open the meeting"),
            permission=RUN_MEETING,
            permission_object=lambda meeting: meeting.call,
        ),
        Transition(
            "close",
            (Meeting.State.OPEN,),
            Meeting.State.CLOSED,
            _("Close the meeting"),
            permission=RUN_MEETING,
            permission_object=lambda meeting: meeting.call,
        ),
    ],
)

REVIEW_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "submit",
            (Review.State.DRAFT,),
            Review.State.SUBMITTED,
            _("Submit the review"),
            permission="selection.review_application",
            permission_object=lambda review: review.assignment.application,
            action="review_submitted",
        ),
    ],
)
