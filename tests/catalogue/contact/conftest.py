"""Shared by the contact tests."""

import pytest


@pytest.fixture(autouse=True)
def _people_read_english(monkeypatch):
    """These tests read the pages in English, the language their strings are written in:
    everyone created here prefers English (tests of other languages say so explicitly; the
    translations themselves are checked in tests/core/test_translations.py)."""
    from tremplin.accounts.models import Person

    monkeypatch.setattr(Person._meta.get_field("preferred_language"), "default", "en")
