"""Staff list of a call with 50,000 applications: server time per page (first page, filtered
pages, searches, a deep page) and the number of SQL queries per page, which must be the same
for a call of 50 applications and for one of 50,000; also the time to export the whole call.

    .venv/bin/python bench/staff_list.py                         # SQLite file, 50,000 applications
    .venv/bin/python bench/staff_list.py --database postgres://postgres@127.0.0.1:5432/tremplin_bench

The database is built on the first run (about ten minutes for 50,000 applications with their
answers) and reused by the next ones: the SQLite file lives in bench/results/staff_list/, the
PostgreSQL database is the one named in --database (create it first with `createdb`). The
pages are requested in-process with Django's test client, signed in as a member of staff with
two-factor authentication: the time measured is the server's (middleware, view, queries,
template), without HTTP or the network."""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG_CALL = "bench-staff-list-big"
SMALL_CALL = "bench-staff-list-small"
STAFF_EMAIL = "bench-staff@example.org"


def configure(database: str | None) -> Path:
    data_dir = ROOT / "bench" / "results" / "staff_list"
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in list(os.environ):
        if name.startswith(("TREMPLIN_", "DJANGO_")) or name == "DATABASE_URL":
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tremplin.settings",
        TREMPLIN_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(data_dir / "static"),
        LOG_LEVEL="WARNING",
    )
    if database:
        os.environ["DATABASE_URL"] = database
    sys.path.insert(0, str(ROOT / "src"))
    from tremplin.i18n import compile_catalogues

    compile_catalogues()
    import django

    django.setup()
    return data_dir


def prepare(count: int, small: int) -> tuple:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.core.management import call_command
    from django.utils import timezone

    from tremplin.accounts import services as accounts
    from tremplin.accounts.models import Person
    from tremplin.applications.models import Application
    from tremplin.demo.synthetic import generate_applications
    from tremplin.programmes.models import Audience, Call, Programme, Season

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    staff = Person.objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        staff = Person.objects.create_user(STAFF_EMAIL, None, full_name="Bench Staff")
        EmailAddress.objects.create(user=staff, email=STAFF_EMAIL, verified=True, primary=True)
        accounts.grant_role(staff, "staff")
        TOTP.activate(staff, generate_totp_secret())
    season = Season.objects.get_or_create(number=90, defaults={"opened_on": timezone.localdate()})[
        0
    ]
    calls = []
    for slug, wanted in ((BIG_CALL, count), (SMALL_CALL, small)):
        programme = Programme.objects.get_or_create(
            slug=slug,
            defaults={"name": {"fr": slug, "en": slug}, "audience": Audience.ANYONE},
        )[0]
        now = timezone.now()
        call = Call.objects.get_or_create(
            slug=slug,
            defaults={
                "programme": programme,
                "season": season,
                "title": {"fr": f"Appel {slug}", "en": f"Call {slug}"},
                "opens_at": now - timezone.timedelta(days=60),
                "closes_at": now + timezone.timedelta(days=30),
            },
        )[0]
        have = Application.objects.filter(call=call).count()
        started = time.perf_counter()
        batch = 5000
        while have < wanted:
            size = min(batch, wanted - have)
            generate_applications(call, size, seed=have, prefix=f"bench{call.pk}")
            have += size
            print(
                f"  {call.slug}: {have:,} applications ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
        calls.append(call)
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them in production; without them, the planner
        # takes a freshly bulk-loaded table for an empty one.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return staff, calls[0], calls[1]


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def matches(call, params) -> int:
    """How many applications the page's filters match (read outside the timed requests)."""
    from django.http import QueryDict
    from tremplin.applications.staff_forms import ApplicationFilterForm

    from tremplin.applications import queries

    data = QueryDict(mutable=True)
    for key, value in params.items():
        data[key] = value
    form = ApplicationFilterForm(data, choices=queries.filter_choices(call), call=call)
    return queries.staff_applications(form.filters()).count()


def measure(client, url, params, runs, call=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: caches, compiled templates, database pages
        response = client.get(url, params)
        assert response.status_code == 200, (url, params, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": len(queries),
        "total": matches(call, params),
        "rows": response.content.count(b'name="applications" value='),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="DATABASE_URL (default: a SQLite file)")
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-export", action="store_true", help="skip the export timings")
    args = parser.parse_args()
    configure(args.database)

    from django import VERSION as DJANGO_VERSION
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    print("Preparing the data (reused when present)...", flush=True)
    staff, big, small = prepare(args.applications, args.small)
    client = Client()
    client.force_login(staff)
    region = "FR-IDF"
    pages = [
        ("first page", {}),
        (
            "filtered: status + region + business line",
            {"status": "submitted", "region": region, "business_line": "elderly"},
        ),
        (
            "filtered: choice question + kind, by title",
            {"answer_stage": "pilot", "organisation_kind": "association", "sort": "title"},
        ),
        ("search: a rare term (one project)", {"q": str(args.applications * 5 // 8 + 7)}),
        ("search: a common word", {"q": "télémédecine"}),
        ("search: two words + status", {"q": "personnes agees", "status": "eligible"}),
        ("deep page (page 500), by region", {"sort": "region", "page": "500", "drafts": "on"}),
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("show server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    print(
        f"\nStaff list benchmark — {time.strftime('%Y-%m-%d')} — {version}, "
        f"Python {platform.python_version()}, Django {'.'.join(map(str, DJANGO_VERSION[:3]))}, "
        f"{platform.machine()}, {os.cpu_count()} CPU cores"
    )
    print(
        f"Calls: {big.applications.count():,} and {small.applications.count():,} applications; "
        f"{args.runs} timed runs per page after 2 warm-up requests; load average before the "
        f"runs: {' '.join(f'{x:.1f}' for x in os.getloadavg())}.\n"
    )
    header = (
        f"{'page':<44} {'matches':>8} {'median ms':>10} {'p95 ms':>8} "
        f"{'queries':>14} {'queries (' + str(args.small) + ')':>13}"
    )
    print(header)
    print("-" * len(header))
    same = True
    for label, params in pages:
        url = reverse("applications_staff:call_applications", args=[big.slug])
        large = measure(client, url, params, args.runs, big)
        small_url = reverse("applications_staff:call_applications", args=[small.slug])
        few = measure(client, small_url, params, 3, small)
        if few["rows"] and few["queries"] != large["queries"]:
            same = False
        print(
            f"{label:<44} {large['total']:>8,} {large['median']:>10.1f} {large['p95']:>8.1f} "
            f"{large['queries']:>14} {few['queries']:>13}"
            + ("" if few["rows"] else "  (no match among 50: not compared)")
        )
    every = measure(client, reverse("applications_staff:list"), {}, args.runs)
    print(
        f"{'every call, first page':<44} {every['total']:>8,} {every['median']:>10.1f} "
        f"{every['p95']:>8.1f} {every['queries']:>14} {'':>13}"
    )
    print(
        f"\nSame number of queries for {args.small} and {args.applications:,} applications: "
        f"{same}; load average after the runs: "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )

    if not args.no_export:
        print()
        for fmt in ("csv", "xlsx"):
            url = reverse("applications_staff:call_export", args=[big.slug, fmt])
            started = time.perf_counter()
            response = client.get(url)
            size = sum(len(chunk) for chunk in response.streaming_content)
            elapsed = time.perf_counter() - started
            print(
                f"Export of the whole call to {fmt.upper()}: {elapsed:.1f} s, "
                f"{size / 1_000_000:.1f} MB"
            )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
