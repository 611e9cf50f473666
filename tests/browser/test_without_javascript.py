"""With JavaScript off, a person can still sign in and change the language: every page is a
plain HTML form first."""

import pytest

from .helpers import choose_language, html_language, sign_in, sign_out, signed_in

pytestmark = pytest.mark.browser


def test_sign_in_and_switch_language_without_javascript(demo_site, context_factory):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(f"{demo_site}/")
    # The page's own scripts (htmx, tremplin.js) did not run.
    assert page.evaluate("() => typeof window.htmx") == "undefined"
    choose_language(page, "es")
    assert html_language(page) == ("es", "ltr")

    sign_in(page, demo_site)
    assert page.url == f"{demo_site}/"
    choose_language(page, "ar")
    assert page.url == f"{demo_site}/"
    assert html_language(page) == ("ar", "rtl")
    assert signed_in(page)

    sign_out(page)
    assert html_language(page) == ("ar", "rtl")
