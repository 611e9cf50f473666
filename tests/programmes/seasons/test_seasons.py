"""Seasons from the staff pages: listed, created, edited, recorded."""

from __future__ import annotations

import pytest

from tests.programmes import builders
from tests.programmes.support import translated_data, url
from tremplin.core.history import history_of
from tremplin.programmes.models import Season

pytestmark = pytest.mark.django_db


def test_seasons(staff_client, staff, django_assert_max_num_queries):
    builders.call(seas=builders.season(1))
    response = staff_client.post(
        url("season_create"),
        {"number": "5", "opened_on": "2022-04-01", **translated_data("theme", fr="Saison 5")},
    )
    assert response.status_code == 302
    season = Season.objects.get(number=5)
    assert history_of(season).first().action == "season_created"
    with django_assert_max_num_queries(10):
        page = staff_client.get(url("season_list"))
    assert [s.number for s in page.context["seasons"]] == [5, 1]
    assert [s.call_count for s in page.context["seasons"]] == [0, 1]

    response = staff_client.post(
        url("season_edit", pk=season.pk),
        {"number": "1", "opened_on": "2022-04-01", **translated_data("theme", fr="Saison 5")},
    )
    assert response.status_code == 200
    assert "number" in response.context["form"].errors

    response = staff_client.post(
        url("season_edit", pk=season.pk),
        {"number": "5", "opened_on": "2022-04-21", **translated_data("theme", fr="Saison 5")},
    )
    assert response.status_code == 302
    season.refresh_from_db()
    assert season.opened_on.isoformat() == "2022-04-21"
    assert history_of(season).first().data["fields"] == ["opened_on"]
