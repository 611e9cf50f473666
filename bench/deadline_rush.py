"""Deadline rush: N applicants each start an application, save it step by step (with an
autosave), and submit it, all within about one minute, against `tremplin serve` (gunicorn,
2 workers) on SQLite or PostgreSQL. Prints throughput and p50/p95/p99 latency; the run must end
with 0 errors and exactly N submitted applications.

    .venv/bin/python bench/deadline_rush.py                      # SQLite, 500 applicants
    .venv/bin/python bench/deadline_rush.py --database postgres://postgres@127.0.0.1:5432/tremplin_rush

The database is created from scratch for each run (the PostgreSQL one is dropped and created
again: never point it at a database you care about). Applicants get a session made directly in
the database, so that the password hashing of 500 logins is not what is measured."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISIONS = re.compile(r'id="revisions" value="([^"]*)"|value="([^"]*)"[^>]*id="revisions"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(database_url: str, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TREMPLIN_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        TREMPLIN_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(data_dir / "static"),
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "-m", "tremplin.cli", "manage", *args], env=env, check=True, cwd=ROOT)


def prepare(env, applicants: int) -> tuple[str, list[str]]:
    """Migrate, create the call (demo form) and the applicants with their sessions."""
    manage(env, "migrate", "-v0")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "-v0")
    script = f"""
import json
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from tremplin.accounts.models import Person
from tremplin.demo.forms import build_form
from tremplin.programmes.models import Audience, Call, Programme, Season

programme = Programme.objects.create(slug="entrepreneurs", name={{"fr": "Entrepreneurs"}},
                                     audience=Audience.OUTSIDERS)
season = Season.objects.create(number=4, opened_on=timezone.localdate())
now = timezone.now()
call = Call.objects.create(programme=programme, season=season, slug="rush", title={{"fr": "Rush"}},
                           opens_at=now - timedelta(days=1), closes_at=now + timedelta(hours=2))
build_form(call)
people = Person.objects.bulk_create(
    [Person(email=f"rush-{{i}}@example.org", full_name=f"Rush {{i}}", password="!")
     for i in range({applicants})]
)
keys = []
for person in Person.objects.filter(email__startswith="rush-").order_by("pk"):
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""
    out = subprocess.run(
        [PYTHON, "-m", "tremplin.cli", "manage", "shell", "-c", script],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return "rush", json.loads(out.strip().splitlines()[-1])


class Recorder:
    def __init__(self):
        self.latencies: list[float] = []
        self.errors: list[str] = []

    async def request(self, client, method, url, **kwargs):
        start = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            self.errors.append(f"{method} {url}: {error!r}")
            return None
        self.latencies.append(time.perf_counter() - start)
        if response.status_code >= 400:
            self.errors.append(f"{method} {url}: HTTP {response.status_code}")
        return response


def token(page) -> str:
    match = TOKEN.search(page.text)
    return match.group(1) if match else ""


def revisions(page) -> str:
    match = REVISIONS.search(page.text)
    return (match.group(1) or match.group(2) or "") if match else ""


async def applicant(base, session_key, slug, index, start_delay, recorder):
    await asyncio.sleep(start_delay)
    cookies = {"sessionid": session_key}
    async with httpx.AsyncClient(
        base_url=base, cookies=cookies, timeout=120, follow_redirects=False
    ) as client:
        page = await recorder.request(client, "GET", f"/applications/start/{slug}/")
        if page is None:
            return
        started = await recorder.request(
            client,
            "POST",
            f"/applications/start/{slug}/",
            data={"csrfmiddlewaretoken": token(page)},
            headers={"Referer": base},
        )
        if started is None or started.status_code != 302:
            recorder.errors.append(f"start {index}: {started and started.status_code}")
            return
        step_url = started.headers["location"]
        pk = step_url.strip("/").split("/")[1]
        steps = [
            {
                "project_name": f"Projet {index}",
                "organisation_name": f"Association {index}",
                "organisation_kind": "association",
                "region": "FR-BRE",
            },
            {
                "need": "Des personnes isolées " * 20,
                "solution": "Une solution partagée " * 30,
                "stage": "prototype",
                "business_lines": ["elderly", "exclusion"],
                "sdgs": ["3", "10"],
            },
            {"team_size": "3", "budget": "15000", "website": "https://example.org"},
        ]
        for number, answers in enumerate(steps, start=1):
            url = f"/applications/{pk}/steps/{number}/"
            page = await recorder.request(client, "GET", url)
            if page is None:
                return
            data = {"csrfmiddlewaretoken": token(page), "revisions": revisions(page)}
            if number == 2:  # an autosave while typing, then the final save
                partial = {**data, "need": answers["need"][:100]}
                saved = await recorder.request(
                    client,
                    "POST",
                    url,
                    data=partial,
                    headers={"HX-Request": "true", "Referer": base},
                )
                if saved is not None:
                    data["revisions"] = revisions(saved) or data["revisions"]
            data.update(answers)
            data["go"] = "next" if number < 3 else "summary"
            await recorder.request(client, "POST", url, data=data, headers={"Referer": base})
        summary = await recorder.request(client, "GET", f"/applications/{pk}/summary/")
        if summary is None:
            return
        done = await recorder.request(
            client,
            "POST",
            f"/applications/{pk}/submit/",
            data={"csrfmiddlewaretoken": token(summary)},
            headers={"Referer": base},
        )
        if done is None or not done.headers.get("location", "").endswith("/submitted/"):
            recorder.errors.append(
                f"submit {index}: {done and done.status_code} "
                f"{done and done.headers.get('location')}"
            )


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


async def rush(base, slug, keys, spread):
    recorder = Recorder()
    rng = random.Random(2021)
    tasks = [
        applicant(base, key, slug, i, rng.uniform(0, spread), recorder)
        for i, key in enumerate(keys)
    ]
    start = time.perf_counter()
    await asyncio.gather(*tasks)
    return recorder, time.perf_counter() - start


def count_submitted(env) -> int:
    out = subprocess.run(
        [
            PYTHON,
            "-m",
            "tremplin.cli",
            "manage",
            "shell",
            "-c",
            "from tremplin.applications.models import Application;"
            "print(Application.objects.filter(state='submitted').count())",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def reset_postgres(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = [
        f"-h{parsed.hostname}",
        f"-p{parsed.port or 5432}",
        f"-U{parsed.username or 'postgres'}",
    ]
    subprocess.run(["dropdb", "--if-exists", *admin, name], check=True)
    subprocess.run(["createdb", *admin, name], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=500)
    parser.add_argument(
        "--spread", type=float, default=50.0, help="seconds over which applicants arrive"
    )
    parser.add_argument("--database", help="a PostgreSQL URL (default: a new SQLite file)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="tremplin-rush-"))
    if args.database:
        reset_postgres(args.database)
        database_url, engine = args.database, "PostgreSQL"
    else:
        database_url, engine = f"sqlite:///{data_dir / 'rush.sqlite3'}", "SQLite"
    env = environment(database_url, data_dir)
    print(f"Preparing {args.applicants} applicants on {engine}...", flush=True)
    slug, keys = prepare(env, args.applicants)

    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "tremplin.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        recorder, elapsed = asyncio.run(rush(base, slug, keys, args.spread))
    finally:
        server.terminate()
        server.wait(timeout=30)
    submitted = count_submitted(env)
    lat = recorder.latencies
    result = {
        "engine": engine,
        "applicants": args.applicants,
        "workers": args.workers,
        "threads": args.threads,
        "requests": len(lat),
        "errors": len(recorder.errors),
        "submitted": submitted,
        "duration_s": round(elapsed, 1),
        "throughput_rps": round(len(lat) / elapsed, 1),
        "p50_ms": round(percentile(lat, 0.50) * 1000, 1),
        "p95_ms": round(percentile(lat, 0.95) * 1000, 1),
        "p99_ms": round(percentile(lat, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(lat) * 1000, 1),
    }
    print(json.dumps(result, indent=2))
    for error in recorder.errors[:20]:
        print("error:", error)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"deadline_rush_{engine.lower()}.json").write_text(json.dumps(result, indent=2))
    shutil.rmtree(data_dir, ignore_errors=True)
    ok = result["errors"] == 0 and submitted == args.applicants
    print("OK" if ok else "FAILED: errors or missing submissions")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
