"""The acceleration's state machines, written once: a milestone's status, a check-in's, and a
project's outcome at the end of the six months. Validating, sending back and recording the
outcome are four-eyes transitions: nobody on the project's team fires them."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition

from .models import CheckIn, LaureateProject, Milestone

M = Milestone.State
WORK = "acceleration.work_on_milestones"
VALIDATE = "acceleration.validate_milestones"

# planned → in progress → delivered → validated; the referent (or staff) sends a delivered or
# validated milestone back to work with a reason.
MILESTONE_WORKFLOW = StateMachine(
    "state",
    [
        Transition("start", (M.PLANNED,), M.IN_PROGRESS, _("Start"), permission=WORK),
        Transition(
            "deliver", (M.PLANNED, M.IN_PROGRESS), M.DELIVERED, _("Mark delivered"), permission=WORK
        ),
        Transition(
            "validate",
            (M.DELIVERED,),
            M.VALIDATED,
            _("Validate"),
            permission=VALIDATE,
            four_eyes=True,
        ),
        Transition(
            "reopen",
            (M.DELIVERED, M.VALIDATED),
            M.IN_PROGRESS,
            _("Send back to work"),
            permission=VALIDATE,
            four_eyes=True,
            requires_reason=True,
        ),
    ],
)

C = CheckIn.State
JOURNAL = "acceleration.write_journal"

# scheduled → held (notes written) or cancelled.
CHECK_IN_WORKFLOW = StateMachine(
    "state",
    [
        Transition("hold", (C.SCHEDULED,), C.HELD, _("Record as held"), permission=JOURNAL),
        Transition("cancel", (C.SCHEDULED,), C.CANCELLED, _("Cancel"), permission=JOURNAL),
    ],
)

P = LaureateProject.State
OUTCOME = "acceleration.record_outcome"

# in acceleration → deployed in N sites / scaled / stopped (with lessons learnt); staff may
# reopen a recorded outcome with a reason.
OUTCOME_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "deploy",
            (P.ACCELERATING,),
            P.DEPLOYED,
            _("Deployed"),
            permission=OUTCOME,
            four_eyes=True,
        ),
        Transition(
            "scale",
            (P.ACCELERATING, P.DEPLOYED),
            P.SCALED,
            _("Scaled"),
            permission=OUTCOME,
            four_eyes=True,
        ),
        Transition(
            "stop",
            (P.ACCELERATING,),
            P.STOPPED,
            _("Stopped"),
            permission=OUTCOME,
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "reopen",
            (P.DEPLOYED, P.SCALED, P.STOPPED),
            P.ACCELERATING,
            _("Reopen the acceleration"),
            permission="acceleration.reopen_outcome",
            four_eyes=True,
            requires_reason=True,
        ),
    ],
)
