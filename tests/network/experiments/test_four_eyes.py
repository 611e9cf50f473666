"""The four-eyes rule in the network: the contact of a site who is on the team of the project
proposed to it neither accepts nor declines the proposal (staff answer instead), and a staff
member on a project's team neither proposes sites to it, nor withdraws its proposals, nor marks
it deployed. The page offers them no such action; a forced request gets a 403 page that says
why, and nothing is recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tremplin.core.history import history_of
from tremplin.network.models import Experiment
from tremplin.network.services import experiments as services
from tremplin.network.workflow import EXPERIMENT_WORKFLOW

from ..conftest import make_site

S = Experiment.Status
OWN_WORK = "You cannot decide on your own work: another person must do it."


@pytest.mark.parametrize(("action", "reason"), [("accept", ""), ("decline", "Pas de place")])
def test_a_site_contact_does_not_answer_for_their_own_project(network, action, reason):
    contact, experiment = network.people["contact"], network.experiment
    network.project.team.add(contact)
    assert not contact.has_perm("network.answer_experiment", experiment)
    assert not EXPERIMENT_WORKFLOW.available(experiment, contact)
    with pytest.raises(PermissionDenied) as refused:
        services.fire_experiment(experiment, action, contact, reason=reason)
    assert str(refused.value) == OWN_WORK
    experiment.refresh_from_db()
    assert experiment.status == S.PROPOSED
    assert not history_of(experiment).exists()
    # Staff answer instead.
    services.fire_experiment(experiment, action, network.people["staff"], reason=reason)


def test_the_experiment_page_offers_them_no_answer_and_a_forced_one_says_why(client, network):
    contact, experiment = network.people["contact"], network.experiment
    contact.preferred_language = "en"
    contact.save(update_fields=["preferred_language"])
    network.project.team.add(contact)
    client.force_login(contact)
    page = client.get(reverse("network:experiment", kwargs={"pk": experiment.pk}))
    assert page.status_code == 200
    assert not page.context["actions"]
    forced = client.post(
        reverse("network:experiment_transition", kwargs={"pk": experiment.pk, "action": "accept"}),
        {"reason": ""},
    )
    assert forced.status_code == 403
    assert OWN_WORK in forced.content.decode()
    experiment.refresh_from_db()
    assert experiment.status == S.PROPOSED


def test_staff_on_the_team_neither_propose_nor_withdraw_nor_deploy(network):
    staff, project = network.people["staff"], network.project
    project.team.add(staff)
    assert not staff.has_perm("network.propose_site", project)
    with pytest.raises(PermissionDenied):
        services.propose(project, network.other_site, staff)
    with pytest.raises(PermissionDenied):
        services.fire_experiment(network.experiment, "withdraw", staff, reason="Non")
    Experiment.objects.filter(pk=network.experiment.pk).update(status=S.FINISHED)
    network.experiment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.fire_experiment(network.experiment, "deploy", staff)
    assert Experiment.objects.filter(project=project).count() == 1


def test_they_still_run_and_report_an_experiment_on_their_site(network):
    """Starting, finishing and reporting results are the site's work, not a decision on the
    project: the contact keeps them."""
    contact = network.people["contact"]
    make_site("Unité locale d'Aix", contact=contact)
    network.project.team.add(contact)
    Experiment.objects.filter(pk=network.experiment.pk).update(status=S.ACCEPTED)
    network.experiment.refresh_from_db()
    services.fire_experiment(network.experiment, "start", contact, starts_on=timezone.localdate())
    network.experiment.refresh_from_db()
    assert network.experiment.status == S.RUNNING
