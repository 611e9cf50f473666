"""`tremplin demo` end to end, in its own process: it creates the SQLite database, loads the
demo data once, prints the demo accounts, serves HTTP; a second start reuses the data."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tremplin.demo.dataset import DEMO_ACCOUNTS, DEMO_MORE_ACCOUNTS, DEMO_PASSWORD

# Generous limits for a slow machine; they bound a hang, they do not measure speed.
START_LIMIT = 240
STOP_LIMIT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONUNBUFFERED": "1",
    }


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class DemoProcess:
    def __init__(self, data_dir: Path, log: Path):
        self.port = free_port()
        self.log = log
        self.url = f"http://127.0.0.1:{self.port}/"
        self._output = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            [
                sys.executable,
                "-m",
                "tremplin.cli",
                "demo",
                "--data-dir",
                str(data_dir),
                "--port",
                str(self.port),
            ],
            cwd=data_dir.parent,
            env=clean_environment(data_dir.parent),
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # A shell's background job starts with Ctrl-C ignored, and children inherit it:
            # the demo must get it as a person's terminal would send it.
            preexec_fn=_default_sigint,
        )

    def output(self) -> str:
        self._output.flush()
        return self.log.read_text(encoding="utf-8")

    def wait_until_serving(self):
        """Poll the port until it answers; fail at once if the process dies."""
        deadline_checks = int(START_LIMIT / 0.25)
        for _check in range(deadline_checks):
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:  # noqa: S310
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            try:
                self.process.wait(timeout=0.25)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"`tremplin demo` stopped:\n{self.output()}")
        pytest.fail(f"`tremplin demo` did not answer on {self.url}:\n{self.output()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl-C, as a person would
            try:
                self.process.wait(timeout=STOP_LIMIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                pytest.fail(f"`tremplin demo` did not stop on Ctrl-C:\n{self.output()}")
        self._output.close()
        return self.process.returncode


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "demo-data"


@pytest.fixture
def running(data_dir, tmp_path):
    started: list[DemoProcess] = []

    def start(name: str) -> DemoProcess:
        demo = DemoProcess(data_dir, tmp_path / f"{name}.log")
        started.append(demo)
        return demo

    yield start
    for demo in started:
        if demo.process.poll() is None:
            demo.process.kill()
            demo.process.wait()


def count_rows(database: Path, sql: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def pragmas_seen_by_django(data_dir: Path) -> dict:
    """The pragmas of a connection opened by Django's settings on the demo database."""
    code = (
        "import json, django; django.setup();"
        "from django.db import connection; c = connection.cursor();"
        "print(json.dumps({p: c.execute(f'PRAGMA {p}').fetchone()[0] for p in "
        "['journal_mode', 'foreign_keys', 'busy_timeout', 'synchronous']}))"
    )
    environment = clean_environment(data_dir.parent)
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "tremplin.settings",
            "TREMPLIN_DEMO": "1",
            "TREMPLIN_DATA_DIR": str(data_dir),
            "SECRET_KEY": (data_dir / "secret_key").read_text(encoding="utf-8").strip(),
        }
    )
    result = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", code],
        env=environment,
        cwd=data_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_tremplin_demo_end_to_end(data_dir, running):
    assert not data_dir.exists()

    # First start: database created, demo data loaded, accounts printed, pages served.
    first = running("first")
    status, body = first.wait_until_serving()
    assert status == 200
    assert re.search(r'<html lang="fr" dir="ltr"[ >]', body)
    assert "Tremplin" in body
    output = first.output()
    assert "Loading the demo data (first run)" in output
    assert "Reusing the existing demo data" not in output
    assert DEMO_PASSWORD in output
    for role, email in DEMO_ACCOUNTS:
        assert re.search(rf"{re.escape(email)}\s+{role}", output), (role, email)
    for what, email in DEMO_MORE_ACCOUNTS:
        assert re.search(rf"{re.escape(email)}\s+{re.escape(what)}", output), (what, email)
    assert first.url in output

    # Other pages answer too, in the visitor's language.
    login_url = first.url + "account/login/"
    request = urllib.request.Request(login_url, headers={"Accept-Language": "es"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200
        assert 'lang="es"' in response.read().decode()
    with urllib.request.urlopen(first.url + "calls/", timeout=30) as response:  # noqa: S310
        assert response.status == 200
    css = first.url + "static/tremplin/css/tremplin.css"
    with urllib.request.urlopen(css, timeout=30) as response:  # noqa: S310
        assert response.status == 200

    assert first.stop() in (0, -signal.SIGINT)

    database = data_dir / "tremplin.sqlite3"
    assert database.exists()
    assert (data_dir / "secret_key").exists()
    assert (data_dir / "secret_key").stat().st_mode & 0o077 == 0
    people = count_rows(database, "SELECT COUNT(*) FROM accounts_person")
    programmes = count_rows(database, "SELECT COUNT(*) FROM programmes_programme")
    sites = count_rows(database, "SELECT COUNT(*) FROM network_experimentationsite")
    assert programmes == 5
    assert sites >= 300
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    pragmas = pragmas_seen_by_django(data_dir)
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["busy_timeout"] >= 5000

    # Second start: the same data, reused, no duplicate.
    second = running("second")
    status, body = second.wait_until_serving()
    assert status == 200
    assert 'lang="fr"' in body
    output = second.output()
    assert "Reusing the existing demo data" in output
    assert "Loading the demo data" not in output
    assert second.stop() in (0, -signal.SIGINT)
    assert count_rows(database, "SELECT COUNT(*) FROM accounts_person") == people
    assert count_rows(database, "SELECT COUNT(*) FROM programmes_programme") == programmes
    assert count_rows(database, "SELECT COUNT(*) FROM network_experimentationsite") == sites
