"""Proposing a site to a project and moving the experiment along its state machine; the
people concerned are told in their own language (messaging)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tremplin.core import four_eyes, history
from tremplin.core.services import require
from tremplin.core.urls_absolute import absolute
from tremplin.messaging.models import Kind
from tremplin.messaging.services import notify

from .. import audit
from ..models import Experiment
from ..workflow import EXPERIMENT_WORKFLOW

# Notices of the network are worded here (like the catalogue's), not per call.
MESSAGE_KIND = Kind.NETWORK


def _check_dates(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})


def propose(project, site, actor, *, starts_on=None, ends_on=None, proposal="") -> Experiment:
    """Staff propose `site` to `project`: the site's contact is told and answers in the
    platform."""
    four_eyes.require(actor, "network.propose_site", project)
    if not site.willing_to_host:
        raise ValidationError(_("This site does not wish to host experiments at the moment."))
    _check_dates(starts_on, ends_on)
    try:
        with transaction.atomic():
            experiment = Experiment.objects.create(
                project=project,
                site=site,
                starts_on=starts_on,
                ends_on=ends_on,
                proposal=proposal,
                proposed_by=actor,
            )
            history.record(
                experiment,
                audit.EXPERIMENT_PROPOSED,
                actor,
                to_state=experiment.status,
                site=site.name,
                project=project.name,
            )
            _tell_site(experiment, "proposed")
    except IntegrityError as error:
        raise ValidationError(
            _("This site is already proposed to this project (or hosts its experiment).")
        ) from error
    return experiment


def fire_experiment(experiment, name: str, actor, *, reason: str = "", **fields) -> Experiment:
    """Fire transition `name`; `fields` (answer, results, people_reached, dates) are saved in
    the same transaction."""
    allowed = {"answer", "results", "people_reached", "starts_on", "ends_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    _check_dates(
        fields.get("starts_on", experiment.starts_on), fields.get("ends_on", experiment.ends_on)
    )
    with transaction.atomic():
        locked = EXPERIMENT_WORKFLOW.fire(experiment, name, actor, reason=reason)
        if name in ("accept", "decline") and reason and "answer" not in fields:
            fields["answer"] = reason
        if fields:
            for key, value in fields.items():
                setattr(locked, key, value)
                setattr(experiment, key, value)
            locked.save(update_fields=[*fields, "updated_at"])
        if name in ("accept", "decline"):
            _tell_followers(locked, name, actor)
        elif name == "withdraw":
            _tell_site(locked, "withdrawn")
        elif name in ("start", "finish", "deploy"):
            _tell_followers(locked, name, actor)
    return locked


def update_report(experiment, actor, **fields) -> Experiment:
    """Results, people reached and dates, by the site's contact or staff."""
    require(actor, "network.report_experiment", experiment)
    if experiment.status in ("proposed", "declined", "withdrawn"):
        raise ValidationError(_("The report opens once the site has accepted the experiment."))
    allowed = {"results", "people_reached", "starts_on", "ends_on"}
    fields = {k: v for k, v in fields.items() if k in allowed}
    _check_dates(
        fields.get("starts_on", experiment.starts_on), fields.get("ends_on", experiment.ends_on)
    )
    with transaction.atomic():
        locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
        changed = {
            key: [_plain(getattr(locked, key)), _plain(value)]
            for key, value in fields.items()
            if getattr(locked, key) != value
        }
        if not changed:
            return locked
        for key, value in fields.items():
            setattr(locked, key, value)
        locked.save()
        history.record(locked, audit.EXPERIMENT_UPDATED, actor, changes=changed)
    return locked


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


# --- Notices ----------------------------------------------------------------------------------


def _link(experiment) -> str:
    return absolute(reverse("network:experiment", kwargs={"pk": experiment.pk}))


def _tell_site(experiment, event: str) -> None:
    contact = experiment.site.contact
    if contact is None or not contact.is_active:
        return
    project, site = experiment.project, experiment.site

    def write():
        values = {"project": project.name, "site": site.name, "link": _link(experiment)}
        if event == "proposed":
            subject = _("A project is proposed to %(site)s") % values
            body = (
                _(
                    "The accelerator's team proposes that %(site)s host an experiment of the "
                    "project %(project)s. Please accept or decline it in the platform: %(link)s"
                )
                % values
            )
        else:
            subject = _("Proposal withdrawn: %(project)s at %(site)s") % values
            body = (
                _(
                    "The accelerator's team withdrew the proposal that %(site)s host an "
                    "experiment of the project %(project)s. %(link)s"
                )
                % values
            )
        return subject, body

    notify(contact, write, kind=MESSAGE_KIND)


def _tell_followers(experiment, event: str, actor) -> None:
    """The proposer, the project's referent and team hear about the experiment's progress."""
    project, site = experiment.project, experiment.site
    recipients = {}
    for person in [experiment.proposed_by, project.referent, *project.team.all()]:
        if person is not None and person.is_active and person.pk != actor.pk:
            recipients[person.pk] = person
    link = _link(experiment)

    def write():
        values = {"project": project.name, "site": site.name, "link": link}
        subjects = {
            "accept": _("%(site)s accepts to host %(project)s"),
            "decline": _("%(site)s declines to host %(project)s"),
            "start": _("The experiment of %(project)s at %(site)s has started"),
            "finish": _("The experiment of %(project)s at %(site)s is finished"),
            "deploy": _("%(project)s is deployed at %(site)s"),
        }
        subject = subjects[event] % values
        body = subject + "\n\n"
        if event == "decline" and experiment.answer:
            body += _("Their answer: %(answer)s") % {"answer": experiment.answer} + "\n\n"
        body += _("The experiment in the platform: %(link)s") % values
        return subject, body

    for person in recipients.values():
        notify(person, write, kind=MESSAGE_KIND)
