"""The JSON API's errors, as its OpenAPI document promises them.

Every operation lists the errors any operation may answer, each with a JSON body:
404 (no such object, or a page past the last), 422 (a parameter that does not validate: the
list of problems) and 429 (too many requests from one client address, with Retry-After).
The bodies the API really sends match the schemas of its document, and so do the answers
to an address under the API that matches no operation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.catalogue.factories import make_innovation

pytestmark = pytest.mark.django_db

ERRORS = ("404", "422", "429")


@pytest.fixture
def document(client):
    response = client.get(reverse("catalogue:api:openapi-json"))
    assert response.status_code == 200
    return response.json()


def resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def problems(value, schema: dict, document: dict, where: str = "body") -> list[str]:
    """Where `value` breaks `schema` (the subset of JSON Schema the document uses)."""
    schema = resolve(schema, document)
    if "anyOf" in schema:
        options = [problems(value, option, document, where) for option in schema["anyOf"]]
        return [] if any(not found for found in options) else [f"{where}: no option matches"]
    kind = schema.get("type")
    checks = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "null": type(None),
    }
    if kind and not isinstance(value, checks[kind]):
        return [f"{where}: {value!r} is not {kind}"]
    found = []
    if kind == "object":
        properties = schema.get("properties", {})
        found += [f"{where}.{name}: missing" for name in schema.get("required", [])]
        found = [f for f in found if f.rsplit(".", 1)[1].split(":")[0] not in value]
        for name, item in value.items():
            if name in properties:
                found += problems(item, properties[name], document, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}.{name}: not in the schema")
    if kind == "array":
        for index, item in enumerate(value):
            found += problems(item, schema.get("items", {}), document, f"{where}[{index}]")
    return found


def declared(document: dict, path: str, status: int) -> dict:
    operation = document["paths"][path]["get"]
    return operation["responses"][str(status)]["content"]["application/json"]["schema"]


def test_every_operation_lists_the_errors_with_a_json_schema(document):
    operations = [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 3
    for path, method, operation in operations:
        responses = operation["responses"]
        for status in ERRORS:
            assert status in responses, f"{method.upper()} {path} does not list {status}"
            response = responses[status]
            assert response["description"], (path, status)
            schema = resolve(response["content"]["application/json"]["schema"], document)
            assert schema["type"] == "object"
            assert schema["required"] == ["detail"], (path, status)
        assert "200" in responses


def test_a_404_matches_its_schema(client, document):
    path = "/innovations/api/innovations/{slug}"
    response = client.get(reverse("catalogue:api:innovation_detail", args=["no-such-thing"]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert not problems(response.json(), declared(document, path, 404), document)


def test_a_422_matches_its_schema(client, document):
    path = "/innovations/api/innovations"
    url = reverse("catalogue:api:innovation_list")
    for params in ({"page": "abc"}, {"page_size": 500, "sdg": "x"}, {"stage": "galaxy"}):
        response = client.get(url, params)
        assert response.status_code == 422
        body = response.json()
        assert body["detail"], params
        assert not problems(body, declared(document, path, 422), document), body


def test_a_429_matches_its_schema(client, document, monkeypatch):
    from tremplin.catalogue.api import api

    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 1)
    url = reverse("catalogue:api:vocabularies")
    client.get(url)
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not problems(
        response.json(), declared(document, "/innovations/api/vocabularies", 429), document
    )


def test_a_page_past_the_last_is_a_404_with_its_schema(client, document):
    make_innovation(title="Seule")
    response = client.get(reverse("catalogue:api:innovation_list"), {"page": 2})
    assert response.status_code == 404
    assert not problems(
        response.json(), declared(document, "/innovations/api/innovations", 404), document
    )


@pytest.mark.parametrize("address", ["/innovations/api/", "/innovations/api/innovations/a/b"])
def test_addresses_under_the_api_that_match_nothing_answer_json_too(client, document, address):
    response = client.get(address)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert not problems(
        response.json(), declared(document, "/innovations/api/innovations/{slug}", 404), document
    )
