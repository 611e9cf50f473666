"""The staff list of calls: by season, with their status and application counts, in a number
of SQL queries that does not grow with the number of calls."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_person
from tests.programmes import builders
from tests.programmes.support import url
from tremplin.applications.models import Application, State

pytestmark = pytest.mark.django_db


def add_calls(count: int, season=None):
    calls = []
    for n in range(count):
        call = builders.call(seas=season, state=["open", "upcoming", "closed"][n % 3])
        for state in (State.DRAFT, State.SUBMITTED, State.ELIGIBLE, State.WITHDRAWN):
            Application.objects.create(call=call, state=state)
        calls.append(call)
    return calls


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_calls_are_listed_by_season_with_their_counts(staff_client):
    old, new = builders.season(1), builders.season(2)
    old_call = builders.call(seas=old, state="closed")
    new_call = builders.call(seas=new)
    for state in (State.DRAFT, State.DRAFT, State.SUBMITTED, State.REJECTED, State.WITHDRAWN):
        Application.objects.create(call=new_call, state=state)
    response = staff_client.get(url("staff_call_list"))
    calls = response.context["calls"]
    assert [c.pk for c in calls] == [new_call.pk, old_call.pk]
    assert (calls[0].submitted_count, calls[0].draft_count) == (2, 2)
    assert (calls[1].submitted_count, calls[1].draft_count) == (0, 0)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.count("<caption>") == 2  # one table per season
    assert html.index(str(new)) < html.index(str(old))
    assert f"badge--{new_call.status}" in html and "badge--closed" in html

    only_old = staff_client.get(url("staff_call_list") + "?season=1")
    assert [c.pk for c in only_old.context["calls"]] == [old_call.pk]
    # An unknown season shows every call.
    assert len(staff_client.get(url("staff_call_list") + "?season=x").context["calls"]) == 2


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_the_list_has_the_same_number_of_queries_for_3_and_30_calls(
    client, role, django_assert_max_num_queries
):
    client.force_login(make_person(f"{role}-list@example.org", roles=[role]))
    season = builders.season()
    add_calls(3, season)
    few = count_queries(client, url("staff_call_list"))
    add_calls(27)  # in other seasons too
    many = count_queries(client, url("staff_call_list"))
    assert many == few
    with django_assert_max_num_queries(10):
        response = client.get(url("staff_call_list"))
    assert len(response.context["calls"]) == 30
