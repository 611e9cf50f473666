"""The `tremplin` command: demo, serve, and a passthrough to Django's management commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import django
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, execute_from_command_line
from gunicorn.app import wsgiapp

# Plain module, no Django: `tremplin assign` runs without settings or a database.
from tremplin.selection.assignment import InvalidInstance, solve_json


def _prepare_environment(data_dir: Path | None = None, demo: bool = False) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tremplin.settings")
    if data_dir is not None:
        os.environ["TREMPLIN_DATA_DIR"] = str(data_dir)
    if demo:
        os.environ["TREMPLIN_DEMO"] = "1"  # settings keep the demo's key in the data folder

    from tremplin.i18n import compile_catalogues  # noqa: PLC0415 (app ready)

    compile_catalogues()


def _setup_django():
    django.setup()


def demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    _prepare_environment(data_dir, demo=True)
    _setup_django()

    from tremplin.demo.dataset import (  # noqa: PLC0415 (app ready)
        DEMO_ACCOUNTS,
        DEMO_MORE_ACCOUNTS,
        DEMO_PASSWORD,
        demo_data_loaded,
    )

    print(f"Tremplin demo — data in {data_dir}")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    if demo_data_loaded():
        print("Reusing the existing demo data.")
    else:
        print("Loading the demo data (first run)...")
        call_command("load_demo", verbosity=1)

    width = max(len(email) for _role, email in DEMO_ACCOUNTS + DEMO_MORE_ACCOUNTS)
    print("\nDemo accounts (demo only), all with the password:", DEMO_PASSWORD)
    for role, email in DEMO_ACCOUNTS:
        print(f"  {email.ljust(width)}  {role}")
    print("Also:")
    for what, email in DEMO_MORE_ACCOUNTS:
        print(f"  {email.ljust(width)}  {what}")
    print(f"\nTremplin runs at http://127.0.0.1:{args.port}/  (Ctrl-C to stop)\n")
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, skip_checks=True)
    return 0


def serve(args: argparse.Namespace) -> int:
    _prepare_environment()

    bind = args.bind or os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
    workers = str(args.workers or os.environ.get("WEB_CONCURRENCY", "3"))
    # Threads let a worker serve other requests while one waits on the database.
    threads = str(args.threads or os.environ.get("GUNICORN_THREADS", "2"))
    sys.argv = [
        "gunicorn",
        "tremplin.wsgi:application",
        "--config",
        "python:tremplin.gunicorn_config",
        "--bind",
        bind,
        "--workers",
        workers,
        "--worker-class",
        "gthread",
        "--threads",
        threads,
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        # Limits on what gunicorn reads before Django sees the request: the request line
        # (long enough for the search filters), the number of headers and the size of each
        # (a browser sends about 15, cookies included). gunicorn has no limit on the body:
        # tremplin.core.request_size refuses a large one before reading it, and the reverse
        # proxy should refuse it first (docs/deploy.md).
        "--limit-request-line",
        "4094",
        "--limit-request-fields",
        "50",
        "--limit-request-field_size",
        "8190",
    ]
    wsgiapp.run()
    return 0


def worker(args: argparse.Namespace) -> int:
    """A task worker on every queue (e-mails included), on the same database as the app."""
    _prepare_environment()

    execute_from_command_line(["tremplin worker", "db_worker", "--queue-name", "*"])
    return 0


def assign(args: argparse.Namespace) -> int:
    """Solve a reviewer-assignment instance read from JSON; docs/assignment.md has the format."""

    def fail(message: str) -> int:
        print(f"tremplin assign: {message}", file=sys.stderr)
        return 2

    try:
        if args.input == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.input, encoding="utf-8") as source:
                data = json.load(source)
    except OSError as error:
        return fail(f"cannot read {args.input}: {error.strerror or error}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return fail(f"{args.input} is not valid JSON: {error}")
    try:
        result = solve_json(data, balance=not args.no_balance)
    except InvalidInstance as error:
        return fail(f"invalid instance: {error}")
    text = json.dumps(result, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            return fail(f"cannot write {args.output}: {error.strerror or error}")
    # The status is in the result: an infeasible instance is an answer, not an error.
    print(result["message"], file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


def manage(argv: list[str]) -> int:
    _prepare_environment()

    execute_from_command_line(["tremplin manage", *argv])
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except ImproperlyConfigured as error:
        # A configuration mistake deserves one clear line, not a traceback.
        print(f"tremplin: {error}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        return manage(argv[1:])

    parser = argparse.ArgumentParser(prog="tremplin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    p_demo = commands.add_parser("demo", help="run the platform with demo data on SQLite")
    p_demo.add_argument("--port", type=int, default=8000)
    p_demo.add_argument("--data-dir", default=os.environ.get("TREMPLIN_DATA_DIR", "var"))
    p_demo.set_defaults(func=demo)

    p_serve = commands.add_parser("serve", help="serve in production with gunicorn")
    p_serve.add_argument("--bind", help="address:port (default BIND or 0.0.0.0:$PORT)")
    p_serve.add_argument(
        "--workers", type=int, help="worker processes (default WEB_CONCURRENCY or 3)"
    )
    p_serve.add_argument(
        "--threads", type=int, help="threads per worker (default GUNICORN_THREADS or 2)"
    )
    p_serve.set_defaults(func=serve)

    p_worker = commands.add_parser("worker", help="run background tasks (e-mails, exports)")
    p_worker.set_defaults(func=worker)

    p_assign = commands.add_parser(
        "assign",
        help="assign reviewers to applications: JSON instance in, JSON result out",
        description="Optimal reviewer assignment (docs/assignment.md). "
        "Exit status 2 for an unreadable or invalid instance; an infeasible one is a result.",
    )
    p_assign.add_argument("--input", required=True, help="instance file (JSON), or - for stdin")
    p_assign.add_argument("--output", required=True, help="result file (JSON), or - for stdout")
    p_assign.add_argument(
        "--no-balance", action="store_true", help="maximise affinity only, no load balancing"
    )
    p_assign.set_defaults(func=assign)

    commands.add_parser("manage", help="Django management commands, e.g. `tremplin manage migrate`")

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
