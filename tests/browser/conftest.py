"""End-to-end fixtures: Debian's headless Chromium driven by Playwright against the live server,
with the demo dataset loaded in the test database.

Playwright never downloads a browser here: it drives /usr/bin/chromium (`apt-get install
chromium`). Without it the browser tests are skipped, unless TREMPLIN_REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest
from django.test import override_settings

import tremplin

LOCALE_DIR = Path(tremplin.__file__).resolve().parent / "locale"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright must use the system browser and never fetch its own.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def _unavailable(reason: str):
    if os.environ.get("TREMPLIN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (TREMPLIN_REQUIRE_BROWSER=1: browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_driver():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"browser tests need Debian's Chromium at {CHROMIUM}: `apt-get install chromium`"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("browser tests need the `playwright` package (requirements/dev.lock)")
    # Playwright's sync API leaves an asyncio loop attached to this thread while it runs, and
    # Django then takes every database call made from the test thread (loading the demo data,
    # the flush after a transactional test, and any later test of this process) for async code
    # and refuses it. Those calls are plain synchronous code: allow them while the driver lives.
    # The live server answers from its own thread and is not concerned.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    yield driver
    driver.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser_locale_dir(tmp_path_factory) -> Path:
    """The .po catalogues compiled to .mo in a temporary folder, as `tremplin demo` and
    `tremplin serve` do at start (pytest does not), without writing into the source tree."""
    target = tmp_path_factory.mktemp("locale")
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        destination = target / po_path.relative_to(LOCALE_DIR)
        destination.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(po_path)).save_as_mofile(str(destination.with_suffix(".mo")))
    return target


@pytest.fixture
def demo_site(chromium, browser_locale_dir, transactional_db, live_server):
    """The live server's address, with the demo dataset in the test database and the
    compiled catalogues in use (settings are process-wide: the server thread sees them)."""
    from django.utils import translation

    from tremplin.demo.dataset import load
    from tremplin.reference.sync import sync_all

    with override_settings(LOCALE_PATHS=[browser_locale_dir]):
        # A transactional test empties every table when it ends, reference data included:
        # put it back before loading the demo.
        sync_all()
        load()
        yield live_server.url
    translation.deactivate()


def new_context(chromium, **options):
    """A fresh browser profile: no cookies; a French-speaking visitor unless told otherwise."""
    options.setdefault("locale", "fr-FR")
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = chromium.new_context(**options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def context_factory(chromium):
    contexts = []

    def make(**options):
        context = new_context(chromium, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()
