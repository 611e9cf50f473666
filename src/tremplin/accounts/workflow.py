"""What a person declares and staff verify (a membership, an affiliation): one state machine
per kind of declaration, both made by `verification_workflow`. services.decide_membership and
services.decide_affiliation fire them."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition

from .models import Declaration

State = Declaration.State

# The decisions that are staff's: they stamp who decided, when, and the note to the person.
STAFF_DECISIONS = {"verify", "reject", "revoke"}


def verification_workflow(subject: str, end_label) -> StateMachine:
    """The one workflow of what a person declares and staff verify (a membership, an
    affiliation): staff verify, refuse (with a reason) or end it (with a reason); its owner
    withdraws it while it is not verified. Ending a verified link is staff's: a person cannot
    drop, alone, what the platform relies on (a conflict of interest, an eligibility)."""
    verify = f"accounts.verify_{subject}"
    return StateMachine(
        "state",
        [
            Transition(
                "verify",
                (State.PENDING, State.REJECTED),
                State.VERIFIED,
                _("Verify"),
                permission=verify,
                four_eyes=True,
            ),
            Transition(
                "reject",
                (State.PENDING,),
                State.REJECTED,
                _("Refuse"),
                permission=verify,
                four_eyes=True,
                requires_reason=True,
            ),
            Transition(
                "revoke",
                (State.VERIFIED,),
                State.REVOKED,
                end_label,
                permission=verify,
                four_eyes=True,
                requires_reason=True,
            ),
            Transition(
                "withdraw",
                (State.PENDING, State.REJECTED),
                State.REVOKED,
                _("Withdraw"),
                permission=f"accounts.withdraw_{subject}",
            ),
        ],
    )


MEMBERSHIP_WORKFLOW = verification_workflow("membership", _("End membership"))
AFFILIATION_WORKFLOW = verification_workflow("affiliation", _("End affiliation"))
