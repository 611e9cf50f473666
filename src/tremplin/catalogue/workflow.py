"""The catalogue's workflows, in one place (core.workflow.StateMachine): the moderation of an
innovation version (VERSION_WORKFLOW) and the answer to a replication request
(REPLICATION_WORKFLOW, at the end of this module).

    draft ──submit──▶ submitted ──publish──▶ published ──supersede──▶ superseded
      │  └─submit_to_society─▶ society_review ──society_accept──▶ submitted
      │                          ├─society_request_changes─▶ changes_requested
      │                          └─society_reject─▶ rejected
    submitted ──request_changes──▶ changes_requested ──submit / submit_to_society──▶ ...
    submitted ──reject──▶ rejected
    published ──take_down──▶ withdrawn (a moderator, after a report)
    draft / changes_requested / society_review / submitted ──withdraw──▶ withdrawn (the owner)

A national society whose SocietyPolicy requires validation sees its versions first
(submit_to_society); the others go straight to the central moderators (submit). Publishing a
newer version supersedes the one online (services/moderation.py does both in one transaction).
The decisions (society_*, publish, request_changes, reject) are four-eyes transitions: the
version's authors (rules._authors) never take them.
"""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition

from .models import InnovationVersion, Replication

S = InnovationVersion.State
EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)

VERSION_WORKFLOW = StateMachine(
    "state",
    [
        Transition("submit", EDITABLE, S.SUBMITTED, _("Submit"), "catalogue.edit_version"),
        Transition(
            "submit_to_society",
            EDITABLE,
            S.SOCIETY_REVIEW,
            _("Submit to the national society"),
            "catalogue.edit_version",
        ),
        Transition(
            "society_accept",
            (S.SOCIETY_REVIEW,),
            S.SUBMITTED,
            _("Validate for the national society"),
            "catalogue.decide_for_society",
            four_eyes=True,
        ),
        Transition(
            "society_request_changes",
            (S.SOCIETY_REVIEW,),
            S.CHANGES_REQUESTED,
            _("Request changes"),
            "catalogue.decide_for_society",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "society_reject",
            (S.SOCIETY_REVIEW,),
            S.REJECTED,
            _("Reject"),
            "catalogue.decide_for_society",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "publish",
            (S.SUBMITTED,),
            S.PUBLISHED,
            _("Publish"),
            "catalogue.moderate_version",
            four_eyes=True,
        ),
        Transition(
            "request_changes",
            (S.SUBMITTED,),
            S.CHANGES_REQUESTED,
            _("Request changes"),
            "catalogue.moderate_version",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "reject",
            (S.SUBMITTED,),
            S.REJECTED,
            _("Reject"),
            "catalogue.moderate_version",
            four_eyes=True,
            requires_reason=True,
        ),
        # Fired by services.moderation when a newer version is published, never by hand.
        Transition("supersede", (S.PUBLISHED,), S.SUPERSEDED, _("Replace by a newer version")),
        Transition(
            "take_down",
            (S.PUBLISHED,),
            S.WITHDRAWN,
            _("Take offline"),
            "catalogue.take_down",
            requires_reason=True,
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.CHANGES_REQUESTED, S.SOCIETY_REVIEW, S.SUBMITTED),
            S.WITHDRAWN,
            _("Withdraw"),
            "catalogue.withdraw_version",
        ),
    ],
)


# --- Replication requests -----------------------------------------------------------------------
#
#   proposed ──answer──▶ answered ──answer──▶ answered
#   proposed / answered / declined ──confirm──▶ confirmed
#   proposed / answered / confirmed ──decline──▶ declined
#   confirmed ──answer_confirmed──▶ confirmed,  declined ──answer_declined──▶ declined
#
# The innovation's owner fires them all (services/replication.py::answer_replication): a
# message, "it happened" or "it did not happen"; they may correct a confirmation into "did not
# happen" and back, and a message on a decided request keeps its state. The history entries
# keep the names the request's page has shown from the start (catalogue/audit.py).

R = Replication.State
REPLICATION_OPEN_STATES = (R.PROPOSED, R.ANSWERED)


class Outcome:
    """What the owner does when answering (the choices of the answer form)."""

    ANSWER = "answer"  # a message; the request stays open
    CONFIRM = "confirm"  # the replication happened: it counts on the record
    DECLINE = "decline"  # it did not happen

    CHOICES = (ANSWER, CONFIRM, DECLINE)


REPLICATION_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "answer",
            REPLICATION_OPEN_STATES,
            R.ANSWERED,
            _("Answer"),
            "catalogue.answer_replication",
            action="replication_answered",
        ),
        Transition(
            "answer_confirmed",
            (R.CONFIRMED,),
            R.CONFIRMED,
            _("Answer"),
            "catalogue.answer_replication",
            action="replication_answered",
        ),
        Transition(
            "answer_declined",
            (R.DECLINED,),
            R.DECLINED,
            _("Answer"),
            "catalogue.answer_replication",
            action="replication_answered",
        ),
        Transition(
            "confirm",
            (*REPLICATION_OPEN_STATES, R.DECLINED),
            R.CONFIRMED,
            _("Confirm the replication"),
            "catalogue.answer_replication",
            action="replication_confirmed",
        ),
        Transition(
            "decline",
            (*REPLICATION_OPEN_STATES, R.CONFIRMED),
            R.DECLINED,
            _("Say the replication did not happen"),
            "catalogue.answer_replication",
            action="replication_declined",
        ),
    ],
)

# A message on a decided request: the transition that keeps its state.
_ANSWER_KEEPING = {R.CONFIRMED: "answer_confirmed", R.DECLINED: "answer_declined"}


def replication_transition(outcome: str, state: str) -> str | None:
    """The transition of REPLICATION_WORKFLOW that the owner's `outcome` fires from `state`,
    or None when that outcome is not possible from there."""
    name = _ANSWER_KEEPING.get(state, outcome) if outcome == Outcome.ANSWER else outcome
    transition = REPLICATION_WORKFLOW.transitions.get(name)
    return name if transition is not None and state in transition.sources else None
