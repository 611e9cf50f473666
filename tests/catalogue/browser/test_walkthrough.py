"""The catalogue end to end in headless Chromium, as people would use it: a submitter writes a
record in Spanish with a French translation of its title and pitch, a moderator asks for a
change, the submitter edits and submits again, the moderator publishes, a visitor finds it by
searching in French, through its French translation only, and it is in the CSV download."""

from __future__ import annotations

import pytest

from tests.conftest import make_person
from tremplin.accounts.models import Person
from tremplin.catalogue.models import Innovation, InnovationVersion, Review, TargetPublic
from tremplin.demo.dataset import DEMO_ACCOUNTS
from tremplin.reference.models import BusinessLine, SustainableDevelopmentGoal

from .conftest import in_browser, new_context, session_of

pytestmark = pytest.mark.browser
S = InnovationVersion.State

# In Spanish; the French translation of the title holds the word the visitor searches
# ("ressourcerie"), which no Spanish text and no other record contains.
SPANISH = {
    "title": "Tienda solidaria de segunda mano",
    "pitch": "Una tienda donde personas en búsqueda de empleo reparan y venden objetos donados.",
    "need": "Muchos objetos útiles acaban en la basura mientras familias sin recursos no pueden comprarlos.",
    "solution": "Un taller y una tienda gestionados por personas en inserción, acompañadas por voluntariado.",
    "value_proposition": "Une empleo, reciclaje y acceso a bienes baratos en un mismo lugar.",
    "results": "En un año: 40 toneladas de objetos reutilizados y 12 personas contratadas.",
    "transfer_potential": "Cualquier asamblea local con un local disponible puede abrir una tienda.",
    "resources": "Un local, un responsable de taller, herramientas básicas.",
}
FRENCH = {
    "title": "Ressourcerie solidaire de Cruz Roja",
    "pitch": "Une boutique où des personnes en recherche d'emploi réparent et vendent des objets donnés.",
}
CHANGE_REQUEST = "Indiquez la source et la date de vos résultats, s'il vous plaît."
SOURCE = "Fuente: memoria anual 2023 de la asamblea local de Valencia."


def test_spanish_record_moderated_published_and_found_in_french(catalogue_site):
    base = catalogue_site
    submitter = make_person(
        "marta.valencia@example.org", full_name="Marta Gil", preferred_language="es"
    )
    moderator = Person.objects.get(email=dict(DEMO_ACCOUNTS)["moderator"])
    choices = {
        "public": TargetPublic.objects.get(code="precarity").pk,
        "theme": BusinessLine.objects.get(code="insertion").pk,
        "sdg": SustainableDevelopmentGoal.objects.get(number=12).pk,
    }
    sessions = {"submitter": session_of(submitter), "moderator": session_of(moderator)}

    def walk(browser):
        seen = {}
        writer = new_context(browser, base, session=sessions["submitter"], locale="es-ES")
        page = writer.new_page()

        # The submitter starts a record in Spanish and writes it section by section.
        page.goto(f"{base}/innovations/share/")
        page.check("input[name=language][value=es]")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url.endswith("/about/"), page.url
        for name in ("title", "pitch", "need", "solution", "value_proposition"):
            page.fill(f"#id_{name}", SPANISH[name])
        next_section(page, "/results/")
        page.fill("#id_results", SPANISH["results"])
        next_section(page, "/replicate/")
        page.fill("#id_transfer_potential", SPANISH["transfer_potential"])
        page.fill("#id_resources", SPANISH["resources"])
        page.select_option("#id_cost_range", "lt10k")
        next_section(page, "/classification/")
        page.check("input[name=stage][value=pilot]")
        page.check(f"input[name=publics][value='{choices['public']}']")
        page.check(f"input[name=business_lines][value='{choices['theme']}']")
        page.check(f"input[name=sdgs][value='{choices['sdg']}']")
        page.select_option("#id_country", "ES")
        page.select_option("#id_national_society", label="Cruz Roja Española")
        page.fill("#id_carrying_organisation", "Cruz Roja Española, asamblea local de Valencia")
        next_section(page, "/contact/")
        page.fill("#id_contact_name", "Marta Gil")
        page.fill("#id_contact_email", "marta.valencia@example.org")
        next_section(page, "/images/")
        next_section(page, "/criteria/")
        for criterion in ("need", "innovation", "impact", "strategic"):
            page.fill(f"#id_{criterion}", "Lo explicamos en la ficha: " + SPANISH["need"])
        with page.expect_navigation():
            page.locator("button[name=go][value=check]").click()
        assert page.url.endswith("/check/"), page.url
        check_url = page.url

        # ... adds a French translation of its title and pitch ...
        page.goto(check_url.replace("/check/", "/translation/fr/"))
        page.fill("#id_title", FRENCH["title"])
        page.fill("#id_pitch", FRENCH["pitch"])
        with page.expect_navigation():
            page.locator("button[name=go][value=check]").click()
        assert page.url == check_url

        # ... and submits it.
        with page.expect_navigation():
            page.locator("form[action$='/submit/'] button[type=submit]").click()
        assert page.url.endswith("/submitted/"), page.url

        # The moderator finds it in the queue and asks for a change.
        reviewer = new_context(browser, base, session=sessions["moderator"])
        desk = reviewer.new_page()
        open_review(desk, base)
        desk.check("input[name=decision][value=changes]")
        desk.fill("#id_message", CHANGE_REQUEST)
        with desk.expect_navigation():
            desk.locator("main form button[type=submit]").click()

        # The submitter reads the request on "my innovations", edits, and submits again.
        page.goto(f"{base}/innovations/mine/")
        seen["request shown"] = CHANGE_REQUEST in page.locator("main").inner_text()
        with page.expect_navigation():
            page.locator("main a[href$='/about/']").first.click()
        page.goto(page.url.replace("/about/", "/results/"))
        page.fill("#id_results", SPANISH["results"] + " " + SOURCE)
        with page.expect_navigation():
            page.locator("button[name=go][value=stay]").click()
        page.goto(check_url)
        with page.expect_navigation():
            page.locator("form[action$='/submit/'] button[type=submit]").click()
        assert page.url.endswith("/submitted/"), page.url

        # The moderator ticks the four criteria and publishes.
        open_review(desk, base)
        for box in desk.locator("main form fieldset input[type=checkbox]").all():
            box.check()
        desk.check("input[name=decision][value=accept]")
        with desk.expect_navigation():
            desk.locator("main form button[type=submit]").click()

        # A visitor, reading in French, searches a word of the French translation only.
        visitor = new_context(browser, base).new_page()
        visitor.goto(f"{base}/innovations/")
        visitor.fill("#catalogue-q", "ressourcerie")
        with visitor.expect_navigation():
            visitor.locator("form[role=search] button[type=submit]").click()
        seen["results url"] = visitor.url
        result = visitor.locator("main a", has_text=FRENCH["title"])
        seen["results"] = result.count()
        with visitor.expect_navigation():
            result.first.click()
        seen["heading"] = visitor.locator("h1").inner_text()
        seen["heading language"] = visitor.locator("h1").get_attribute("lang")
        seen["page"] = visitor.locator("main").inner_text()
        need = visitor.locator("main div[lang]", has_text=SPANISH["need"])
        seen["need language"] = need.get_attribute("lang")
        seen["fallback notes"] = visitor.locator("main .fallback-note").count()

        # ... and it is in the open data download, once per language it is written in.
        csv = visitor.request.get(f"{base}/innovations/open-data/innovations.csv")
        seen["csv"] = (csv.status, csv.text())
        return seen

    seen = in_browser(walk)

    assert seen["request shown"]
    assert "/innovations/search/" in seen["results url"] and "q=ressourcerie" in seen["results url"]
    assert seen["results"] == 1
    assert seen["heading"] == FRENCH["title"] and seen["heading language"] == "fr"
    # The Spanish text that has no French translation is shown, and said to be in Spanish.
    assert SPANISH["need"] in seen["page"] and seen["need language"] == "es"
    assert seen["fallback notes"] >= 1

    status, csv = seen["csv"]
    assert status == 200
    assert FRENCH["title"] in csv and SPANISH["title"] in csv

    innovation = Innovation.objects.get(owner=submitter)
    version = innovation.published
    assert version.state == S.PUBLISHED and version.original_language == "es"
    assert version.title == {"es": SPANISH["title"], "fr": FRENCH["title"]}
    assert SOURCE in version.results["es"]
    decisions = list(version.reviews.order_by("pk").values_list("decision", "moderator"))
    assert decisions == [
        (Review.Decision.CHANGES, moderator.pk),
        (Review.Decision.ACCEPT, moderator.pk),
    ]


def next_section(page, expected_end):
    with page.expect_navigation():
        page.locator("button[name=go][value=next]").click()
    assert page.url.endswith(expected_end), page.url


def open_review(page, base):
    page.goto(f"{base}/innovations/moderation/")
    with page.expect_navigation():
        page.locator("main table a", has_text=FRENCH["title"]).or_(
            page.locator("main table a", has_text=SPANISH["title"])
        ).first.click()
    assert "/moderation/versions/" in page.url, page.url
