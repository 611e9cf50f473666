"""Keyboard only: the skip link comes first and leads to the content; signing in needs no
mouse."""

import pytest

from .helpers import APPLICANT, DEMO_PASSWORD, signed_in

pytestmark = pytest.mark.browser


def focused(page, script: str):
    return page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")


def tab_to(page, selector: str, limit: int = 40) -> int:
    """Press Tab until the element matching `selector` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page, f"el.matches({selector!r})"):
            return presses
    raise AssertionError(f"{selector} not reached after {limit} presses of Tab")


def focus_is_visible(page) -> bool:
    return focused(
        page,
        "(s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0"
        " || s.boxShadow !== 'none')(getComputedStyle(el))",
    )


def test_skip_link_then_sign_in_with_the_keyboard(demo_site, page):
    page.goto(f"{demo_site}/account/login/")
    viewport = page.viewport_size

    assert tab_to(page, ".skip-link", limit=1) == 1, "Tab does not reach the skip link first"
    skip = page.locator(".skip-link")
    box = skip.bounding_box()
    assert skip.is_visible()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], (
        f"the focused skip link is off screen: {box}"
    )
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert focus_is_visible(page)

    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main", "the skip link does not move the focus to <main>"
    assert page.url.endswith("#main")

    # From the content, the form: type the address, then the password, then press the button.
    tab_to(page, "#id_login")
    assert focus_is_visible(page)
    page.keyboard.type(APPLICANT)
    tab_to(page, "#id_password", limit=3)
    page.keyboard.type(DEMO_PASSWORD)
    tab_to(page, "main form button[type=submit]", limit=3)
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{demo_site}/"
    assert signed_in(page)
