"""The experiment's state machine: proposed → accepted / declined → running → finished →
deployed (and staff withdraw a proposal), every transition checked and recorded; the site's
contact and the project's people told in their language; deployed_site_count."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tremplin.core.history import history_of
from tremplin.messaging.models import Message
from tremplin.network.models import Experiment
from tremplin.network.queries import deployed_site_count
from tremplin.network.services import experiments as services
from tremplin.network.workflow import EXPERIMENT_WORKFLOW

from ..conftest import make_site

S = Experiment.Status


def test_the_whole_life_of_an_experiment_is_recorded(network):
    experiment, people = network.experiment, network.people
    services.fire_experiment(experiment, "accept", people["contact"], reason="Avec plaisir")
    services.fire_experiment(experiment, "start", people["contact"])
    services.fire_experiment(experiment, "finish", people["staff"])
    services.fire_experiment(experiment, "deploy", people["staff"])
    experiment.refresh_from_db()
    assert experiment.status == S.DEPLOYED
    assert experiment.answer == "Avec plaisir"
    steps = [
        (e.from_state, e.to_state, e.actor_name)
        for e in history_of(experiment).order_by("at", "pk")
    ]
    assert steps == [
        ("proposed", "accepted", "Marc Petit"),
        ("accepted", "running", "Marc Petit"),
        ("running", "finished", "Sophie Bernard"),
        ("finished", "deployed", "Sophie Bernard"),
    ]
    assert deployed_site_count(network.project) == 1


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.PROPOSED, "start"),
        (S.PROPOSED, "deploy"),
        (S.ACCEPTED, "accept"),
        (S.DECLINED, "accept"),
        (S.RUNNING, "deploy"),
        (S.FINISHED, "withdraw"),
        (S.DEPLOYED, "finish"),
        (S.WITHDRAWN, "accept"),
    ],
)
def test_illegal_moves_are_refused_and_change_nothing(network, status, action):
    experiment = network.experiment
    Experiment.objects.filter(pk=experiment.pk).update(status=status)
    experiment.refresh_from_db()
    with pytest.raises(ValidationError):
        services.fire_experiment(experiment, action, network.people["staff"], reason="x")
    experiment.refresh_from_db()
    assert experiment.status == status
    assert not history_of(experiment).exists()


def test_unknown_action_is_refused(network):
    with pytest.raises(ValidationError):
        services.fire_experiment(network.experiment, "explode", network.people["staff"])


def test_declining_needs_a_reason(network):
    with pytest.raises(ValidationError):
        services.fire_experiment(
            network.experiment, "decline", network.people["contact"], reason="  "
        )
    services.fire_experiment(
        network.experiment, "decline", network.people["contact"], reason="Pas de place"
    )
    network.experiment.refresh_from_db()
    assert network.experiment.status == S.DECLINED
    assert network.experiment.answer == "Pas de place"


@pytest.mark.parametrize("who", ["other_contact", "referent", "mentor", "team", "applicant"])
def test_only_the_sites_contact_and_staff_answer(network, who):
    with pytest.raises(PermissionDenied):
        services.fire_experiment(network.experiment, "accept", network.people[who])
    assert not EXPERIMENT_WORKFLOW.can_fire(network.experiment, "accept", network.people[who])
    assert EXPERIMENT_WORKFLOW.can_fire(network.experiment, "accept", network.people["contact"])


def test_only_staff_withdraw_and_deploy(network):
    with pytest.raises(PermissionDenied):
        services.fire_experiment(
            network.experiment, "withdraw", network.people["contact"], reason="x"
        )
    services.fire_experiment(
        network.experiment, "withdraw", network.people["staff"], reason="Autre site"
    )
    assert network.experiment.status == S.WITHDRAWN


def test_proposing_tells_the_contact_in_their_language(network):
    site = make_site("EHPAD Les Tilleuls", lines=["elderly"], contact=network.people["contact"])
    experiment = services.propose(
        network.project, site, network.people["staff"], proposal="Deux semaines en juin"
    )
    assert experiment.status == S.PROPOSED
    message = Message.objects.get(recipient=network.people["contact"])
    assert message.language == "es"
    assert "Minutis" in message.subject or "Minutis" in message.body
    assert f"/network/experiments/{experiment.pk}/" in message.body
    assert history_of(experiment).get().action == "experiment_proposed"


def test_answers_tell_the_proposer_referent_and_team(network):
    services.fire_experiment(
        network.experiment, "decline", network.people["contact"], reason="Complet"
    )
    recipients = set(Message.objects.values_list("recipient__email", flat=True))
    assert recipients == {"staff-net@example.org", "ref-net@example.org", "team-net@example.org"}
    body = Message.objects.get(recipient=network.people["team"]).body
    assert "Complet" in body


def test_a_site_is_proposed_once_per_project_while_open(network):
    with pytest.raises(ValidationError):
        services.propose(network.project, network.site, network.people["staff"])
    services.fire_experiment(network.experiment, "decline", network.people["contact"], reason="Non")
    again = services.propose(network.project, network.site, network.people["staff"])
    assert again.status == S.PROPOSED


def test_sites_not_willing_and_non_staff_cannot_be_proposed(network):
    unwilling = make_site("Fermé", willing=False)
    with pytest.raises(ValidationError):
        services.propose(network.project, unwilling, network.people["staff"])
    with pytest.raises(PermissionDenied):
        services.propose(network.project, network.other_site, network.people["referent"])
    with pytest.raises(ValidationError):
        services.propose(
            network.project,
            network.other_site,
            network.people["staff"],
            starts_on="2026-05-01",
            ends_on="2026-04-01",
        )


def test_the_report_opens_once_accepted_and_is_recorded(network):
    experiment, contact = network.experiment, network.people["contact"]
    with pytest.raises(ValidationError):
        services.update_report(experiment, contact, results="trop tôt")
    services.fire_experiment(experiment, "accept", contact)
    services.update_report(experiment, contact, results="120 personnes formées", people_reached=120)
    experiment.refresh_from_db()
    assert experiment.people_reached == 120
    entry = history_of(experiment).filter(action="experiment_updated").get()
    assert entry.data["changes"]["people_reached"] == [None, 120]
    with pytest.raises(PermissionDenied):
        services.update_report(experiment, network.people["other_contact"], results="x")


def test_deployed_site_count_counts_sites_not_experiments(network):
    project, staff = network.project, network.people["staff"]
    assert deployed_site_count(project) == 0
    for site in (network.site, network.other_site):
        experiment = (
            network.experiment if site == network.site else services.propose(project, site, staff)
        )
        for action in ("accept", "start", "finish", "deploy"):
            services.fire_experiment(experiment, action, staff)
    assert deployed_site_count(project) == 2


def test_the_network_notices_are_a_kind_of_their_own(network):
    services.fire_experiment(network.experiment, "accept", network.people["contact"])
    assert set(Message.objects.values_list("kind", flat=True)) == {"network"}
