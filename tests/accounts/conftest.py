"""Every account test sees the translated catalogues."""

import pytest

from tests.accounts.support import compiled_locale_dir, translated_catalogues  # noqa: F401


@pytest.fixture(autouse=True)
def _translated(translated_catalogues):  # noqa: F811
    yield
