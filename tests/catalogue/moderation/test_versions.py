"""The versions of an innovation and their comparison: seen by the owner, the moderators and
the validators of its national society, never by others; the differences are escaped and
marked in words, not by colour alone."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.catalogue.factories import make_innovation
from tests.conftest import make_person
from tremplin.catalogue import diff

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    owner = make_person()
    validator, other_validator = make_person(), make_person()
    society = builders.society(validators=[validator])
    builders.society("Croix-Rouge de Belgique", "BE", validators=[other_validator])
    innovation = make_innovation(
        owner,
        title={"fr": "Voisins solidaires"},
        need={"fr": "Isolement des aînés"},
        national_society=society,
    )
    builders.new_version(
        innovation,
        title={"fr": "Voisins solidaires <script>", "es": "Vecinos solidarios"},
        need={"fr": "Isolement des personnes âgées"},
        stage="deployed",
    )
    return {
        "innovation": innovation,
        "owner": owner,
        "validator": validator,
        "other_validator": other_validator,
    }


def test_who_sees_the_versions_and_the_comparison(client, record):
    slug = record["innovation"].slug
    pages = [
        reverse("catalogue:versions", kwargs={"slug": slug}),
        reverse("catalogue:compare_versions", kwargs={"slug": slug}),
    ]
    for address in pages:
        client.logout()
        assert client.get(address).status_code == 302
        for person, status in [
            (record["owner"], 200),
            (builders.moderator(), 200),
            (record["validator"], 200),
            (record["other_validator"], 403),
            (make_person(), 403),
            (make_person(roles=["staff"]), 403),
        ]:
            client.force_login(person)
            assert client.get(address).status_code == status, (address, person)


def test_the_versions_page_lists_states_and_messages(client, record, django_assert_max_num_queries):
    client.force_login(record["owner"])
    address = reverse("catalogue:versions", kwargs={"slug": record["innovation"].slug})
    with django_assert_max_num_queries(12):
        page = client.get(address).content.decode()
    assert "Published" in page and "Awaiting moderation" in page
    assert "?a=1&amp;b=2" in page


def test_the_comparison_marks_changes_field_by_field_and_language_by_language(client, record):
    client.force_login(record["owner"])
    address = reverse("catalogue:compare_versions", kwargs={"slug": record["innovation"].slug})
    response = client.get(address, {"a": 1, "b": 2})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in page.split("</header>", 1)[1].replace('<script src="', "")
    assert "&lt;script&gt;" in page
    assert "<del>" in page and "<ins>" in page
    assert "[removed:]" in page and "[added:]" in page
    assert "aînés" in page and "personnes âgées" in page
    assert "Vecinos solidarios" in page  # Spanish added
    assert "Deployed" in page and "Pilot" in page


def test_a_bad_version_number_is_a_clear_message(client, record):
    client.force_login(record["owner"])
    address = reverse("catalogue:compare_versions", kwargs={"slug": record["innovation"].slug})
    response = client.get(address, {"a": "x", "b": 99})
    assert response.status_code == 400
    assert "Choose two versions" in response.content.decode()


def test_text_diff_escapes_and_marks_words():
    html = diff.text_diff("Les <b>aînés</b> isolés", "Les <b>personnes âgées</b> isolées")
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert "<del>" in html and "<ins>" in html
    assert html.startswith("Les ")


def test_text_diff_of_equal_texts_has_no_marks():
    assert diff.text_diff("Même texte", "Même texte") == "Même texte"


def test_text_diff_of_an_added_language():
    html = diff.text_diff("", "Nuevo")
    assert html.startswith("<ins>") and "Nuevo" in html


def test_the_translation_note_for_the_innovation_page():
    from django.template.loader import render_to_string

    innovation = make_innovation(title={"fr": "Voisins", "es": "Vecinos"})
    version = innovation.published
    version.moderator_translations = {"es": ["title"]}
    note = "translated by the moderation team"
    template = "catalogue/moderation/_translation_note.html"
    with translation.override("en"):
        assert note in render_to_string(template, {"version": version, "CURRENT_LANGUAGE": "es"})
        assert note not in render_to_string(
            template, {"version": version, "CURRENT_LANGUAGE": "fr"}
        )
