"""Pages of a list, whatever page number a visitor types.

Every paginated page reads its page number through one helper (tremplin.core.pagination):
- a number below 1, or anything that is not a whole number ("abc", "1e9", "") gives the first
  page; a number past the last page (however large) gives the last page: a list page never
  answers an error because of its page number;
- the JSON API refuses what is not a whole number from 1 to MAX_PAGE with 422, and a page
  past the last one with 404 (page 1 always exists, empty or not), each with a JSON body.
Huge numbers never reach the database as an OFFSET (PostgreSQL refuses one past 64 bits)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.paginator import Page
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tests.matrix.base import EVERYONE, OK
from tests.test_permission_matrix import cases, make_objects, matrix_modules
from tremplin.core import pagination

HUGE = "99999999999999999999999"
BAD_PAGES = [HUGE, "abc", "-1", "0", "1e9", "", "2.5", " 3 ", "１"]

# Every list page with pages (matrix key): proven below with each bad page number, as a
# role that may see it. The structure test further down keeps new lists on the helper.
PAGINATED = [
    "acceleration:my_projects",
    "applications:list",
    "catalogue:moderation_queue",
    "catalogue:my_replications",
    "catalogue:public",
    "catalogue:replications_received",
    "catalogue:reports",
    "catalogue:sdg",
    "catalogue:search",
    "catalogue:society_queue",
    "catalogue:country",
    "catalogue:theme",
    "messaging:inbox",
    "network:directory",
    "network:experiments",
    "selection:assignment",
    "selection:bids",
    "selection:committee_conflicts",
    "selection:ranking",
]


# --- The helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, 1),
        ("", 1),
        ("1", 1),
        ("7", 7),
        (" 7 ", 7),
        ("abc", 1),
        ("-1", 1),
        ("0", 1),
        ("1e9", 1),
        ("2.5", 1),
        ("１", 1),  # a full-width digit is not a page number
        ("+3", 1),
        (HUGE, pagination.MAX_PAGE),
        (str(pagination.MAX_PAGE + 1), pagination.MAX_PAGE),
        (4, 4),
        ("9" * 5000, pagination.MAX_PAGE),  # no int() of a 5000-digit string
    ],
)
def test_requested_page_reads_any_text(raw, expected):
    assert pagination.requested_page(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [(HUGE, 4), ("4", 4), ("3", 3), ("abc", 1), ("-1", 1), ("0", 1)]
)
def test_paginate_clamps_to_the_existing_pages(raw, expected):
    page = pagination.paginate(list(range(10)), 3, raw)
    assert isinstance(page, Page)
    assert page.number == expected
    assert page.elided_range[0] == 1


def test_an_empty_list_has_one_empty_page():
    page = pagination.paginate([], 20, HUGE)
    assert page.number == 1
    assert list(page.object_list) == []


FORBIDDEN = {("django.core.paginator", "Paginator"), ("django.core", "paginator")}


def test_every_list_paginates_through_the_helper():
    """No module but core/pagination.py builds a Paginator: a new list page cannot forget the
    rules above. (The catalogue's search, which pages over its own index, reads its page
    number with requested_page: see the search tests below.)"""
    source = Path(pagination.__file__).resolve().parents[1]
    offenders = []
    for path in sorted(source.rglob("*.py")):
        if path.name == "pagination.py" and path.parent.name == "core":
            continue
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and any(
                (node.module, alias.name) in FORBIDDEN for alias in node.names
            ):
                offenders.append(f"{path.relative_to(source)}:{node.lineno}")
    assert not offenders, f"Paginate with tremplin.core.pagination: {offenders}"


# --- Every list page, over HTTP -----------------------------------------------------------------


@pytest.fixture
def objects(db, people_by_role):
    objects = make_objects(people_by_role)
    for module in matrix_modules():
        extend = getattr(module, "extend_objects", None)
        if extend is not None:
            extend(objects, people_by_role)
    return objects


def with_page(url: str, value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}page={value}"


def test_the_list_of_paginated_pages_is_the_matrix_s():
    keys = {case.key for case in cases()}
    assert set(PAGINATED) <= keys


def test_every_paginated_page_answers_any_page_number(client, people_by_role, objects, settings):
    settings.TREMPLIN_REQUIRE_MFA = True
    client.raise_request_exception = False  # a server error is a failure to list, not a crash
    by_key = {case.key: case for case in cases()}
    failures = []
    for key in PAGINATED:
        case = by_key[key]
        role = next(role for role in EVERYONE if case.expect(role) == OK)
        url = case.url(objects)
        for value in BAD_PAGES:
            client.logout()
            if people_by_role[role] is not None:
                client.force_login(people_by_role[role])
            response = client.get(with_page(url, value))
            if response.status_code != 200:
                failures.append(f"{key} as {role}, page={value!r}: {response.status_code}")
                continue
            page = response.context.get("page") if response.context else None
            last = isinstance(page, Page) and page.number == page.paginator.num_pages
            if isinstance(page, Page) and value == HUGE and not last:
                failures.append(f"{key}, page={value!r}: page {page.number}, not the last")
    assert not failures, "\n".join(failures)


# --- The catalogue's search (its own pages over the search index) -----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD_PAGES)
def test_search_pages_clamp(client, value):
    for number in range(3):
        make_innovation(title=f"Jardin {number}")
    response = client.get(reverse("catalogue:search"), {"page": value})
    assert response.status_code == 200
    results = response.context["found"]
    expected = 1 if value != HUGE else results.page.paginator.num_pages
    assert results.page.number == expected
    assert len(results.innovations) == 3


@pytest.mark.django_db
def test_search_past_the_last_page_shows_the_last(client, monkeypatch):
    from tremplin.catalogue.queries import discovery as queries_discovery

    monkeypatch.setattr(queries_discovery, "PER_PAGE", 2)
    for number in range(5):
        make_innovation(title=f"Potager {number}")
    response = client.get(reverse("catalogue:search"), {"q": "potager", "page": HUGE})
    assert response.status_code == 200
    results = response.context["found"]
    assert results.page.number == 3
    assert len(results.innovations) == 1


# --- The JSON API -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "abc", "-1", "0", "1e9", "2.5", str(10**6 + 1)])
def test_api_refuses_what_is_not_a_page_number_with_422(client, value):
    make_innovation(title="Une")
    response = client.get(reverse("catalogue:api:innovation_list"), {"page": value})
    assert response.status_code == 422, response.content
    (problem,) = response.json()["detail"]
    assert problem["loc"][-1] == "page"
    assert problem["msg"]


@pytest.mark.django_db
def test_api_refuses_a_page_past_the_last_with_404(client):
    for number in range(3):
        make_innovation(title=f"Innovation {number}")
    url = reverse("catalogue:api:innovation_list")
    assert client.get(url, {"page_size": 2, "page": 2}).status_code == 200
    for page in (3, 1000, pagination.MAX_PAGE):
        response = client.get(url, {"page_size": 2, "page": page})
        assert response.status_code == 404, page
        assert response.json()["detail"]


@pytest.mark.django_db
def test_api_page_one_exists_when_nothing_matches(client):
    response = client.get(reverse("catalogue:api:innovation_list"), {"theme": "unknown"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 0 and body["items"] == [] and body["pages"] == 1
    url = reverse("catalogue:api:innovation_list")
    assert client.get(url, {"theme": "unknown", "page": 2}).status_code == 404
