"""Fixtures of the committee's tests (committee, conflicts, assignment): a call in selection and
the staff who run it. The meeting and reviews folders have their own."""

from __future__ import annotations

import pytest

from tests.conftest import make_person
from tremplin.accounts.models import Person

from .builders import build_call


@pytest.fixture
def staff(db):
    return make_person("committee-staff@example.org", roles=["staff"])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def call(db):
    return build_call()


@pytest.fixture
def people_read_english(monkeypatch):
    """These tests read the pages in English, the language their strings are written in:
    everyone created here prefers English (the translations are checked elsewhere)."""

    monkeypatch.setattr(Person._meta.get_field("preferred_language"), "default", "en")
