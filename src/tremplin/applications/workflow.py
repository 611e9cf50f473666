"""The application workflow, written once: states, transitions, who may fire each.

draft → submitted → eligible / ineligible / information requested → in review → shortlisted →
selected / waitlisted / rejected; withdrawn from any non-final state. Screening and deciding
are four-eyes transitions: nobody on the application's team fires them."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition
from tremplin.messaging.models import Mailing

from .models import FINAL_STATES, State

STAFF = "applications.screen_application"
DECIDE = "applications.decide_application"
TEAM = "applications.withdraw_application"

NON_FINAL = tuple(s for s in State.values if s not in FINAL_STATES)

APPLICATION_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "submit",
            (State.DRAFT,),
            State.SUBMITTED,
            _("Submit"),
            permission="applications.submit_application",
        ),
        Transition(
            "request_information",
            (State.SUBMITTED, State.ELIGIBLE),
            State.INFO_REQUESTED,
            _("Ask for information"),
            permission=STAFF,
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "provide_information",
            (State.INFO_REQUESTED,),
            State.SUBMITTED,
            _("Send the information"),
            permission="applications.answer_information_request",
        ),
        Transition(
            "mark_eligible",
            (State.SUBMITTED,),
            State.ELIGIBLE,
            _("Eligible"),
            permission=STAFF,
            four_eyes=True,
        ),
        Transition(
            "mark_ineligible",
            (State.SUBMITTED, State.INFO_REQUESTED),
            State.INELIGIBLE,
            _("Not eligible"),
            permission=STAFF,
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "reconsider",
            (State.INELIGIBLE,),
            State.SUBMITTED,
            _("Screen again"),
            permission=STAFF,
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "start_review",
            (State.ELIGIBLE,),
            State.IN_REVIEW,
            _("Send to review"),
            permission=DECIDE,
            four_eyes=True,
        ),
        Transition(
            "shortlist",
            (State.IN_REVIEW,),
            State.SHORTLISTED,
            _("Shortlist"),
            permission=DECIDE,
            four_eyes=True,
        ),
        Transition(
            "select",
            (State.SHORTLISTED, State.WAITLISTED),
            State.SELECTED,
            _("Select"),
            permission=DECIDE,
            four_eyes=True,
        ),
        Transition(
            "waitlist",
            (State.SHORTLISTED,),
            State.WAITLISTED,
            _("Put on the waiting list"),
            permission=DECIDE,
            four_eyes=True,
        ),
        Transition(
            "reject",
            (State.IN_REVIEW, State.SHORTLISTED, State.WAITLISTED),
            State.REJECTED,
            _("Not selected"),
            permission=DECIDE,
            four_eyes=True,
        ),
        Transition(
            "withdraw",
            NON_FINAL,
            State.WITHDRAWN,
            _("Withdraw"),
            permission=TEAM,
            requires_reason=True,
        ),
    ],
)

# Transitions that staff fire from the application page and the bulk actions of the list.
STAFF_TRANSITIONS = [
    "request_information",
    "mark_eligible",
    "mark_ineligible",
    "reconsider",
    "start_review",
    "shortlist",
    "select",
    "waitlist",
    "reject",
]


# A call's mailing (the model is messaging's; applications writes and sends it):
#
#   draft → sending → sent
#     └──→ discarded
#
# `send` and `finish` are fired in one transaction by services.mailings.send_mailing, around
# the recording of one message per recipient: a mailing is sent once. A discarded draft stays
# as a record and is no longer listed. Staff send mailings; the permission is per call and the
# rule reads no object, so it is checked on the mailing itself.
SEND_MAILING = "applications.send_mailing"

MAILING_WORKFLOW = StateMachine(
    "state",
    [
        Transition("send", (Mailing.State.DRAFT,), Mailing.State.SENDING, _("Send"), SEND_MAILING),
        Transition(
            "finish",
            (Mailing.State.SENDING,),
            Mailing.State.SENT,
            _("Every message recorded"),
            SEND_MAILING,
        ),
        Transition(
            "discard",
            (Mailing.State.DRAFT,),
            Mailing.State.DISCARDED,
            _("Discard"),
            SEND_MAILING,
        ),
    ],
)
