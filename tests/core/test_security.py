"""Security headers on ordinary pages, production settings (`check --deploy`), and refusing to
start without a SECRET_KEY."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.accounts.support import compiled_locale_dir, translated_catalogues  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_catalogues")]

HOME = reverse("home:home")


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


@pytest.mark.parametrize("page", [HOME, reverse("programmes:call_list"), reverse("account_login")])
def test_security_headers_on_a_normal_page(client, page):
    response = client.get(page)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    # No host but ours: htmx and the stylesheet are vendored, no CDN.
    for values in directives.values():
        assert not [v for v in values if v.startswith("http")], values


def test_headers_also_on_error_pages(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*\"", re.IGNORECASE)


@pytest.mark.parametrize(
    "page",
    [
        HOME,
        reverse("programmes:call_list"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ],
)
def test_pages_have_no_inline_script_that_the_policy_would_block(client, page):
    content = client.get(page).content.decode()
    assert not INLINE_SCRIPT.findall(content)
    assert not INLINE_HANDLER.findall(content)
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', content):
        assert src.startswith("/static/"), src


def test_signed_in_pages_have_no_inline_script(signed_in):
    for page in (HOME, reverse("accounts:profile"), reverse("accounts:declare_membership")):
        content = signed_in.get(page).content.decode()
        assert not INLINE_SCRIPT.findall(content), page


def test_cookies_are_http_only_and_same_site(client, person):
    from tests.conftest import PASSWORD

    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    response = client.get(reverse("account_login"))
    csrf = client.cookies.get("csrftoken")
    if csrf is not None:
        assert csrf["samesite"] == "Lax"


def test_hsts_and_https_with_production_like_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    plain = client.get(HOME)
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/"

    response = client.get(HOME, secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    # Behind a proxy that terminates TLS.
    response = client.get(HOME, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_no_hsts_in_tests_and_demo(client):
    assert "Strict-Transport-Security" not in client.get(HOME)


# --- Production configuration, in a clean process -------------------------------------------


def production_environment(tmp_path, **extra) -> dict[str, str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tremplin.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    environment.update(extra)
    return {k: v for k, v in environment.items() if v is not None}


def run(arguments, environment, cwd):
    return subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, *arguments],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    environment = production_environment(tmp_path)
    assert len(environment["SECRET_KEY"]) >= 50
    for name in ("DEBUG", "TREMPLIN_TEST", "TREMPLIN_DEMO"):
        assert name not in environment
    result = run(
        ["-m", "tremplin.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        environment,
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_are_the_secure_ones(tmp_path):
    code = (
        "import json, tremplin.settings as s; print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'LANGUAGE_COOKIE_SECURE', 'TREMPLIN_REQUIRE_MFA', 'X_FRAME_OPTIONS', 'ALLOWED_HOSTS',"
        "'PASSWORD_HASHERS', 'ACCOUNT_EMAIL_VERIFICATION']}))"
    )
    result = run(["-c", code], production_environment(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    # Opt-in, each (tests/core/test_hardening.py).
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["TREMPLIN_REQUIRE_MFA"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["ALLOWED_HOSTS"] == ["tremplin.example.org"]
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["ACCOUNT_EMAIL_VERIFICATION"] == "mandatory"


def test_starting_without_secret_key_fails_with_a_clear_message(tmp_path):
    environment = production_environment(tmp_path, SECRET_KEY=None)
    result = run(["-m", "tremplin.cli", "manage", "check"], environment, tmp_path)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "SECRET_KEY is not set" in output
    assert "SECRET_KEY environment variable" in output


def test_an_empty_secret_key_is_refused_too(tmp_path):
    environment = production_environment(tmp_path, SECRET_KEY="")
    result = run(["-m", "tremplin.cli", "manage", "check"], environment, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("mode", ["DEBUG", "TREMPLIN_TEST"])
def test_debug_and_test_modes_start_without_secret_key(tmp_path, mode):
    environment = production_environment(tmp_path, SECRET_KEY=None, **{mode: "1"})
    result = run(["-m", "tremplin.cli", "manage", "check"], environment, tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_deploy_complains_when_the_key_is_weak(tmp_path):
    environment = production_environment(tmp_path, SECRET_KEY="short")
    result = run(
        ["-m", "tremplin.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        environment,
        tmp_path,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_two_factor_pages_have_no_inline_script(client, person):
    from tests.conftest import PASSWORD

    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    reauthenticate = reverse("account_reauthenticate")
    activate = reverse("mfa_activate_totp")
    client.post(f"{reauthenticate}?next={activate}", {"password": PASSWORD})
    for page in (reverse("mfa_index"), activate):
        response = client.get(page)
        assert response.status_code == 200, page
        content = response.content.decode()
        assert not INLINE_SCRIPT.findall(content), page
        # The QR code is an image from a data: URI, which the policy allows.
        if page == activate:
            assert "data:image/svg+xml;base64," in content
            assert "data:" in csp_directives(response)["img-src"]
