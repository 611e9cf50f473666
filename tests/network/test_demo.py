"""The issue's "done means" with the demo data: staff open Minutis's experiments, see the
suggested sites and propose two; the demo's site contact accepts; staff see the sites per
region. Also: the demo's experiments are in various states, each with its history."""

import re

import pytest
from django.urls import reverse

from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Person
from tremplin.core.history import history_of
from tremplin.demo import dataset
from tremplin.network.models import Experiment, ExperimentationSite


@pytest.fixture
def demo(db, settings):
    settings.TREMPLIN_REQUIRE_MFA = False  # as in `tremplin demo`
    return dataset.load()


def test_done_means_with_the_demo(client, demo):
    staff = Person.objects.get(email="staff@example.org")
    contact = Person.objects.get(email="site@example.org")
    minutis = LaureateProject.objects.get(name="Minutis")
    client.force_login(staff)
    page = client.get(reverse("network:project_experiments", args=[minutis.slug]))
    assert page.status_code == 200
    suggestions = page.context["suggestions"]
    top_two = [s.site for s in suggestions[:2]]
    assert all(site.contact == contact for site in top_two)
    for site in top_two:
        url = reverse("network:propose_site", args=[minutis.slug, site.pk])
        assert url in page.content.decode()
        assert client.post(url, {"proposal": "Un mois de test"}).status_code == 302

    client.force_login(contact)
    mine = client.get(reverse("network:my_experiments")).content.decode()
    proposed = Experiment.objects.filter(project=minutis)
    assert proposed.count() == 2
    for experiment in proposed:
        assert reverse("network:experiment", args=[experiment.pk]) in mine
        url = reverse("network:experiment_transition", args=[experiment.pk, "accept"])
        assert client.post(url, {"reason": ""}).status_code == 302
    assert set(proposed.values_list("status", flat=True)) == {"accepted"}

    client.force_login(staff)
    regions = client.get(reverse("network:regions"))
    assert regions.status_code == 200
    counts = {row.region.code: row.sites for row in regions.context["counts"]}
    assert sum(counts.values()) == ExperimentationSite.objects.count()
    assert len(re.findall(r"<rect", regions.content.decode())) == 18


def test_demo_experiments_in_various_states(demo):
    statuses = set(Experiment.objects.values_list("status", flat=True))
    assert {"deployed", "finished", "running", "accepted", "declined", "proposed"} <= statuses
    assert demo["experiments"] == Experiment.objects.count()
    deployed = Experiment.objects.filter(status="deployed").first()
    assert len(history_of(deployed)) == 5  # proposed, accepted, running, finished, deployed
    assert not ExperimentationSite.objects.filter(code__isnull=True).exists()
    contact = Person.objects.get(email="site@example.org")
    assert Experiment.objects.filter(site__contact=contact, status="proposed").exists()
