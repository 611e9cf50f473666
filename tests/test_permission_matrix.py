"""Every URL pattern x every role, anonymous included: who gets the page, who is sent to the
login page, who is refused; and that no response to a signed-in person may be kept in a
cache. The cases live in tests/matrix/, one module per part of the platform. A URL added
without a case makes test_every_url_has_an_entry fail, so nobody ships a page without
deciding who may see it."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import reverse

import tests.matrix
from tests.matrix.base import DENIED, EVERYONE, LOGIN, NOT_FOUND, OK, REDIRECT, all_routes
from tests.matrix.objects import make_objects


def matrix_modules():
    return [
        importlib.import_module(f"tests.matrix.{info.name}")
        for info in pkgutil.iter_modules(tests.matrix.__path__)
        if info.name not in {"base", "objects"}
    ]


def cases():
    collected = []
    for module in matrix_modules():
        module_cases = module.CASES() if callable(module.CASES) else module.CASES
        collected.extend(module_cases)
    return collected


def test_every_url_has_an_entry():
    keys = [case.key for case in cases()]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"URL patterns with two cases: {duplicates}"
    missing = sorted(all_routes() - set(keys))
    assert not missing, f"URL patterns without a permission-matrix entry: {missing}"
    stale = sorted(set(keys) - all_routes())
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


@pytest.fixture
def objects(db, people_by_role):
    objects = make_objects(people_by_role)
    for module in matrix_modules():
        extend = getattr(module, "extend_objects", None)
        if extend is not None:
            extend(objects, people_by_role)
    return objects


def outcome_of(response) -> str:
    first = response.redirect_chain[0][0] if response.redirect_chain else None
    if response.status_code == 403:
        return DENIED
    if response.status_code == 404:
        return NOT_FOUND
    if first is not None:
        final = response.request["PATH_INFO"]
        return LOGIN if final == reverse("account_login") else REDIRECT
    if response.status_code == 200:
        return OK
    return f"status {response.status_code}"


def private_no_store(response) -> bool:
    """No cache keeps a response to a signed-in person (tests/core/test_cache_control.py)."""
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize("role", EVERYONE)
def test_matrix(role, client, people_by_role, objects, settings):
    settings.TREMPLIN_REQUIRE_MFA = True
    person = people_by_role[role]
    failures = []
    for case in cases():
        client.logout()
        if person is not None:
            client.force_login(person)
        url = case.url(objects)
        response = getattr(client, case.method)(url, data=case.data(objects), follow=True)
        if getattr(case.expect, "needs_people", False):
            expected = case.expect(role, objects, people_by_role)
        else:
            expected = case.expect(role)
        got = outcome_of(response)
        if got != expected:
            failures.append(
                f"{case.method.upper()} {url} ({case.key}): expected {expected}, got {got}"
            )
        if person is not None and not private_no_store(response):
            failures.append(
                f"{case.method.upper()} {url} ({case.key}): Cache-Control "
                f"{response.get('Cache-Control')!r} for a signed-in person, not private, no-store"
            )
    assert not failures, f"As {role}:\n" + "\n".join(failures)
