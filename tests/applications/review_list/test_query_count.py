"""The staff list makes the same number of SQL queries for 50 and for 5,000 applications
(the benchmark in bench/staff_list.py does it for 50,000)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tremplin.applications.models import Application
from tremplin.demo.synthetic import generate_applications

# A first page, filtered pages, a search, a later page: each matches some of the first 50.
PAGES = [
    {},
    {"status": ["submitted", "eligible"], "sort": "title"},
    {"business_line": "elderly", "organisation_kind": "association"},
    {"answer_stage": "pilot", "sort": "region"},
    {"q": "solidarite", "sort": "-status"},
    {"drafts": "on", "page": "2"},
]


def test_same_number_of_queries_for_50_and_5000_applications(
    staff_client, call, django_assert_num_queries
):
    addresses = [
        reverse("applications:call_applications", args=[call.slug]),
        reverse("applications:list"),
    ]
    generate_applications(call, 50, with_people=False, with_answers=False)
    staff_client.get(addresses[0])  # the first request of a session reads what others cache
    counts = []
    for params in PAGES:
        for address in addresses:
            with CaptureQueriesContext(connection) as queries:
                response = staff_client.get(address, params)
            assert response.status_code == 200
            assert response.context["rows"], f"{params} should match some of 50 applications"
            counts.append(len(queries))

    generate_applications(call, 4950, seed=7, with_people=False, with_answers=False)
    assert Application.objects.filter(call=call).count() == 5000
    expected = iter(counts)
    for params in PAGES:
        for address in addresses:
            with django_assert_num_queries(next(expected)):
                response = staff_client.get(address, params)
            assert response.status_code == 200
            assert len(response.context["rows"]) == 50
    assert max(counts) <= 20
