"""Arabic end to end: the switcher, right-to-left layout, no interface text left untranslated,
and the choice remembered by the browser and by the person's profile."""

import pytest

from .helpers import (
    APPLICANT,
    catalogue_progress,
    choose_language,
    html_language,
    sign_in,
    sign_out,
    signed_in,
    untranslated_strings,
)

pytestmark = pytest.mark.browser


def person_data(email: str) -> tuple[str, ...]:
    """What the page may show of a person as it is, whatever the language."""
    from tremplin.accounts.models import Person

    person = Person.objects.get(email=email)
    return (person.full_name, person.get_short_name(), person.email)


def assert_fully_arabic(page, where: str) -> None:
    assert html_language(page) == ("ar", "rtl"), where
    missing = untranslated_strings(page, "ar", data=person_data(APPLICANT))
    assert not missing, (
        f"{where}: {len(missing)} interface message(s) shown untranslated in Arabic "
        f"({catalogue_progress('ar')}):\n  " + "\n  ".join(missing)
    )


def test_applicant_reads_tremplin_in_arabic(demo_site, context_factory):
    page = context_factory().new_page()
    sign_in(page, demo_site)
    assert page.url == f"{demo_site}/"
    assert page.locator("main h1").count() == 1
    assert html_language(page) == ("fr", "ltr")
    width = page.viewport_size["width"]
    brand_ltr = page.locator(".brand").bounding_box()
    nav_ltr = page.locator(".site-nav").bounding_box()
    assert brand_ltr["x"] + brand_ltr["width"] < width / 2
    assert brand_ltr["x"] < nav_ltr["x"]

    choose_language(page, "ar")
    assert page.url == f"{demo_site}/"
    assert_fully_arabic(page, "home page")

    # The layout mirrors: the brand moves to the right-hand edge, the menu to its left.
    brand_rtl = page.locator(".brand").bounding_box()
    nav_rtl = page.locator(".site-nav").bounding_box()
    assert brand_rtl["x"] > width / 2, (brand_ltr, brand_rtl)
    assert abs((width - (brand_rtl["x"] + brand_rtl["width"])) - brand_ltr["x"]) < 2
    assert nav_rtl["x"] + nav_rtl["width"] <= brand_rtl["x"]

    page.reload()
    assert html_language(page) == ("ar", "rtl"), "the choice was not remembered on reload"

    sign_out(page)
    assert_fully_arabic(page, "home page after signing out")
    sign_in(page, demo_site)
    assert_fully_arabic(page, "home page after signing in again")

    # A new device (no cookie, a French-speaking browser): the profile brings Arabic back.
    other_device = context_factory(locale="fr-FR").new_page()
    other_device.goto(f"{demo_site}/account/login/")
    assert html_language(other_device) == ("fr", "ltr")
    sign_in(other_device, demo_site)
    assert signed_in(other_device)
    assert html_language(other_device) == ("ar", "rtl"), "the profile did not keep Arabic"
