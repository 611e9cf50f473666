"""Mailing tests see the translated catalogues; a call, staff, and applicants in several
languages (tests.messaging.conftest.make_application)."""

import pytest

from tests.accounts.support import compiled_locale_dir, translated_catalogues  # noqa: F401
from tests.conftest import make_person
from tests.programmes import builders


@pytest.fixture(autouse=True)
def _translated(translated_catalogues):  # noqa: F811
    yield


@pytest.fixture
def call(db):
    return builders.call(title={"fr": "Appel Entrepreneurs", "es": "Convocatoria Emprendedores"})


@pytest.fixture
def staff(db):
    return make_person("team@example.org", roles=["staff"], full_name="Équipe Accélérateur")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
