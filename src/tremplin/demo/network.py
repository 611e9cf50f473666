"""Demo data: a few hundred experimentation sites across every region (data/sites.json); then
the sites get their codes and contacts' details, and the laureate projects experiments in
various states (through the services, so each has its history). Minutis has none: the demo's
staff propose two of its suggested sites, which the demo's site contact (site@example.org)
answers for (data/experiments.json)."""

from __future__ import annotations

import random
from datetime import timedelta

from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Person
from tremplin.demo import files
from tremplin.network import queries
from tremplin.network.models import Experiment, ExperimentationSite
from tremplin.network.services import experiments
from tremplin.reference.models import BusinessLine, Department

SITE_CONTACT = "site@example.org"
STAFF = "staff@example.org"


def load_sites(people) -> int:
    """A local unit and two establishments in every department (data/sites.json), in a
    deterministic draw: the same sites at every load. Written directly: the platform creates
    sites only by importing the movement's spreadsheets (services.imports), and the demo's
    sites have no spreadsheet."""
    rng = random.Random(21)  # the accelerator opened on 21 May 2019
    data = files.read("sites")
    kinds, names = data["establishment_kinds"], data["establishment_names"]
    unit_lines = data["local_unit_business_lines"]
    prefectures = files.read("prefectures")["prefectures"]
    lines = {b.code: b for b in BusinessLine.objects.all()}
    departments = list(Department.objects.select_related("region").order_by("code"))
    contact = people["site@example.org"]
    created = 0
    for index, department in enumerate(departments):
        town = prefectures[department.code]
        unit = ExperimentationSite.objects.create(
            kind=ExperimentationSite.Kind.LOCAL_UNIT,
            name=f"Unité locale de {town}",
            region=department.region,
            department=department,
            town=town,
            capacity=rng.randint(1, 3),
            willing_to_host=rng.random() > 0.15,
            contact=contact if department.region.code == "FR-PAC" and index % 2 == 0 else None,
        )
        unit.business_lines.set([lines[c] for c in unit_lines[index % len(unit_lines)]])
        created += 1
        for offset in range(2):
            kind = kinds[(index * 2 + offset) % len(kinds)]
            label = names[rng.randrange(len(names))]
            site = ExperimentationSite.objects.create(
                kind=ExperimentationSite.Kind.ESTABLISHMENT,
                name=f"{kind['kind']} {label}",
                region=department.region,
                department=department,
                town=town,
                capacity=rng.randint(1, 4),
                willing_to_host=rng.random() > 0.25,
                contact=contact if department.code == "13" else None,
            )
            site.business_lines.set([lines[c] for c in kind["business_lines"]])
            created += 1
    return created


def load(password: str) -> dict[str, int]:
    staff = Person.objects.get(email=STAFF)
    contact = Person.objects.get(email=SITE_CONTACT)
    _site_details()
    data = files.read("experiments")
    plans_by_season, results = data["plans_by_season"], data["results"]
    count = 0
    projects = LaureateProject.objects.select_related("season").order_by("season__number", "name")
    for index, project in enumerate(projects):
        if project.name == "Minutis":
            continue
        choices = plans_by_season.get(str(project.season.number), [[[]]])
        plans = choices[index % len(choices)]
        suggestions = queries.suggestions(project, limit=len(plans) + 2)
        chosen = [s.site for s in suggestions if s.site.willing_to_host and s.remaining][
            : len(plans)
        ]
        for site, steps in zip(chosen, plans, strict=False):
            count += _experiment(project, site, steps, staff, index, results)
    # HelpMeUp is proposed to one of the contact's sites, so that they have a proposal waiting.
    helpmeup = LaureateProject.objects.filter(name="HelpMeUp").first()
    waiting = (
        ExperimentationSite.objects.filter(contact=contact, willing_to_host=True)
        .exclude(experiments__project=helpmeup)
        .order_by("name")
        .first()
    )
    if helpmeup and waiting:
        experiments.propose(
            helpmeup,
            waiting,
            staff,
            starts_on=helpmeup.starts_on + timedelta(days=60),
            ends_on=helpmeup.starts_on + timedelta(days=120),
            proposal="Trois mois pour proposer le logement solidaire aux salariés du site.",
        )
        count += 1
    answered = _minutis_sites(contact)
    return {"experiments": count, "sites of the demo site contact": answered}


def _site_details() -> None:
    """Codes (as in the movement's lists) and contacts' details for the demo's sites, in one
    bulk update: a site's code and contact are set by the imports, which the demo has not."""
    sites = list(ExperimentationSite.objects.select_related("department").order_by("pk"))
    counters: dict[str, int] = {}
    for site in sites:
        if site.code:
            continue
        prefix = "UL" if site.kind == ExperimentationSite.Kind.LOCAL_UNIT else "ET"
        key = f"{prefix}-{site.department.code}"
        counters[key] = counters.get(key, 0) + 1
        site.code = f"{key}-{counters[key]:03d}"
        site.postal_code = site.postal_code or _postal_code(site.department.code)
        if site.contact_id is None and counters[key] == 1:
            site.contact_name = "Direction du site"
            site.contact_email = f"{site.code.lower()}@example.org"
    ExperimentationSite.objects.bulk_update(
        sites, ["code", "postal_code", "contact_name", "contact_email"], batch_size=200
    )


def _postal_code(department: str) -> str:
    if department in ("2A", "2B"):
        return "20000" if department == "2A" else "20200"
    if len(department) == 3:
        return f"{department}00"
    return f"{department}000"


def _experiment(project, site, steps, staff, index, results) -> int:
    starts = project.starts_on + timedelta(days=45 + 7 * (index % 4))
    experiment = experiments.propose(
        project,
        site,
        staff,
        starts_on=starts,
        ends_on=starts + timedelta(days=60),
        proposal="Tester la solution avec l'équipe du site pendant deux mois.",
    )
    contact = site.contact or staff
    for step in steps:
        actor = contact if step in ("accept", "decline", "start") else staff
        reason = "Pas de disponibilité avant l'été." if step == "decline" else ""
        fields = {}
        if step == "finish":
            fields = {"results": results["finish"], "people_reached": 40 + 13 * (index % 7)}
        if step == "deploy":
            fields = {"results": results["deploy"], "people_reached": 120 + 17 * (index % 5)}
        experiments.fire_experiment(experiment, step, actor, reason=reason, **fields)
    return 1


def _minutis_sites(contact) -> int:
    """The demo's site contact answers for Minutis's best suggestions (the demo's path). The
    contact person of a site is set by the imports (services.sites edits the rest): direct."""
    minutis = LaureateProject.objects.filter(name="Minutis").first()
    if minutis is None:
        return 0
    top = [s.site for s in queries.suggestions(minutis, limit=3)]
    for site in top:
        if site.contact_id != contact.pk:
            site.contact = contact
            site.save(update_fields=["contact", "updated_at"])
    return ExperimentationSite.objects.filter(contact=contact).count()


__all__ = ["Experiment", "load"]
