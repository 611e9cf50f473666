"""The read-only JSON API: published records only, the catalogue's facets as filters,
pagination, a detail by slug, OpenAPI and its docs page, and a bounded number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.catalogue.factories import make_innovation
from tremplin.catalogue import opendata_text
from tremplin.catalogue.models import InnovationVersion

pytestmark = pytest.mark.django_db
S = InnovationVersion.State


def api_list(client, **params):
    response = client.get(reverse("catalogue:api:innovation_list"), params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(page) -> set[str]:
    return {item["slug"] for item in page["items"]}


def test_list_shows_only_published_records(client):
    online = make_innovation(title="En ligne")
    for state in (S.DRAFT, S.SUBMITTED, S.REJECTED, S.WITHDRAWN):
        make_innovation(title=f"Pas en ligne {state}", state=state)
    page = api_list(client)
    assert slugs(page) == {online.slug}
    assert page["count"] == 1
    (item,) = page["items"]
    assert set(item) == set(opendata_text.JSON_HELP)
    assert item["licence"]["id"] == "CC-BY-4.0"


def test_detail_by_slug_and_404_for_anything_not_published(client):
    online = make_innovation(title={"fr": "Titre", "es": "Título"})
    draft = make_innovation(title="Brouillon", state=S.DRAFT)
    taken_down = make_innovation(title="Retirée")
    InnovationVersion.objects.filter(pk=taken_down.published_id).update(state=S.WITHDRAWN)
    response = client.get(reverse("catalogue:api:innovation_detail", args=[online.slug]))
    assert response.status_code == 200
    assert response.json()["title"] == {"fr": "Titre", "es": "Título"}
    for hidden in (draft, taken_down, "no-such-thing"):
        slug = getattr(hidden, "slug", hidden)
        response = client.get(reverse("catalogue:api:innovation_detail", args=[slug]))
        assert response.status_code == 404


def test_filters_are_the_facets(client):
    elderly_fr = make_innovation(
        title="Seniors France", themes=["elderly"], country="FR", sdgs=[3], stage="pilot"
    )
    elderly_es = make_innovation(
        title="Mayores España",
        themes=["elderly"],
        publics=["older-people"],
        country="ES",
        sdgs=[3, 10],
        stage="deployed",
    )
    migrants = make_innovation(
        title="Migrants", themes=["migrations"], publics=["migrants"], country="FR", sdgs=[10]
    )
    assert slugs(api_list(client, theme="elderly")) == {elderly_fr.slug, elderly_es.slug}
    assert slugs(api_list(client, theme="elderly", country="fr")) == {elderly_fr.slug}
    # several values of one facet: any of them
    both = api_list(client, country=["ES", "FR"], sdg=10)
    assert slugs(both) == {elderly_es.slug, migrants.slug}
    assert slugs(api_list(client, public="migrants")) == {migrants.slug}
    assert slugs(api_list(client, stage="deployed")) == {elderly_es.slug}
    assert api_list(client, theme="unknown-theme")["count"] == 0
    facets = api_list(client, theme="elderly")["facets"]
    assert facets["country"] == {"FR": 1, "ES": 1}


def test_search_words(client):
    found = make_innovation(title="Jardins partagés", pitch="Des potagers pour personnes âgées")
    make_innovation(title="Autre chose", pitch="Rien à voir")
    page = api_list(client, q="potagers")
    assert slugs(page) == {found.slug}


def test_pagination(client):
    for number in range(5):
        make_innovation(title=f"Innovation {number}")
    first = api_list(client, page_size=2, country="FR")
    assert first["count"] == 5
    assert first["pages"] == 3
    assert len(first["items"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"] and "country=FR" in first["next"]
    last = client.get(first["next"].replace("page=2", "page=3")).json()
    assert len(last["items"]) == 1
    assert last["next"] is None
    seen = slugs(first) | slugs(api_list(client, page_size=2, page=2)) | slugs(last)
    assert len(seen) == 5
    # Past the last page: 404 (tests/core/test_pagination.py has the other page numbers).
    beyond = client.get(reverse("catalogue:api:innovation_list"), {"page": 9})
    assert beyond.status_code == 404


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"page_size": 500}, {"sdg": "abc"}, {"stage": "galaxy"}]
)
def test_bad_parameters_get_a_clear_422(client, params):
    response = client.get(reverse("catalogue:api:innovation_list"), params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_list_makes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for number in range(25):
        make_innovation(
            title={"fr": f"Titre {number}", "en": f"Title {number}"},
            themes=["health", "elderly"],
            publics=["migrants"],
            sdgs=[1, 3],
        )
    with django_assert_max_num_queries(8):
        page = api_list(client, page_size=25, theme="health")
    assert len(page["items"]) == 25


def test_vocabularies(client):
    data = client.get(reverse("catalogue:api:vocabularies")).json()
    assert data["themes"]["elderly"]["fr"]
    assert data["sdgs"]["3"]
    assert "pilot" in data["stages"]


def test_openapi_and_docs_page(client):
    schema = client.get(reverse("catalogue:api:openapi-json")).json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert "/innovations/api/innovations" in paths
    assert "/innovations/api/innovations/{slug}" in paths
    names = {p["name"] for p in paths["/innovations/api/innovations"]["get"]["parameters"]}
    assert {"theme", "public", "country", "sdg", "stage", "q", "page", "page_size"} <= names
    page = client.get(reverse("catalogue:api:openapi-view"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "GET /innovations/api/innovations" in content
    assert reverse("catalogue:api:openapi-json") in content
    assert "<script>" not in content  # no inline script: the page works without JavaScript
    assert content.count("<h1") == 1
    # The errors every operation may answer, with their bodies.
    assert "429 Error" in content and "422 ValidationErrors" in content
    assert "ValidationProblem" in content


def test_each_client_address_is_limited(client, monkeypatch):
    """Past TREMPLIN_API_RATE requests a client gets 429 with the time to wait; another
    address is not affected."""
    from tremplin.catalogue.api import api

    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 2)
    url = reverse("catalogue:api:innovation_list")
    responses = [client.get(url) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200
