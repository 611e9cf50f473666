"""These tests read the pages in English (tests/selection/conftest.py::people_read_english)."""

import pytest


@pytest.fixture(autouse=True)
def _people_read_english(people_read_english):
    return people_read_english
