"""Hardening of what the server says and of its configuration.

- Every response, static files and refusals included, carries a Permissions-Policy that
  denies the browser features the platform does not use (camera, microphone, geolocation,
  payment, USB, ad topics...).
- The server does not name its software: gunicorn, as `tremplin serve` runs it, sends no
  `Server` header.
- HSTS is sent in production, but its includeSubDomains and preload flags, which commit every
  subdomain, or the whole domain for years, to HTTPS, are each the operator's choice
  (SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD), off unless set.
- S3 storage (AWS_STORAGE_BUCKET_NAME) and the Redis cache (REDIS_URL) are independent: with
  both set, both are used."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time

import pytest
from django.urls import reverse

from tests.core.test_security import production_environment, run

DENIED_FEATURES = {
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
    "browsing-topics",
    "interest-cohort",
    "display-capture",
    "serial",
    "bluetooth",
    "hid",
}


def policy(response) -> dict[str, str]:
    header = response["Permissions-Policy"]
    return dict(part.strip().split("=", 1) for part in header.split(","))


# --- Permissions-Policy -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        reverse("home:home"),
        "/no-such-page/",
        reverse("catalogue:api:innovation_list"),
        "/static/tremplin/favicon.svg",
    ],
)
def test_every_response_denies_the_features_the_platform_does_not_use(client, address):
    response = client.get(address)
    assert response.status_code in (200, 404)
    features = policy(response)
    for feature in DENIED_FEATURES:
        assert features.get(feature) == "()", feature
    # Nothing is allowed to other origins.
    assert all(value in ("()", "(self)") for value in features.values()), features


@pytest.mark.django_db
def test_signed_in_pages_and_refusals_carry_it_too(client, person):
    client.force_login(person)
    for address in (reverse("accounts:profile"), reverse("network:directory")):
        response = client.get(address)
        assert response.status_code in (200, 403)
        assert policy(response)["camera"] == "()"


# --- No Server banner ---------------------------------------------------------------------------


def test_the_gunicorn_configuration_drops_the_server_header():
    from gunicorn.http import wsgi

    import tremplin.gunicorn_config  # noqa: F401 - loading it is what gunicorn does

    class Request:
        version = (1, 1)
        method = "GET"

        def should_close(self):
            return False

    response = wsgi.Response(Request(), sock=None, cfg=None)
    response.status, response.status_code = "200 OK", 200
    headers = response.default_headers()
    assert headers[0].startswith("HTTP/1.1 200")
    assert not [line for line in headers if line.lower().startswith("server:")]
    assert [line for line in headers if line.startswith("Date:")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_tremplin_serve_sends_no_server_header(tmp_path):
    """The real thing: `tremplin serve` started in production mode, asked over HTTP."""
    port = free_port()
    environment = production_environment(tmp_path, ALLOWED_HOSTS="127.0.0.1")
    command = [
        sys.executable,
        "-m",
        "tremplin.cli",
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "1",
    ]
    server = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        command,
        env=environment,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/")
                response = connection.getresponse()
                response.read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stderr.read().decode()) from None
                time.sleep(0.5)
        # Production mode: plain HTTP is redirected to HTTPS, by Django, through gunicorn.
        assert response.status == 301
        assert response.getheader("Server") is None, response.getheaders()
        assert response.getheader("Date")
        assert "camera=()" in response.getheader("Permissions-Policy")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()


# --- HSTS: includeSubDomains and preload are opt-in --------------------------------------------

HSTS_SETTINGS = (
    "import json, tremplin.settings as s; print(json.dumps({k: getattr(s, k) for k in ["
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD']}))"
)


def settings_in_a_clean_process(tmp_path, code, **environment) -> dict:
    result = run(["-c", code], production_environment(tmp_path, **environment), tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_hsts_flags_are_off_by_default_in_production(tmp_path):
    values = settings_in_a_clean_process(tmp_path, HSTS_SETTINGS)
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is False


def test_hsts_flags_are_opt_in(tmp_path):
    values = settings_in_a_clean_process(
        tmp_path, HSTS_SETTINGS, SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1"
    )
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True


@pytest.mark.django_db
def test_the_default_hsts_header_names_neither_subdomains_nor_preload(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    settings.SECURE_HSTS_PRELOAD = False
    response = client.get(reverse("home:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


# --- S3 storage and the Redis cache are independent --------------------------------------------


def test_s3_storage_and_the_redis_cache_together(tmp_path):
    code = (
        "import json, tremplin.settings as s; print(json.dumps({"
        "'cache': s.CACHES['default'], 'storage': s.STORAGES['default']['BACKEND'],"
        "'bucket': s.AWS_STORAGE_BUCKET_NAME, 'signed': s.AWS_QUERYSTRING_AUTH}))"
    )
    values = settings_in_a_clean_process(
        tmp_path,
        code,
        AWS_STORAGE_BUCKET_NAME="tremplin-media",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert values["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["bucket"] == "tremplin-media"
    assert values["signed"] is True


@pytest.mark.parametrize(
    ("environment", "cache", "storage"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache", "FileSystemStorage"),
        (
            {"REDIS_URL": "redis://cache.internal:6379/0"},
            "django.core.cache.backends.redis.RedisCache",
            "FileSystemStorage",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "tremplin-media"},
            "django.core.cache.backends.db.DatabaseCache",
            "S3Storage",
        ),
    ],
)
def test_each_alone(tmp_path, environment, cache, storage):
    code = (
        "import json, tremplin.settings as s; print(json.dumps({"
        "'cache': s.CACHES['default']['BACKEND'], 'storage': s.STORAGES['default']['BACKEND']}))"
    )
    values = settings_in_a_clean_process(tmp_path, code, **environment)
    assert values["cache"] == cache
    assert values["storage"].endswith(storage)
