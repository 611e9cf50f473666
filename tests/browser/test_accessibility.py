"""axe-core finds no accessibility violation on the pages everyone meets, in French (left to
right) and in Arabic (right to left): WCAG 2.0 and 2.1, levels A and AA, and axe's best
practices, every impact level."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import choose_language, html_language, sign_in

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGES = {
    "home": ("/", False),
    "home, signed in": ("/", True),
    "sign in": ("/account/login/", False),
    "sign up": ("/account/signup/", False),
}


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violation(demo_site, context_factory, name, language):
    path, signed_in = PAGES[name]
    # axe is injected with Playwright's evaluate (DevTools protocol), which the page's
    # Content-Security-Policy does not govern: the pages are checked exactly as served, CSP on.
    page = context_factory().new_page()
    if signed_in:
        sign_in(page, demo_site)
    page.goto(f"{demo_site}{path}")
    if language != "fr":
        choose_language(page, language)
    assert page.url == f"{demo_site}{path}"
    assert html_language(page)[0] == language

    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, (
        f"{name} ({language}, {page.url}):\n{results.generate_report()}"
    )
