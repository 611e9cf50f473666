"""The outcome's state machine, the alumni's catalogue draft, the sites prefilled from the network."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.programmes import builders
from tremplin.acceleration import queries
from tremplin.acceleration.services import outcome
from tremplin.core import history
from tremplin.core.workflow import TransitionNotAllowed
from tremplin.network.models import Experiment
from tremplin.reference.models import BusinessLine


def test_outcome_state_machine(world):
    referent, project = world.people["referent"], world.project
    with pytest.raises(ValidationError):
        outcome.record_outcome(project, referent, "deploy")  # how many sites?
    with pytest.raises(TransitionNotAllowed):
        outcome.record_outcome(project, referent, "stop")  # lessons required
    outcome.record_outcome(project, referent, "deploy", sites=3)
    assert project.state == "deployed" and project.deployed_sites == 3
    assert project.is_finished
    with pytest.raises(PermissionDenied):
        outcome.record_outcome(project, referent, "reopen", lessons="Mistake")
    outcome.record_outcome(project, world.people["staff"], "reopen", lessons="Typed too fast")
    outcome.record_outcome(project, referent, "stop", lessons="No site could host it")
    project.refresh_from_db()
    assert project.state == "stopped" and project.lessons == "No site could host it"
    moves = [(e.from_state, e.to_state) for e in history.history_of(project).order_by("at", "id")]
    assert moves == [
        ("accelerating", "deployed"),
        ("deployed", "accelerating"),
        ("accelerating", "stopped"),
    ]


def test_alumni_publish_to_catalogue_prefilled_once(world):
    team, project = world.people["team"], world.project
    health = BusinessLine.objects.order_by("position")[0]
    project.business_lines.set([health])
    with pytest.raises(PermissionDenied):  # still in acceleration
        outcome.publish_to_catalogue(project, team)
    outcome.record_outcome(project, world.people["referent"], "deploy", sites=2)
    version = outcome.publish_to_catalogue(project, team)
    assert version.title.shown("fr").text == "Minutis"
    assert list(version.business_lines.all()) == [health]
    assert outcome.publish_to_catalogue(project, team).pk == version.pk
    with pytest.raises(PermissionDenied):
        outcome.publish_to_catalogue(project, world.people["referent"])


def test_outcome_sites_prefilled_from_the_network(client, world, settings):

    settings.TREMPLIN_REQUIRE_MFA = False
    for _ in range(2):
        Experiment.objects.create(
            project=world.project, site=builders.site(), status=Experiment.Status.DEPLOYED
        )
    Experiment.objects.create(project=world.project, site=builders.site())
    assert queries.suggested_site_count(world.project) == 2
    client.force_login(world.people["referent"])
    html = client.get(f"/acceleration/projects/{world.project.slug}/outcome/").content.decode()
    assert 'value="2"' in html
