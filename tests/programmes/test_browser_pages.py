"""The staff pages in headless Chromium: axe-core finds no accessibility violation, in French
(left to right) and in Arabic (right to left), and the form builder works without
JavaScript.

Chromium is driven from a thread of its own: the browser tests of tests/browser keep a
Playwright driver attached to the main thread for the whole session, and Playwright's sync API
allows one per thread."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client, override_settings
from django.utils import translation

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _unavailable, browser_locale_dir  # noqa: F401
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.conftest import make_person
from tests.programmes import builders
from tremplin.programmes.services import calls, form_builder
from tremplin.reference.sync import sync_all

pytestmark = pytest.mark.browser


@pytest.fixture
def site(browser_locale_dir, transactional_db, live_server):  # noqa: F811
    """The live server's address, with reference data and the compiled catalogues."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"browser tests need Debian's Chromium at {CHROMIUM}")
    with override_settings(LOCALE_PATHS=[browser_locale_dir]):
        sync_all()  # a transactional test empties every table when it ends
        yield live_server.url
    translation.deactivate()


def in_browser(base_url, language, work, **options):
    """Run work(page) in a fresh Chromium profile, signed in as a member of the accelerator
    team (with two-factor set up) who reads the platform in `language`."""
    person = make_person(
        f"team-{language}@example.org", roles=["staff"], preferred_language=language
    )
    client = Client()
    client.force_login(person)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                context = browser.new_context(
                    locale="fr-FR", viewport={"width": 1280, "height": 900}, **options
                )
                context.set_default_timeout(15_000)
                context.add_cookies(
                    [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
                )
                return work(context.new_page())
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def call_with_a_form():
    person = make_person("builder@example.org", roles=["staff"])
    base = builders.call()
    call = calls.create_call(
        person,
        programme=builders.programme(),
        season=base.season,
        slug="entrepreneurs-s99",
        title={"fr": "Appel entrepreneurs", "ar": "دعوة رواد الأعمال"},
        opens_at=base.opens_at,
        closes_at=base.closes_at,
    )
    step = form_builder.add_step(call, person, title={"fr": "Votre équipe", "ar": "فريقكم"})
    form_builder.add_question(
        step,
        person,
        kind="single_choice",
        label={"fr": "Stade du projet", "ar": "مرحلة المشروع"},
        options=[{"value": "idea", "label": {"fr": "Idée", "ar": "فكرة"}}],
    )
    form_builder.add_question(
        step, person, kind="long_text", label={"fr": "Votre équipe"}, max_length=1500
    )
    return call, step.questions.order_by("position").first(), call.criteria.first()


def pages(call, question, criterion):
    return {
        "calls": "/staff/calls/",
        "new call": "/staff/calls/new/",
        "copy": f"/staff/calls/copy/?source={call.slug}",
        "call settings": f"/staff/calls/{call.slug}/",
        "form builder": f"/staff/calls/{call.slug}/form/",
        "preview": f"/staff/calls/{call.slug}/form/preview/",
        "question": f"/staff/calls/{call.slug}/form/questions/{question.pk}/",
        "new question": f"/staff/calls/{call.slug}/form/steps/{question.step_id}/questions/new/",
        "checklist": f"/staff/calls/{call.slug}/criteria/",
        "delete criterion": f"/staff/calls/{call.slug}/criteria/{criterion.pk}/delete/",
        "programmes": "/staff/programmes/",
        "programme": f"/staff/programmes/{call.programme_id}/",
        "seasons": "/staff/seasons/",
    }


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_accessibility_violation_on_the_staff_pages(site, language):
    addresses = pages(*call_with_a_form())

    def check(page):
        failures = []
        for name, path in addresses.items():
            page.goto(f"{site}{path}")
            assert page.url == f"{site}{path}", name
            assert page.locator("html").get_attribute("lang") == language
            results = Axe().run(page, options=AXE_OPTIONS)
            if results.violations_count:
                failures.append(f"{name} ({path}):\n{results.generate_report()}")
        return failures

    failures = in_browser(site, language, check)
    assert not failures, "\n".join(failures)


def test_the_form_builder_without_javascript(site):
    call, question, _criterion = call_with_a_form()
    step = question.step
    before = list(step.questions.order_by("position").values_list("pk", flat=True))

    def move_then_add(page):
        page.goto(f"{site}/staff/calls/{call.slug}/form/")
        page.locator(f"#question-{question.pk} button[value='down']").click()
        page.wait_for_load_state()
        moved_to = page.url
        page.goto(f"{site}/staff/calls/{call.slug}/form/steps/{step.pk}/questions/new/")
        page.select_option("#id_kind", "multiple_choice")
        page.fill("#id_label_0", "Publics visés")
        page.fill("#id_options", "seniors | Personnes âgées | Older people\nmigrants | Migrants")
        page.locator("form.staff-form button[type=submit]").click()
        page.wait_for_load_state()
        return moved_to

    moved_to = in_browser(site, "fr", move_then_add, java_script_enabled=False)
    assert moved_to.endswith(f"/staff/calls/{call.slug}/form/#question-{question.pk}")
    after = list(step.questions.order_by("position").values_list("pk", flat=True))
    assert after[:2] == list(reversed(before))
    added = step.questions.order_by("-position").first()
    assert added.label == {"fr": "Publics visés"}
    assert [o["value"] for o in added.options] == ["seniors", "migrants"]
