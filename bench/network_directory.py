"""Experimentation network: server time of the site directory with two filters, and of the site
suggestions for one project, on a network of 1,614 sites (1,037 local units and 577
establishments, as in DOMAIN.md) and 5,000 laureate projects with their experiments.

    .venv/bin/python bench/network_directory.py                  # SQLite file in bench/results/network/
    .venv/bin/python bench/network_directory.py --database postgres://postgres@127.0.0.1:5432/tremplin_network_bench

The data are bulk-inserted on the first run and reused by the next ones. Pages are requested
in-process with Django's test client, signed in as staff with two-factor authentication: the
time is the server's (middleware, view, queries, template), without HTTP. Each measure varies
its requests (filters, pages, projects) so that no single cached plan flatters it.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from committee_data import configure

LOCAL_UNITS, ESTABLISHMENTS, PROJECTS = 1037, 577, 5000
PREFIX = "bench-network"
STAFF_EMAIL = "bench-network-staff@example.org"
TARGET_MS = 200


def build(seed: int = 21) -> dict:
    from tremplin.acceleration.models import LaureateProject
    from tremplin.network.models import Experiment, ExperimentationSite
    from tremplin.programmes.models import Audience, Programme, Season
    from tremplin.reference.models import BusinessLine, Department

    rng = random.Random(seed)
    departments = list(Department.objects.select_related("region"))
    lines = list(BusinessLine.objects.all())
    if not ExperimentationSite.objects.filter(code__startswith=PREFIX).exists():
        sites = []
        for kind, count in (("local_unit", LOCAL_UNITS), ("establishment", ESTABLISHMENTS)):
            for i in range(count):
                department = rng.choice(departments)
                sites.append(
                    ExperimentationSite(
                        code=f"{PREFIX}-{kind[:2]}-{i}",
                        kind=kind,
                        name=f"{'Unité locale' if kind == 'local_unit' else 'Établissement'} "
                        f"{department.name} {i}",
                        region=department.region,
                        department=department,
                        town=department.name,
                        capacity=rng.randint(1, 5),
                        willing_to_host=rng.random() > 0.2,
                    )
                )
        sites = ExperimentationSite.objects.bulk_create(sites, batch_size=500)
        through = ExperimentationSite.business_lines.through
        through.objects.bulk_create(
            [
                through(experimentationsite_id=site.pk, businessline_id=line.pk)
                for site in sites
                for line in rng.sample(lines, rng.randint(1, 3))
            ],
            batch_size=2000,
        )
    if not LaureateProject.objects.filter(slug__startswith=PREFIX).exists():
        season = Season.objects.get_or_create(number=95, defaults={"opened_on": date(2024, 5, 21)})[
            0
        ]
        programmes = [
            Programme.objects.get_or_create(
                slug=f"{PREFIX}-{track}",
                defaults={"name": {"fr": track}, "audience": Audience.ANYONE},
            )[0]
            for track in ("intrapreneur", "entrepreneur")
        ]
        projects = []
        for i in range(PROJECTS):
            track = "intrapreneur" if i % 3 == 0 else "entrepreneur"
            projects.append(
                LaureateProject(
                    name=f"Projet {i}",
                    slug=f"{PREFIX}-{i}",
                    pitch={"fr": f"Projet {i}"},
                    season=season,
                    programme=programmes[track == "entrepreneur"],
                    track=track,
                    region=rng.choice(departments).region,
                    starts_on=date(2024, 9, 1),
                    ends_on=date(2025, 3, 1),
                )
            )
        projects = LaureateProject.objects.bulk_create(projects, batch_size=500)
        through = LaureateProject.business_lines.through
        through.objects.bulk_create(
            [
                through(laureateproject_id=project.pk, businessline_id=line.pk)
                for project in projects
                for line in rng.sample(lines, rng.randint(1, 2))
            ],
            batch_size=2000,
        )
        site_ids = list(
            ExperimentationSite.objects.filter(code__startswith=PREFIX).values_list("pk", flat=True)
        )
        statuses = ["deployed"] * 3 + ["finished"] * 2 + ["running", "accepted", "proposed"]
        statuses += ["declined"]
        experiments = []
        for project in projects:
            for site_id in rng.sample(site_ids, rng.randint(0, 4)):
                starts = project.starts_on + timedelta(days=rng.randint(20, 90))
                experiments.append(
                    Experiment(
                        project=project,
                        site_id=site_id,
                        status=rng.choice(statuses),
                        starts_on=starts,
                        ends_on=starts + timedelta(days=60),
                        people_reached=rng.randint(0, 400),
                    )
                )
        Experiment.objects.bulk_create(experiments, batch_size=1000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "sites": ExperimentationSite.objects.count(),
        "local units": ExperimentationSite.objects.filter(kind="local_unit").count(),
        "establishments": ExperimentationSite.objects.filter(kind="establishment").count(),
        "projects": LaureateProject.objects.count(),
        "experiments": Experiment.objects.count(),
    }


def staff_person():
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tremplin.accounts import services as accounts
    from tremplin.accounts.models import Person

    staff = Person.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        staff = Person.objects.create_user(STAFF_EMAIL, None, full_name="Bench Staff")
        EmailAddress.objects.create(user=staff, email=STAFF_EMAIL, verified=True, primary=True)
        accounts.grant_role(staff, "staff")
        TOTP.activate(staff, generate_totp_secret())
    return staff


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))]


def timed(client, requests, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url, params in requests[:3]:  # warm-up: compiled templates, caches, database pages
        assert client.get(url, params).status_code == 200
    times, queries = [], []
    for _ in range(rounds):
        for url, params in requests:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, params)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, params, response.status_code)
            queries.append(len(captured))
    return {
        "requests": len(times),
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "max": max(times),
        "queries": (min(queries), max(queries)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a SQLite file)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    configure(args.database, folder="network")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tremplin.acceleration.models import LaureateProject
    from tremplin.network import queries
    from tremplin.reference.models import BusinessLine, Department, Region

    started = time.perf_counter()
    counts = build()
    print(f"data ready in {time.perf_counter() - started:.0f} s: {counts}", flush=True)
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(staff_person())

    rng = random.Random(2026)
    regions = list(Region.objects.values_list("code", flat=True))
    lines = list(BusinessLine.objects.values_list("code", flat=True))
    departments = list(Department.objects.values_list("code", flat=True))
    directory = reverse("network:directory")
    requests = []
    for i in range(30):
        choice = i % 5
        if choice == 0:
            params = {"region": rng.choice(regions), "business_line": rng.choice(lines)}
        elif choice == 1:
            params = {"kind": rng.choice(["local_unit", "establishment"]), "available": "on"}
        elif choice == 2:
            params = {"department": rng.choice(departments), "willing": "yes"}
        elif choice == 3:
            params = {"business_line": rng.choice(lines), "available": "on", "page": "2"}
        else:
            params = {
                "region": rng.choice(regions),
                "q": rng.choice(["Unité", "Établissement", "Nord"]),
            }
        requests.append((directory, params))
    directory_figures = timed(client, requests, args.rounds)

    project_ids = list(
        LaureateProject.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
    )
    projects = list(LaureateProject.objects.filter(pk__in=rng.sample(project_ids, 20)))
    pages = [(reverse("network:project_experiments", args=[p.slug]), {}) for p in projects]
    page_figures = timed(client, pages, args.rounds)
    suggestion_times = []
    for _ in range(args.rounds):
        for project in projects:
            began = time.perf_counter()
            queries.suggestions(project)
            suggestion_times.append((time.perf_counter() - began) * 1000)
    load = os.getloadavg()
    print()
    print(f"database: {connection.vendor} {'.'.join(map(str, connection.get_database_version()))}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"network: {counts}")
    for label, figures in (
        ("directory, two filters (page of 50)", directory_figures),
        ("project's experiments page with its 20 suggested sites", page_figures),
    ):
        verdict = "meets" if figures["p95"] < TARGET_MS else "MISSES"
        print(
            f"{label}: {figures['requests']} requests, p50 {figures['p50']:.1f} ms, "
            f"p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} ms, "
            f"queries {figures['queries'][0]}-{figures['queries'][1]} "
            f"({verdict} the {TARGET_MS} ms target)"
        )
    print(
        f"suggestions alone (queries.suggestions): p50 {statistics.median(suggestion_times):.1f} ms, "
        f"p95 {percentile(suggestion_times, 0.95):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
