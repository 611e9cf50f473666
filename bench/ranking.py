"""The committee's ranking page of a call with 2,000 applications, 20 reviewers and 300 reviews
each (6,000 submitted reviews): server time of the page (calibration and tie-break included)
and of its CSV export, as the chair and as staff, the time of the calibration alone, and the
number of SQL queries, which must be the same as for a call of 20 applications.

    .venv/bin/python bench/ranking.py
    .venv/bin/python bench/ranking.py --database postgres://postgres@127.0.0.1:5432/tremplin_bench

The calls are built by bench/committee_data.py (the data of the committee benchmarks: the
reviewers have a severity and a scale, so calibration has something to correct); this script
then makes their programme one where regional representativeness counts, sets 20 places and
gives the programme past laureates leaning to a few regions, so that the tie-break runs. The
SQLite file lives in bench/results/ranking/ and is reused. The pages are requested in-process
with Django's test client, signed in with two-factor authentication: the time measured is the
server's (middleware, view, queries, calibration, tie-break, template), without HTTP or the
network."""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Regions drawn with these weights: the portfolio and the applications lean to Île-de-France.
REGION_WEIGHTS = {"FR-IDF": 8, "FR-ARA": 4, "FR-OCC": 3, "FR-NAQ": 3, "FR-973": 1, "FR-976": 1}


def for_the_tie_break(call, places: int, laureates: int, seed: int) -> None:
    """Representativeness counts for the call's programme, `places` places, and `laureates`
    past laureates of the programme from an earlier season, most from a few regions (done
    once)."""
    from datetime import date

    from tremplin.acceleration.models import LaureateProject
    from tremplin.programmes.models import Season
    from tremplin.reference.models import BusinessLine, Region
    from tremplin.selection.services import settings_for

    programme = call.programme
    if programme.regional_representativeness:
        return
    rng = random.Random(seed)
    programme.regional_representativeness = True
    programme.places = places
    programme.save(update_fields=["regional_representativeness", "places"])
    settings = settings_for(call)
    settings.tie_break = "margin"
    settings.save(update_fields=["tie_break"])
    past = Season.objects.get_or_create(number=80, defaults={"opened_on": date(2019, 5, 21)})[0]
    regions = {r.code: r for r in Region.objects.all()}
    lines = list(BusinessLine.objects.values_list("code", flat=True))
    codes, weights = list(REGION_WEIGHTS), list(REGION_WEIGHTS.values())
    for n in range(laureates):
        project = LaureateProject.objects.create(
            name=f"Lauréat {call.slug} {n}",
            slug=f"{call.slug}-laureat-{n}"[:80],
            pitch={"fr": "x"},
            season=past,
            programme=programme,
            track="intrapreneur",
            region=regions[rng.choices(codes, weights)[0]],
            starts_on=date(2019, 9, 1),
            ends_on=date(2020, 3, 1),
        )
        project.business_lines.set(BusinessLine.objects.filter(code__in=rng.sample(lines, 2)))


def prepare(database, applications, reviewers, reviews_each):
    sys.path.insert(0, str(ROOT / "bench"))
    from committee_data import build_call, configure

    configure(database, folder="ranking")
    big = build_call(applications, reviewers, reviews_each, seed=2021)
    small = build_call(20, reviewers, 3, seed=7)
    for_the_tie_break(big.call, places=20, laureates=40, seed=1)
    for_the_tie_break(small.call, places=5, laureates=4, seed=2)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return big.staff, big.chair, small.chair, big.call, small.call


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    return ".".join(map(str, divmod(connection.pg_version, 10000)))


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client, url, runs, stream=False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response.streaming_content) if stream else response.content
        return response, body

    for _ in range(2):
        get()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response, body = get()
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "bytes": len(body),
        "context": getattr(response, "context", None),
    }


def calibration_alone(call, runs):
    from tremplin.selection import calibration
    from tremplin.selection.queries import ranking as queries_ranking

    reviews = queries_ranking._reviews(call)
    ids = [a["pk"] for a in queries_ranking._applications(call)]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = calibration.calibrate(reviews, ids)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a SQLite file)")
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--reviews-each", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print("Preparing the data (reused when present)...", flush=True)
    staff, chair, small_chair, big, small = prepare(
        args.database, args.applications, args.reviewers, args.reviews_each
    )

    from django import VERSION as DJANGO_VERSION
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from tremplin.selection.models import Review

    reviews = Review.objects.filter(assignment__application__call=big).count()
    print(
        f"Call {big.slug}: {big.applications.count():,} applications, {reviews:,} reviews by "
        f"{args.reviewers} reviewers; small call: {small.applications.count()} applications."
    )
    took, result = calibration_alone(big, 10)
    print(
        f"Calibration alone (numpy): {took:.0f} ms, status {result.status}, "
        f"{result.iterations} iterations, sigma {result.sigma:.3f}"
    )
    from tremplin.selection.queries import ranking as queries_ranking

    ranking = queries_ranking.ranking(big)
    print(
        f"Ranking: {ranking.tiebreak.status}, selection line at {ranking.places} places, band of "
        f"{len(ranking.tiebreak.band)} applications, {len(ranking.tiebreak.moves)} moved; "
        f"{sum(1 for row in ranking.rows if row.disagreement)} flagged for disagreement"
    )
    rows = []
    for who, big_person, small_person in (("chair", chair, small_chair), ("staff", staff, staff)):
        for page, name in (
            ("ranking page", "selection:ranking"),
            ("CSV export", "selection:ranking_export"),
        ):
            figures = {}
            for label, call, person, runs in (
                ("big", big, big_person, args.runs),
                ("small", small, small_person, 5),
            ):
                client = Client()
                client.force_login(person)
                url = reverse(name, kwargs={"slug": call.slug})
                figures[label] = measure(client, url, runs, stream=name.endswith("export"))
            large = figures["big"]
            rows.append(
                (who, page, large["median"], large["p95"], large["queries"],
                 figures["small"]["queries"], large["bytes"])
            )  # fmt: skip
            print(
                f"{who:5} {page:12}: median {large['median']:.0f} ms, p95 {large['p95']:.0f} ms, "
                f"{large['queries']} queries ({figures['small']['queries']} for 20 applications), "
                f"{large['bytes'] / 1e6:.1f} MB",
                flush=True,
            )
    print()
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, Django "
        f"{'.'.join(map(str, DJANGO_VERSION[:3]))}, {connection.vendor} {database_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print("| who | page | median (ms) | p95 (ms) | queries, 2,000 | queries, 20 | size |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for who, page, median, p95, queries, small_queries, size in rows:
        print(
            f"| {who} | {page} | {median:.0f} | {p95:.0f} | {queries} | {small_queries} | {size / 1e6:.1f} MB |"
        )
    same = all(row[4] == row[5] for row in rows)
    print("Same number of queries for 2,000 and 20 applications:", "yes" if same else "NO")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
