"""The experiment's life as one state machine: staff propose a site, the site's contact accepts
or declines, the experiment runs, finishes and, the aim, is deployed. Every transition is
checked (state and permission) and recorded by core.workflow. Answering, withdrawing and
marking deployed are four-eyes transitions: nobody on the project's team fires them. And an
import of sites: checked, then applied."""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition

from .models import Experiment, SiteImport

S = Experiment.Status

EXPERIMENT_WORKFLOW = StateMachine(
    "status",
    [
        Transition(
            "accept",
            (S.PROPOSED,),
            S.ACCEPTED,
            _("Accept"),
            "network.answer_experiment",
            four_eyes=True,
        ),
        Transition(
            "decline",
            (S.PROPOSED,),
            S.DECLINED,
            _("Decline"),
            "network.answer_experiment",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "withdraw",
            (S.PROPOSED, S.ACCEPTED),
            S.WITHDRAWN,
            _("Withdraw the proposal"),
            "network.manage_experiment",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition("start", (S.ACCEPTED,), S.RUNNING, _("Start"), "network.run_experiment"),
        Transition("finish", (S.RUNNING,), S.FINISHED, _("Finish"), "network.run_experiment"),
        Transition(
            "deploy",
            (S.FINISHED,),
            S.DEPLOYED,
            _("Mark as deployed"),
            "network.manage_experiment",
            four_eyes=True,
        ),
    ],
)


SI = SiteImport.State

# An uploaded list of sites is checked (the dry run), then applied once: services.imports.apply
# checks the file again and fires "apply" in the transaction that writes the sites. Its history
# keeps the name it had before the machine ("sites_imported", network/audit.py).
SITE_IMPORT_WORKFLOW = StateMachine(
    "state",
    [
        Transition(
            "apply",
            (SI.CHECKED,),
            SI.APPLIED,
            _("Apply"),
            "network.import_sites",
            action="sites_imported",
        )
    ],
)
