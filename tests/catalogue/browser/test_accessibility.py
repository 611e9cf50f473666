"""axe-core finds no accessibility violation on the catalogue's public pages (the catalogue
home, a page of search results, innovation pages, the "Contact the team" form), in French
(left to right) and in Arabic (right to left): WCAG 2.0 and 2.1, levels A and AA, and axe's
best practices."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.helpers import choose_language, html_language
from tests.browser.test_accessibility import AXE_OPTIONS
from tremplin.accounts.models import Person

from .conftest import in_browser, new_context, session_of

pytestmark = pytest.mark.browser

QUERIES = {"fr": "personnes âgées", "ar": "اللاجئين"}


def pages(language):
    return {
        "catalogue home": "/innovations/",
        "search results": f"/innovations/search/?q={quote(QUERIES[language])}",
        # Written in Spanish, its French title translated by the moderators, partly in English.
        "innovation (Spanish original)": "/innovations/te-acompanamos/",
        # Written in Arabic, with an English translation.
        "innovation (Arabic original)": "/innovations/mobile-clinics-bekaa/",
        # The form that relays a visitor's message to the team (the address is never shown).
        "contact the team": "/innovations/te-acompanamos/contact/",
    }


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_accessibility_violation_on_the_catalogue_pages(catalogue_site, language):
    base = catalogue_site

    def check(browser):
        page = new_context(browser, base).new_page()
        page.goto(f"{base}/innovations/")
        if language != "fr":
            choose_language(page, language)
        failures, found = [], {}
        for name, path in pages(language).items():
            page.goto(f"{base}{path}")
            assert page.url == f"{base}{path}", name
            assert html_language(page) == (language, "rtl" if language == "ar" else "ltr")
            if name == "search results":
                found[name] = page.locator("main .card").count()
            results = Axe().run(page, options=AXE_OPTIONS)
            if results.violations_count:
                failures.append(f"{name} ({path}):\n{results.generate_report()}")
        return failures, found

    failures, found = in_browser(check)
    assert found["search results"] >= 1  # a page of results, not an empty one
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_accessibility_violation_on_an_innovation_page_signed_in(catalogue_site, language):
    """What signed-in people see more: the replication panel (a member who asked to
    replicate it), the owner's actions (its owner)."""
    base = catalogue_site
    sessions = {
        "member": session_of(Person.objects.get(email="applicant@example.org")),
        "owner": session_of(Person.objects.get(email="minutis@example.org")),
    }
    paths = {"member": "/innovations/te-acompanamos/", "owner": "/innovations/minutis/"}

    def check(browser):
        failures = []
        for who, path in paths.items():
            page = new_context(browser, base, session=sessions[who]).new_page()
            page.goto(f"{base}/innovations/")
            if language != "fr":
                choose_language(page, language)
            page.goto(f"{base}{path}")
            assert html_language(page)[0] == language
            results = Axe().run(page, options=AXE_OPTIONS)
            if results.violations_count:
                failures.append(f"{who} ({path}):\n{results.generate_report()}")
        return failures

    failures = in_browser(check)
    assert not failures, "\n".join(failures)
