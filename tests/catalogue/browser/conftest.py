"""Fixtures of the catalogue's browser tests: the live server with the catalogue's demo records,
and Debian's headless Chromium driven by Playwright from a thread of its own (the browser tests
of tests/browser keep a Playwright driver attached to the main thread for the whole session,
and Playwright's sync API allows one per thread)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.browser.conftest import (  # noqa: F401 - browser_locale_dir is a fixture
    CHROMIUM,
    CHROMIUM_ARGS,
    _unavailable,
    browser_locale_dir,
)


@pytest.fixture
def catalogue_site(browser_locale_dir, transactional_db, live_server):  # noqa: F811
    """The live server's address, with reference data, the catalogue's demo records and the
    compiled catalogues."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"browser tests need Debian's Chromium at {CHROMIUM}: `apt-get install chromium`"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        _unavailable("browser tests need the `playwright` package (requirements/dev.lock)")
    from django.utils import translation

    from tests.catalogue.demo.support import load_catalogue_demo
    from tremplin.reference.sync import sync_all

    with override_settings(LOCALE_PATHS=[browser_locale_dir]):
        sync_all()  # a transactional test empties every table when it ends
        load_catalogue_demo()
        yield live_server.url
    translation.deactivate()


def session_of(person) -> str:
    """A signed-in session for `person`, as its cookie value (signing in through the form is
    tested in tests/browser). Whoever must use two-factor (a moderator) has it set up."""
    from tests.conftest import add_totp
    from tremplin.accounts.two_factor import two_factor_state

    state = two_factor_state(person)
    if state.required and not state.has_totp:
        add_totp(person)
    client = Client()
    client.force_login(person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def new_context(browser, base_url, *, session=None, locale="fr-FR", **options):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900}, **options)
    context.set_default_timeout(15_000)
    if session:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
        )
    return context


def in_browser(work):
    """Run work(browser) with a headless Chromium, in a thread of its own; return its result."""

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                return work(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
