"""Programmes from the staff pages: listed, created, edited, recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.programmes import builders
from tests.programmes.support import translated_data, url
from tremplin.accounts.models import Organisation
from tremplin.core.history import history_of
from tremplin.programmes import audit
from tremplin.programmes.models import Audience, Programme

pytestmark = pytest.mark.django_db


def programme_data(**overrides) -> dict:
    data = {
        "slug": "impact-data",
        **translated_data("name", fr="Impact Data", en="Impact Data"),
        **translated_data("summary", fr="Les données de santé au service du parcours patient"),
        **translated_data("description"),
        **translated_data("thematic_focus", fr="Données de santé", en="Health data"),
        "audience": Audience.OUTSIDERS,
        "duration_months": "6",
        "financial_package": "15000.50",
        "places": "2",
        "regional_representativeness": "",
        "partners": [],
        "launched_on": "2020-02-01",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_programme_list(staff_client, django_assert_max_num_queries):
    partners = [builders.organisation(f"Fondation {n}") for n in range(5)]
    for _ in range(3):
        builders.call(builders.programme(partners=partners))
    few = len(Programme.objects.all())
    with django_assert_max_num_queries(10):
        response = staff_client.get(url("programme_list"))
    assert response.status_code == 200
    assert len(response.context["programmes"]) == few
    assert "Fondation 4" in response.content.decode()
    for _ in range(20):
        builders.programme(partners=partners)
    with django_assert_max_num_queries(10):
        assert staff_client.get(url("programme_list")).status_code == 200


def test_creating_a_programme(staff_client, staff):
    roche = builders.organisation("Fondation Roche", kind=Organisation.Kind.PARTNER)
    builders.organisation("Une entreprise", kind=Organisation.Kind.COMPANY)
    page = staff_client.get(url("programme_create"))
    partners = page.context["form"].fields["partners"].queryset
    assert list(partners) == [roche]
    response = staff_client.post(url("programme_create"), programme_data(partners=[roche.pk]))
    assert response.status_code == 302
    programme = Programme.objects.get(slug="impact-data")
    assert programme.name == {"fr": "Impact Data", "en": "Impact Data"}
    assert programme.financial_package == Decimal("15000.50")
    assert programme.audience == Audience.OUTSIDERS
    assert list(programme.partners.all()) == [roche]
    assert programme.thematic_focus["en"] == "Health data"
    entry = history_of(programme).first()
    assert (entry.action, entry.actor) == ("programme_created", staff)


def test_a_negative_package_is_refused_and_the_typed_data_kept(staff_client):
    response = staff_client.post(url("programme_create"), programme_data(financial_package="-5"))
    assert response.status_code == 200
    assert "financial_package" in response.context["form"].errors
    assert "Données de santé" in response.content.decode()
    assert not Programme.objects.filter(slug="impact-data").exists()


def test_editing_a_programme_records_what_changed(staff_client):
    old_partner = builders.organisation("Nexem")
    programme = builders.programme("entrepreneurs", partners=[old_partner])
    new_partner = builders.organisation("Fondation Devoteam")
    page = staff_client.get(url("programme_edit", pk=programme.pk))
    # A partner already chosen stays listed whatever its kind.
    assert set(page.context["form"].fields["partners"].queryset) == {old_partner, new_partner}
    data = programme_data(
        slug="entrepreneurs",
        partners=[new_partner.pk],
        places="8",
        **translated_data("name", fr="Entrepreneurs"),
    )
    response = staff_client.post(url("programme_edit", pk=programme.pk), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.places == 8
    assert list(programme.partners.all()) == [new_partner]
    entry = history_of(programme).first()
    assert entry.action == "programme_updated"
    assert {"places", "partners", "name"} <= set(entry.data["fields"])
    page = staff_client.get(url("programme_edit", pk=programme.pk))
    latest = page.context["history"][0]
    assert latest.label == audit.PROGRAMME_UPDATED.label
    # The fields that changed, by the names the form shows (French by default).
    assert {"nombre de places", "partenaires", "nom"} <= set(latest.detail.split(", "))


def test_a_taken_short_name_is_refused(staff_client):
    builders.programme("entrepreneurs")
    response = staff_client.post(url("programme_create"), programme_data(slug="entrepreneurs"))
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
