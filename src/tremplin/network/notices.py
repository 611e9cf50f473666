"""Every message the experimentation network sends, declared once (messaging.registry): to a
site's contact when a project is proposed to the site or the proposal is withdrawn; to the
proposer, the project's referent and team when the experiment moves on. The wording is the
platform's (staff may reword it on the staff page of the notices); who is told is the
services' business (network.services.experiments).

The wordings are the gettext strings the network has always used (msgids unchanged: format
PERCENT). A notice to the followers opens with its subject, as it always has; the site's
answer is optional (left out when the site gave none)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tremplin.core.urls_absolute import absolute
from tremplin.messaging.registry import PERCENT, Notice, register

APP = "network"
MESSAGE_KIND = "network"  # messaging.Message.kind of every network notice

PLACEHOLDERS = {
    "project": _("the project's name"),
    "site": _("the site's name"),
    "link": _("the address of the experiment"),
}


def experiment_values(experiment) -> dict:
    return {
        "project": experiment.project.name,
        "site": experiment.site.name,
        "answer": experiment.answer,
        "link": absolute(reverse("network:experiment", kwargs={"pk": experiment.pk})),
    }


def _declare(kind, label, subject, body, *, placeholders=PLACEHOLDERS, optional=()):
    return register(
        Notice(
            kind=kind,
            label=label,
            subject=subject,
            body=body,
            placeholders=placeholders,
            in_subject=frozenset({"project", "site"}),
            values=experiment_values,
            message_kind=MESSAGE_KIND,
            optional=frozenset(optional),
            format=PERCENT,
        ),
        APP,
    )


# --- To the site's contact ---------------------------------------------------------------------

PROPOSED = _declare(
    "experiment_proposed",
    _("A project is proposed to a site"),
    _("A project is proposed to %(site)s"),
    _(
        "The accelerator's team proposes that %(site)s host an experiment of the "
        "project %(project)s. Please accept or decline it in the platform: %(link)s"
    ),
)
WITHDRAWN = _declare(
    "experiment_withdrawn",
    _("A proposal to a site is withdrawn"),
    _("Proposal withdrawn: %(project)s at %(site)s"),
    _(
        "The accelerator's team withdrew the proposal that %(site)s host an "
        "experiment of the project %(project)s. %(link)s"
    ),
)

# --- To the proposer, the referent and the team ------------------------------------------------

IN_THE_PLATFORM = _("The experiment in the platform: %(link)s")


def _progress(kind, label, subject):
    return _declare(kind, label, subject, (subject, IN_THE_PLATFORM))


ACCEPTED = _progress(
    "experiment_accepted",
    _("A site accepts to host a project"),
    _("%(site)s accepts to host %(project)s"),
)
DECLINED = _declare(
    "experiment_declined",
    _("A site declines to host a project"),
    _("%(site)s declines to host %(project)s"),
    (
        _("%(site)s declines to host %(project)s"),
        _("Their answer: %(answer)s"),
        IN_THE_PLATFORM,
    ),
    placeholders={**PLACEHOLDERS, "answer": _("the site's answer (left out when empty)")},
    optional={"answer"},
)
STARTED = _progress(
    "experiment_started",
    _("An experiment has started"),
    _("The experiment of %(project)s at %(site)s has started"),
)
FINISHED = _progress(
    "experiment_finished",
    _("An experiment is finished"),
    _("The experiment of %(project)s at %(site)s is finished"),
)
DEPLOYED = _progress(
    "experiment_deployed",
    _("A project is deployed at a site"),
    _("%(project)s is deployed at %(site)s"),
)

# The notice to the followers of each transition of the experiment.
FOR_FOLLOWERS = {
    "accept": ACCEPTED,
    "decline": DECLINED,
    "start": STARTED,
    "finish": FINISHED,
    "deploy": DEPLOYED,
}
