"""National societies' policies: moderators and staff choose which societies validate their
innovations first, and who validates."""

import pytest
from django.urls import reverse

from tests.conftest import make_person
from tremplin.accounts.models import Organisation
from tremplin.catalogue.models import SocietyPolicy

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def society():
    return Organisation.objects.create(
        name="Cruz Roja Española", kind=Organisation.Kind.NATIONAL_SOCIETY, country="ES"
    )


def test_set_a_policy(client, society, django_assert_max_num_queries):
    validator = make_person("valida@cruzroja.es")
    client.force_login(builders.moderator())
    with django_assert_max_num_queries(12):
        page = client.get(reverse("catalogue:society_policies")).content.decode()
    assert "Cruz Roja Española" in page
    address = reverse("catalogue:society_policy", kwargs={"pk": society.pk})
    response = client.post(
        address, {"requires_validation": "on", "validators": "Valida@cruzroja.es\n"}
    )
    assert response.status_code == 302
    policy = SocietyPolicy.objects.get(society=society)
    assert policy.requires_validation
    assert list(policy.validators.all()) == [validator]
    assert "valida@cruzroja.es" in client.get(address).content.decode()


def test_unknown_addresses_and_missing_validators_are_explained(client, society):
    client.force_login(make_person(roles=["staff"]))
    address = reverse("catalogue:society_policy", kwargs={"pk": society.pk})
    response = client.post(address, {"requires_validation": "on", "validators": "nobody@x.org"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "nobody@x.org" in page
    response = client.post(address, {"requires_validation": "on", "validators": ""})
    assert response.status_code == 400
    assert not SocietyPolicy.objects.exists()


def test_only_national_societies_have_a_policy(client):
    company = Organisation.objects.create(name="Startup", kind=Organisation.Kind.COMPANY)
    client.force_login(builders.moderator())
    address = reverse("catalogue:society_policy", kwargs={"pk": company.pk})
    assert client.get(address).status_code == 404


def test_others_may_not(client, society):
    client.force_login(make_person())
    assert client.get(reverse("catalogue:society_policies")).status_code == 403
