"""Proposing a site to a project and moving the experiment along its state machine; the
people concerned are told in their own language (messaging)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tremplin.core import four_eyes, history
from tremplin.core.services import require
from tremplin.messaging.services import send

from .. import audit, notices
from ..models import Experiment
from ..workflow import EXPERIMENT_WORKFLOW


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


def _tell_site(experiment, event: str) -> None:
    contact = experiment.site.contact
    if contact is None or not contact.is_active:
        return
    notice = notices.PROPOSED if event == "proposed" else notices.WITHDRAWN
    send(notice, contact, obj=experiment)


def _tell_followers(experiment, event: str, actor) -> None:
    """The proposer, the project's referent and team hear about the experiment's progress."""
    project = experiment.project
    recipients = {}
    for person in [experiment.proposed_by, project.referent, *project.team.all()]:
        if person is not None and person.is_active and person.pk != actor.pk:
            recipients[person.pk] = person
    send(notices.FOR_FOLLOWERS[event], list(recipients.values()), obj=experiment)
