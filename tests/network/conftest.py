"""The experimentation network around one laureate project: staff, the project's referent,
mentor and team member, another applicant, the contact of a site in Provence and the contact
of another site; pages are read in English."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Person
from tremplin.network.models import Experiment, ExperimentationSite
from tremplin.reference.models import BusinessLine, Department, Region


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """These tests read the pages in English, the language their strings are written in:
    everyone created here prefers English unless a test says otherwise."""

    monkeypatch.setattr(Person._meta.get_field("preferred_language"), "default", "en")
    with translation.override("en"):
        yield


def line(code: str) -> BusinessLine:
    return BusinessLine.objects.get(code=code)


def make_site(
    name,
    department="13",
    *,
    kind=ExperimentationSite.Kind.LOCAL_UNIT,
    lines=(),
    capacity=1,
    willing=True,
    contact=None,
    code=None,
    town=None,
):
    department = Department.objects.select_related("region").get(code=department)
    site = ExperimentationSite.objects.create(
        code=code,
        kind=kind,
        name=name,
        region=department.region,
        department=department,
        town=town or name,
        capacity=capacity,
        willing_to_host=willing,
        contact=contact,
    )
    site.business_lines.set([line(code) for code in lines])
    return site


@dataclass
class Network:
    project: LaureateProject
    site: ExperimentationSite
    other_site: ExperimentationSite
    experiment: Experiment
    people: dict


def build_network() -> Network:
    people = {
        "staff": make_person("staff-net@example.org", roles=["staff"], full_name="Sophie Bernard"),
        "referent": make_person("ref-net@example.org", roles=["referent"], full_name="Julien M"),
        "mentor": make_person("men-net@example.org", roles=["mentor"], full_name="Nadia H"),
        "team": make_person("team-net@example.org", full_name="Antoine C"),
        "applicant": make_person("other-net@example.org", roles=["applicant"], full_name="Cam"),
        "contact": make_person(
            "site-net@example.org",
            roles=["site_contact"],
            full_name="Marc Petit",
            preferred_language="es",
        ),
        "other_contact": make_person(
            "site2-net@example.org", roles=["site_contact"], full_name="Luc Autre"
        ),
    }
    project = builders.project(
        "Minutis",
        referent=people["referent"],
        mentors=[people["mentor"]],
        team=[people["team"]],
    )
    project.track = LaureateProject.Track.INTRAPRENEUR
    project.region = Region.objects.get(code="FR-PAC")
    project.save()
    project.business_lines.set([line("emergency")])
    site = make_site(
        "Unité locale de Marseille",
        lines=["emergency", "volunteering"],
        capacity=2,
        contact=people["contact"],
        code="UL-13-001",
        town="Marseille",
    )
    other_site = make_site(
        "Unité locale de Lille",
        "59",
        lines=["food-aid"],
        contact=people["other_contact"],
        code="UL-59-001",
        town="Lille",
    )
    experiment = Experiment.objects.create(project=project, site=site, proposed_by=people["staff"])
    return Network(project, site, other_site, experiment, people)


@pytest.fixture
def network(db) -> Network:
    return build_network()
