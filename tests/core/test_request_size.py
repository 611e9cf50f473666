"""Request bodies: one announced larger than TREMPLIN_REQUEST_MAX_BYTES (64 MB by default) is
refused with a translated 413 page, in the base layout and with the usual security headers,
before anything reads a byte of it; a body without a Content-Length (chunked) is never read
(Django reads at most Content-Length bytes); bodies within the limit are read as usual. Django's
own limits are set, and gunicorn is started with limits on the request line and headers."""

from __future__ import annotations

import io
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.conftest import make_person

MB = 1024 * 1024


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self):
        return True

    def read(self, size=-1):
        raise AssertionError("the request body was read")

    def readinto(self, buffer):
        raise AssertionError("the request body was read")

    def readline(self, size=-1):
        raise AssertionError("the request body was read")


def huge_post(client, url, length=150 * MB, **extra):
    return client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(length),
        HTTP_ACCEPT_LANGUAGE="en",
        **{"wsgi.input": Unreadable()},
        **extra,
    )


def test_the_default_limit_refuses_150_mb_and_django_limits_are_set():
    assert 3 * 20 * MB < django_settings.TREMPLIN_REQUEST_MAX_BYTES < 150 * MB
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FILES == 20
    assert django_settings.MIDDLEWARE[0] == "tremplin.core.request_size.RequestSizeMiddleware"


@pytest.mark.django_db
def test_a_150_mb_body_is_refused_before_it_is_read(client):
    response = huge_post(client, reverse("account_login"))
    assert response.status_code == 413
    page = response.content.decode()
    assert "<h1>What you sent is too large</h1>" in page
    assert "at most 64 MB" in page
    assert 'lang="en"' in page and "skip" in page.lower()  # the base layout, in English
    # The page went through the other middleware: the usual headers are there.
    assert "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_an_upload_page_refuses_it_too_and_keeps_nothing(client):
    from tremplin.catalogue.services.submission import start_draft

    person = make_person("big@example.org", preferred_language="en")
    draft = start_draft(person, "en")
    client.force_login(person)
    url = reverse("catalogue:draft_section", kwargs={"pk": draft.pk, "section": "replicate"})
    response = huge_post(client, url)
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    assert not draft.resources_list.exists()


@pytest.mark.django_db
def test_the_limit_is_a_setting(client, settings):
    settings.TREMPLIN_REQUEST_MAX_BYTES = 1000
    body = b"x" * 2000
    response = client.generic(
        "POST",
        reverse("account_login"),
        body,
        content_type="application/x-www-form-urlencoded",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 413
    small = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert small.status_code == 200  # read and answered as usual (a wrong password)


@pytest.mark.django_db
def test_a_body_without_content_length_is_never_read(client):
    """A chunked body has no Content-Length: Django reads none of it (at most Content-Length
    bytes are ever read), so its size does not matter."""
    response = client.generic(
        "POST",
        reverse("account_login"),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        HTTP_ACCEPT_LANGUAGE="en",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 200  # the form, empty: nothing was read


def test_gunicorn_limits_the_request_line_and_headers(monkeypatch):
    from gunicorn.app import wsgiapp

    from tremplin import cli

    seen = {}
    monkeypatch.setattr(cli, "_prepare_environment", lambda *args, **kwargs: None)
    monkeypatch.setattr(wsgiapp, "run", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["tremplin", "serve"])
    cli.main(["serve", "--bind", "127.0.0.1:9999"])
    argv = seen["argv"]

    def value(option):
        return argv[argv.index(option) + 1]

    assert value("--limit-request-line") == "4094"
    assert value("--limit-request-fields") == "50"
    assert value("--limit-request-field_size") == "8190"
