"""The discovery pages: catalogue home, results, the innovation page (every field, fallback
notices, moderators' translations, figures, similar innovations), pages per country, SDG,
theme and public; who sees what; bounded numbers of SQL queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue.models import ImpactFigure, InnovationVersion, Resource

pytestmark = pytest.mark.django_db
State = InnovationVersion.State


def in_language(client, language):
    client.cookies["tremplin_language"] = language
    return client


def test_home_lists_the_latest_and_the_facets(client, django_assert_max_num_queries):
    for n in range(8):
        make_innovation(title=f"Innovation {n}", themes=["elderly"], country="ES")
    make_innovation(title="Brouillon caché", state=State.DRAFT)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalogue:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Innovation 7" in page
    assert "Brouillon caché" not in page
    assert reverse("catalogue:theme", args=["elderly"]) in page
    assert reverse("catalogue:country", args=["ES"]) in page
    assert "(8)" in page


def test_results_page_finds_and_counts(client, django_assert_max_num_queries):
    make_innovation(title="Accompagner les personnes âgées", themes=["elderly"])
    make_innovation(title="Épicerie solidaire", themes=["food-aid"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalogue:search"), {"q": "agees"})
    page = response.content.decode()
    assert "Accompagner les personnes âgées" in page
    assert "Épicerie solidaire" not in page
    assert 'value="elderly"' in page
    assert 'value="food-aid"' not in page  # no result has it


def test_results_page_queries_do_not_grow_with_the_page(client, django_assert_max_num_queries):
    owner = make_person()
    for n in range(25):
        make_innovation(owner, title=f"Jardin {n}", themes=["elderly", "health"], sdgs=[3])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalogue:search"), {"q": "jardin", "theme": "elderly"})
    page = response.content.decode()
    assert page.count('class="card"') == 20
    assert "page=2" in page
    response = client.get(reverse("catalogue:search"), {"q": "jardin", "page": "2"})
    assert response.content.decode().count('class="card"') == 5


def test_bad_parameters_give_a_page(client):
    make_innovation(title="Jardin")
    for params in (
        {"page": "x"},
        {"page": "999"},
        {"theme": "unknown", "sdg": "99", "country": "ZZ", "sort": "nope"},
        {"q": "x" * 5000},
        {"q": '"(*'},
    ):
        assert client.get(reverse("catalogue:search"), params).status_code == 200, params


def test_a_spanish_visitor_finds_a_french_record(client):
    record = make_innovation(
        title={"fr": "Visites de convivialité"}, publics=["older-people"], original_language="fr"
    )
    response = in_language(client, "es").get(reverse("catalogue:search"), {"q": "mayores"})
    assert reverse("catalogue:innovation", args=[record.slug]) in response.content.decode()


def full_record(**extra):
    record = make_innovation(
        title={"fr": "Minutis", "en": "Minutis"},
        pitch={"fr": "Coordonner les secours", "en": "Coordinate first aid"},
        need={"fr": "Les équipes perdent du temps."},
        solution={"fr": "Une application.", "en": "An application, translated by moderators."},
        value_proposition={"fr": "Hors ligne."},
        results={"fr": "Utilisée par 3 000 secouristes."},
        transfer_potential={"fr": "Toute société nationale."},
        resources={"fr": "Un serveur."},
        partners_needed={"fr": "Des opérateurs."},
        original_language="fr",
        themes=["emergency"],
        publics=["volunteers"],
        sdgs=[3],
        country="FR",
        carrying_organisation="Croix-Rouge française",
        contact_name="Camille Martin",
        contact_email="camille@example.org",
        cost_range="10k-50k",
        duration_months=6,
        moderator_translations={"en": ["solution"]},
        **extra,
    )
    ImpactFigure.objects.create(
        version=record.published,
        label={"fr": "Secouristes équipés"},
        value=Decimal("3000"),
        source="Rapport annuel 2025",
        measured_on=datetime.date(2025, 12, 31),
    )
    Resource.objects.create(version=record.published, title="Guide", url="https://example.org/g")
    return record


def test_innovation_page_shows_every_field(client, django_assert_max_num_queries):
    record = full_record()
    similar = make_innovation(title="Secours connectés", themes=["emergency"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("catalogue:innovation", args=[record.slug]))
    page = response.content.decode()
    for text in (
        "Minutis",
        "Coordonner les secours",
        "Les équipes perdent du temps.",
        "Une application.",
        "Hors ligne.",
        "Utilisée par 3 000 secouristes.",
        "Toute société nationale.",
        "Un serveur.",
        "Des opérateurs.",
        "Croix-Rouge française",
        "Camille Martin",
        reverse("catalogue:contact", args=[record.slug]),  # the contact's address is not shown
        "Secouristes équipés",
        "Rapport annuel 2025",
        "https://example.org/g",
        reverse("catalogue:theme", args=["emergency"]),
        reverse("catalogue:public", args=["volunteers"]),
        reverse("catalogue:sdg", args=[3]),
        reverse("catalogue:country", args=["FR"]),
        reverse("catalogue:innovation", args=[similar.slug]),  # similar innovations
        'rel="license"',  # the licence
    ):
        assert text in page, text
    assert "camille@example.org" not in page


def test_fallback_notice_names_the_language_shown_and_the_original(client):
    record = full_record()
    page = (
        in_language(client, "en")
        .get(reverse("catalogue:innovation", args=[record.slug]))
        .content.decode()
    )
    assert "Coordinate first aid" in page  # translated: no notice for it
    assert "Les équipes perdent du temps." in page  # not translated: a notice
    assert "Not yet available in your language; shown in French." in page
    assert "Original language of the record: French." in page
    assert "Translated by the moderation team." in page
    french = (
        in_language(client, "fr")
        .get(reverse("catalogue:innovation", args=[record.slug]))
        .content.decode()
    )
    assert "Not yet available in your language" not in french


def test_a_draft_is_hidden_from_others(client):
    owner = make_person()
    draft = make_innovation(owner, title="Projet en cours", state=State.DRAFT)
    url = reverse("catalogue:innovation", args=[draft.slug])
    assert client.get(url).status_code == 404
    client.force_login(make_person())
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert "panel--warning" in response.content.decode()  # "This record is not published"
    client.force_login(make_person(roles=["moderator"]))
    assert client.get(url).status_code == 200


def test_an_unknown_or_taken_down_record_is_not_found(client):
    record = make_innovation(title="Retiré")
    record.published = None
    record.save()
    assert client.get(reverse("catalogue:innovation", args=[record.slug])).status_code == 404
    assert client.get(reverse("catalogue:innovation", args=["nothing-here"])).status_code == 404


def test_pages_per_country_sdg_theme_and_public(client, django_assert_max_num_queries):
    spanish = make_innovation(
        title="Comedor social", country="ES", sdgs=[2], themes=["food-aid"], publics=["homeless"]
    )
    french = make_innovation(title="Jardin", country="FR", sdgs=[3])
    for url in (
        reverse("catalogue:country", args=["ES"]),
        reverse("catalogue:country", args=["es"]),
        reverse("catalogue:sdg", args=[2]),
        reverse("catalogue:theme", args=["food-aid"]),
        reverse("catalogue:public", args=["homeless"]),
    ):
        with django_assert_max_num_queries(8):
            response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert reverse("catalogue:innovation", args=[spanish.slug]) in page, url
        assert reverse("catalogue:innovation", args=[french.slug]) not in page, url
    for url in (
        reverse("catalogue:country", args=["ZZ"]),
        reverse("catalogue:sdg", args=[18]),
        reverse("catalogue:theme", args=["nope"]),
        reverse("catalogue:public", args=["nope"]),
    ):
        assert client.get(url).status_code == 404, url


def test_main_menu_links_to_the_catalogue(client):
    page = client.get(reverse("home:home")).content.decode()
    assert reverse("catalogue:home") in page
