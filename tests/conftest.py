"""Shared fixtures: people in every role, signed-in clients."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tremplin.accounts import services
from tremplin.accounts.models import ROLES_REQUIRING_TWO_FACTOR, Person, Role

PASSWORD = "correct horse battery staple"

ROLES = [role.value for role in Role]
# The roles whose holders the fixtures give a TOTP authenticator: those that require two-factor,
# and mentors and partners, whom most tests seat where two-factor is required too (a project
# they mentor, a committee they observe, a national society they validate for).
TOTP_ROLES = frozenset({*ROLES_REQUIRING_TWO_FACTOR, Role.MENTOR, Role.PARTNER})


def pytest_configure(config):
    """Every run reads the same translations: the catalogues are compiled before any test
    (once, by the main process, not by each xdist worker), whatever ran before."""
    if not hasattr(config, "workerinput"):
        from tremplin.i18n import compile_catalogues

        compile_catalogues()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is the production hasher (see test_settings); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread; each test starts from the default.
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_person(email=None, *, roles=(), password=PASSWORD, two_factor=None, **fields) -> Person:
    """A person with a verified e-mail address. Holders of TOTP_ROLES get a TOTP authenticator
    unless two_factor=False; give two_factor=True to someone seated where it is required."""
    count = Person.objects.count()
    email = email or f"person{count + 1}@example.org"
    fields.setdefault("full_name", f"Person {count + 1}")
    person = Person.objects.create_user(email, password, **fields)
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    for role in roles:
        services.grant_role(person, role)
    if two_factor is None:
        two_factor = bool(set(roles) & TOTP_ROLES)
    if two_factor:
        add_totp(person)
    return person


def add_totp(person: Person) -> Authenticator:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(person, generate_totp_secret()).instance


@pytest.fixture
def person_factory(db):
    return make_person


@pytest.fixture
def person(db):
    return make_person("someone@example.org")


@pytest.fixture
def people_by_role(db) -> dict[str, Person | None]:
    """One person per role, plus None for the anonymous visitor."""
    people: dict[str, Person | None] = {"anonymous": None}
    for role in ROLES:
        people[role] = make_person(f"{role}@example.org", roles=[role])
    return people


def client_for(client, person):
    if person is not None:
        client.force_login(person)
    return client


def verify_affiliation(person: Person, organisation):
    """`person` acts for `organisation`, as the accelerator team verified it."""
    return services.record_verified_affiliation(person, organisation)


def edit_profile(client, person: Person, **changes):
    """`person` saves their profile page as a browser would, with `changes` (e.g. a forged
    `organisation`): what the profile lets people type about themselves."""
    data = {
        "full_name": person.full_name or "Someone",
        "preferred_language": person.preferred_language,
        "region": "",
        "phone": "",
    }
    data.update(changes)
    client.force_login(person)
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code in (200, 302)
    return response
