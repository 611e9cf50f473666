"""Fixtures of the applications tests: files in a temporary folder, a staff member and a call
with a form (see builders.py)."""

from __future__ import annotations

import pytest

from tests.conftest import make_person

from .builders import build_call


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(db):
    return make_person(
        "team@example.org", roles=["staff"], full_name="Camille Équipe", preferred_language="en"
    )


@pytest.fixture
def call(db):
    return build_call("entrepreneurs-s4")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
