"""Fixtures of the reviewing tests."""

import pytest

from tests.conftest import make_person

from . import builders


@pytest.fixture
def call(db):
    return builders.review_call()


@pytest.fixture
def reviewer(db):
    return make_person("relectrice@example.org", roles=["committee"], full_name="Relectrice Une")


@pytest.fixture
def seat(call, reviewer):
    return builders.member(call, reviewer)


@pytest.fixture
def application(call):
    return builders.application(call)


@pytest.fixture
def assignment(seat, application):
    return builders.assign(seat, application)


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client
