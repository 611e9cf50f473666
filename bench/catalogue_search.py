"""Catalogue search with 100,000 published innovations (each in three languages): the server
time of a full-text search with two facets (the page of results and every facet count),
p50 and p95 over 200 varied queries; a check that the facet counts equal plain SQL counts;
the size of the search index on disk.

    .venv/bin/python bench/catalogue_search.py                   # SQLite file
    .venv/bin/python bench/catalogue_search.py --database postgres://postgres@127.0.0.1:5432/tremplin_catalogue_bench

The SQLite file lives in bench/results/catalogue_search/ and is reused by the next runs
(--fresh builds it again). The PostgreSQL database named in --database is created, and
dropped at the end unless --keep is given (then it is reused by the next run). The data are
made by bench/catalogue_data.py and indexed by catalogue.indexing.reindex_all (batches, bulk
inserts): the same code as `tremplin manage catalogue_reindex`.

What is timed, per query: queries_discovery.results() — the one SQL statement of search.search()
(matching, ranking, filters, total, facet counts, the page's ids) and the reading of the 20
innovations of the page with their published version and themes; no template, no HTTP."""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def postgres(url: str, sql: str) -> None:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


def plain_counts(text_ids, filters: dict) -> tuple[int, dict]:
    """The total and the facet counts computed with the ORM from the published versions'
    own fields and relations (not from FacetValue rows): for each facet, the innovations
    matching the text and every OTHER facet's filter, grouped by that facet's value."""
    from django.db.models import Count, Q

    from tremplin.catalogue.models import Innovation

    paths = {
        "theme": "published__business_lines__code",
        "public": "published__publics__code",
        "sdg": "published__sdgs__number",
        "country": "published__country",
        "stage": "published__stage",
    }

    def restricted(exclude=None):
        queryset = Innovation.objects.filter(published__isnull=False, pk__in=text_ids)
        for facet, values in filters.items():
            if facet == exclude:
                continue
            values = [int(v) for v in values] if facet == "sdg" else list(values)
            queryset = queryset.filter(
                pk__in=Innovation.objects.filter(Q(**{f"{paths[facet]}__in": values})).values("pk")
            )
        return queryset

    total = restricted().count()
    counts = {}
    for facet, path in paths.items():
        rows = (
            restricted(exclude=facet)
            .exclude(**{f"{path}__isnull": True})
            .exclude(**{path: ""} if facet in ("country", "stage") else {})
            .values(path)
            .annotate(n=Count("pk", distinct=True))
        )
        counts[facet] = {str(row[path]): row["n"] for row in rows}
    return total, counts


def text_matches(text: str):
    """The innovations matching the words, as a subquery (the same matching as search())."""
    from django.db.models.expressions import RawSQL

    from tremplin.catalogue import search
    from tremplin.catalogue.models import Innovation

    alternatives = search.query_alternatives(text)
    if not alternatives:
        return Innovation.objects.filter(published__isnull=False).values("pk")
    sql, params = search._match_sql(alternatives, search.words(text)[: search.MAX_TERMS])
    return RawSQL(sql, params)


def index_size() -> dict[str, int]:
    from django.db import connection

    sizes = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_size")
            page_size = cursor.fetchone()[0]
            try:
                cursor.execute(
                    "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'catalogue_search_fts%' "
                    "OR name LIKE 'catalogue_searchdocument%' OR name LIKE 'catalogue_facetvalue%' "
                    "OR name IN ('facet_lookup', 'one_facet_value', 'one_document_per_language') "
                    "GROUP BY name"
                )
                sizes = dict(cursor.fetchall())
            except Exception:
                sizes = {"(dbstat unavailable)": 0}
            cursor.execute("PRAGMA page_count")
            sizes["whole database file"] = cursor.fetchone()[0] * page_size
        else:
            for name in (
                "catalogue_searchdocument",
                "catalogue_search_vector",
                "catalogue_facetvalue",
            ):
                cursor.execute("SELECT pg_total_relation_size(%s)", [name])
                sizes[name] = cursor.fetchone()[0]
            cursor.execute("SELECT pg_database_size(current_database())")
            sizes["whole database"] = cursor.fetchone()[0]
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--checks", type=int, default=20, help="queries whose counts are checked")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--fresh", action="store_true", help="build the SQLite file again")
    args = parser.parse_args()

    folder = "catalogue_search"
    if args.database:
        name = args.database.rsplit("/", 1)[1]
        if args.fresh:
            postgres(args.database, f'DROP DATABASE IF EXISTS "{name}"')
        try:
            postgres(args.database, f'CREATE DATABASE "{name}"')
        except Exception as error:
            print(f"(database {name}: {str(error).strip()}; reused)")
    else:
        data = ROOT / "bench" / "results" / folder
        if args.fresh and data.exists():
            for path in data.glob("*.sqlite3*"):
                path.unlink()
    from committee_data import configure

    configure(args.database, folder=folder)
    from catalogue_data import build, queries
    from django.db import connection
    from django.utils import translation

    from tremplin.catalogue import search
    from tremplin.catalogue.queries import discovery as queries_discovery

    translation.activate("fr")
    started = time.perf_counter()
    build(args.count)
    build_seconds = time.perf_counter() - started
    search.optimise()

    labels = queries_discovery.facet_labels()
    cases = queries(args.queries)
    for text, filters in cases[:10]:  # warm the caches
        queries_discovery.results(search.Query(text=text, filters=filters))
    timings, search_only, totals = [], [], []
    for text, filters in cases:
        query = search.Query(text=text, filters=filters)
        begin = time.perf_counter()
        page = queries_discovery.results(query, labels)
        timings.append((time.perf_counter() - begin) * 1000)
        totals.append(page.results.total)
        begin = time.perf_counter()
        search.search(query)
        search_only.append((time.perf_counter() - begin) * 1000)
    slowest = sorted(zip(timings, cases, totals, strict=True), key=lambda t: -t[0])[:5]

    sizes = index_size()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    print()
    print(f"database: {connection.vendor} {version}; {args.count} innovations x 3 languages")
    print(
        f"machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load {os.getloadavg()}"
    )
    print(f"build (generation + index), this run: {build_seconds:.0f} s")
    print(f"matches per query: median {statistics.median(totals):.0f}, max {max(totals)}")
    print(
        f"results page + facet counts, {len(timings)} queries: "
        f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )
    print(
        f"search statement alone: p50 {percentile(search_only, 0.5):.1f} ms, "
        f"p95 {percentile(search_only, 0.95):.1f} ms"
    )
    print("slowest:")
    for ms, (text, filters), total in slowest:
        print(
            f"  {ms:7.1f} ms  {text!r} { ({k: sorted(v) for k, v in filters.items()}) } -> {total}"
        )
    print("index size on disk:")
    for name, size in sizes.items():
        print(f"  {name}: {size / 1e6:.1f} MB", flush=True)
    mismatches = 0
    for text, filters in cases[: args.checks]:
        found = search.search(search.Query(text=text, filters=filters))
        total, counts = plain_counts(text_matches(text), filters)
        expected = {facet: dict(values) for facet, values in counts.items()}
        got = {
            facet: {v: n for v, n in values.items() if n} for facet, values in found.facets.items()
        }
        if total != found.total or expected != got:
            mismatches += 1
            print(f"MISMATCH for {text!r} {dict(filters)}: total {found.total} vs {total}")

    print(
        f"facet counts checked against plain SQL counts: {args.checks} queries, "
        f"{mismatches} mismatch(es)"
    )
    if args.database and not args.keep:
        connection.close()
        name = args.database.rsplit("/", 1)[1]
        postgres(args.database, f'DROP DATABASE IF EXISTS "{name}"')
        print(f"(database {name} dropped)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
