"""An entrepreneur applies from the call page to the confirmation, in French and in Arabic: three
steps filled as a person would (typing, ticking, choosing a file), the autosave saying "saved",
the file kept, the summary, the submission; and axe-core finds no violation on the call page
and on each step of the form."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import make_person

from .helpers import choose_language, html_language, sign_in
from .test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

PASSWORD = "a long and good password 2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CALL = "/calls/entrepreneurs-s4/"


def assert_accessible(page, what):
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{what} ({page.url}):\n{results.generate_report()}"


def autosaved(page):
    """The status line says the draft is saved (the class is the same in every language)."""
    page.wait_for_selector("#autosave-status .autosave--saved", timeout=15_000)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_entrepreneur_applies_with_a_file(demo_site, context_factory, tmp_path, language):
    from tremplin.applications.models import Application, State

    person = make_person(
        f"nour-{language}@example.org",
        full_name="Nour Haddad",
        password=PASSWORD,
        preferred_language=language,
    )
    deck = tmp_path / "presentation.pdf"
    deck.write_bytes(PDF)

    page = context_factory(locale="fr-FR" if language == "fr" else "ar").new_page()
    sign_in(page, demo_site, person.email, PASSWORD)
    page.goto(f"{demo_site}{CALL}")
    if html_language(page)[0] != language:
        choose_language(page, language)
    assert html_language(page) == (language, "rtl" if language == "ar" else "ltr")
    assert_accessible(page, "call page")

    # From the call page to the first step.
    page.locator("main a.button").click()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/steps/1/" in page.url
    assert_accessible(page, "step 1")

    # Step 1: typing is saved without pressing anything.
    page.fill("#id_project_name", "Jardins solidaires")
    autosaved(page)
    page.fill("#id_organisation_name", "Association des jardins")
    page.select_option("#id_organisation_kind", "association")
    page.select_option("#id_region", "FR-BRE")
    autosaved(page)
    with page.expect_navigation():
        page.locator("button[name=go][value=next]").click()
    assert "/steps/2/" in page.url
    assert_accessible(page, "step 2")

    # Step 2: long texts with their counter, a choice, ticked business lines.
    page.fill("#id_need", "Des personnes âgées isolées dans les villages.")
    assert page.locator("#id_need_counter").count() == 1
    page.fill("#id_solution", "Des potagers partagés entre générations, animés par des bénévoles.")
    page.locator("input[name=stage][value=prototype]").check()
    page.locator("input[name=business_lines][value=elderly]").check()
    autosaved(page)
    with page.expect_navigation():
        page.locator("button[name=go][value=next]").click()
    assert "/steps/3/" in page.url
    assert_accessible(page, "step 3")

    # Step 3: numbers and a file, saved with the button.
    page.fill("#id_team_size", "3")
    page.fill("#id_budget", "12000")
    page.set_input_files("#id_pitch_deck", str(deck))
    with page.expect_navigation():
        page.locator("button[name=go][value=stay]").click()
    assert "presentation.pdf" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("button[name=go][value=summary]").click()
    assert "/summary/" in page.url
    assert_accessible(page, "summary")

    # Submit once; the confirmation page follows.
    with page.expect_navigation():
        page.locator("form[action$='/submit/'] button").click()
    assert page.url.endswith("/submitted/")
    assert_accessible(page, "confirmation")
    application = Application.objects.get(applicant=person)
    assert application.state == State.SUBMITTED
    assert application.attachments.get().original_name == "presentation.pdf"
    assert application.frozen_answers["answers"]["project_name"]["text"] == "Jardins solidaires"
