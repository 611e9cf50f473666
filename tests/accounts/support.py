"""Helpers shared by the account, security, bad-input, home and demo tests: translated
catalogues, reading pages and e-mails, and TOTP codes."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import polib
import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.test import override_settings
from django.utils import translation

import tremplin

LOCALE_DIR = Path(tremplin.__file__).resolve().parent / "locale"


@pytest.fixture(scope="session")
def compiled_locale_dir(tmp_path_factory) -> Path:
    """The project's .po catalogues compiled to .mo in a temporary folder, as `tremplin demo`
    and `tremplin serve` do at start (pytest does not), without writing into the source tree
    that other people are editing."""
    target = tmp_path_factory.mktemp("locale")
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(LOCALE_DIR)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(po_path, destination)
        polib.pofile(str(po_path)).save_as_mofile(str(destination.with_suffix(".mo")))
    return target


@pytest.fixture(scope="module")
def translated_catalogues(compiled_locale_dir):
    with override_settings(LOCALE_PATHS=[compiled_locale_dir]):
        yield


def translated(language: str, message: str) -> str:
    """`message` in `language`, from the catalogues; fails when the catalogue lacks it."""
    with translation.override(language):
        text = translation.gettext(message)
    assert text and text != message, (
        f"the {language!r} catalogue has no translation for {message!r}"
    )
    return text


def text_of(response) -> str:
    """The page's text with entities decoded, so that apostrophes compare equal."""
    content = response.content.decode()
    return html.unescape(content).replace("\u2019", "'")


def contains(response, text: str) -> bool:
    return text.replace("\u2019", "'") in text_of(response)


HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)


def html_attributes(response) -> dict[str, str]:
    match = HTML_TAG.search(response.content.decode())
    assert match, "the page has no <html> element"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))


def html_lang(response) -> str:
    return html_attributes(response).get("lang", "")


def lang_and_dir(response) -> tuple[str, str]:
    attributes = html_attributes(response)
    return attributes.get("lang", ""), attributes.get("dir", "")


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def totp_code(authenticator, offset: int = 0) -> str:
    """A valid code for `authenticator` now (offset in periods, within the tolerance)."""

    secret = decrypt(authenticator.data["secret"])
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2 + offset]
    return format_hotp_value(hotp_value(secret, counter))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
