"""A reviewer's dashboard in a large call: 2,000 applications, 20 reviewers, 300 reviews each
(6,000 submitted reviews with their criterion scores). Prints the server time of the page that
lists a reviewer's 300 assignments (/selection/calls/<call>/reviews/, median and p95 over 20
runs) and of their committees page (/selection/), with the number of SQL queries of each,
which must be the same for this call and for a small one (30 applications, 5 reviewers, 18
reviews each), and those of one review page (the application, the form, the two other
reviews of the application).

    .venv/bin/python bench/committee_dashboard.py
    .venv/bin/python bench/committee_dashboard.py --database postgres://postgres@127.0.0.1:5432/tremplin_bench

The data is built on the first run by bench/committee_data.py (build_call) and reused by the
next ones. The pages are requested in-process with Django's test client, signed in as the
first reviewer (with two-factor authentication, as the platform requires of committee
members): the time measured is the server's (middleware, view, queries, template), without
HTTP or the network. The exit status is 1 when the query counts differ."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

from committee_data import build_call, configure


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: caches, compiled templates, database pages
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "bytes": len(response.content),
        "rows": response.content.count(b'href="/selection/reviews/'),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a SQLite file)")
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--reviews-each", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    configure(args.database)

    from django import VERSION as DJANGO_VERSION
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    print("Preparing the data (reused when present)...", flush=True)
    started = time.perf_counter()
    big = build_call(args.applications, args.reviewers, args.reviews_each, seed=2026)
    small = build_call(30, 5, 18, seed=2026)
    print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("select sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"

    print(
        f"\nReviewer dashboard benchmark — {time.strftime('%Y-%m-%d')} — {version}, "
        f"Python {platform.python_version()}, "
        f"Django {'.'.join(map(str, DJANGO_VERSION[:3]))}, {platform.machine()}, "
        f"{os.cpu_count()} CPU cores"
    )
    print(
        f"Large call: {big.applications:,} applications, {len(big.reviewers)} reviewers, "
        f"{big.reviews:,} submitted reviews; small call: {small.applications} applications, "
        f"{len(small.reviewers)} reviewers, {small.reviews} reviews. {args.runs} timed runs per "
        f"page after 2 warm-up requests; load average before the runs: "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}.\n"
    )
    header = (
        f"{'page':<40} {'rows':>5} {'median ms':>10} {'p95 ms':>8} {'KB':>6} "
        f"{'queries':>8} {'queries (small)':>16}"
    )
    print(header)
    print("-" * len(header))
    same = True
    from tremplin.selection.models import Assignment

    def address(name, data):
        if name == "selection:my_reviews":
            return reverse(name, kwargs={"slug": data.call.slug})
        if name == "selection:review":
            first = Assignment.objects.filter(member=data.members[0]).order_by("pk").first()
            return reverse(name, kwargs={"assignment_pk": first.pk})
        return reverse(name)

    for label, name in (
        ("reviewer's assignments on the call", "selection:my_reviews"),
        ("reviewer's committees (/selection/)", "selection:my_calls"),
        ("one review (2 other reviews shown)", "selection:review"),
    ):
        results = []
        for data, runs in ((big, args.runs), (small, 3)):
            client = Client()
            client.force_login(data.reviewers[0])
            results.append(measure(client, address(name, data), runs))
        large, few = results
        rows = large["rows"] if name == "selection:my_reviews" else 1
        same &= large["queries"] == few["queries"]
        print(
            f"{label:<40} {rows:>5} {large['median']:>10.1f} {large['p95']:>8.1f} "
            f"{large['bytes'] / 1024:>6.0f} {large['queries']:>8} {few['queries']:>16}"
        )
    print(
        f"\nSame number of queries for the small and the large call: {same}; load average "
        f"after the runs: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
