"""Changing one's e-mail address: the new address is used only once it is confirmed."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.support import html_lang, links_in, path_of
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = reverse("account_email")
LOGIN = reverse("account_login")


def change_email(client, new):
    return client.post(EMAIL, {"action_add": "", "email": new})


def confirmation_path(message) -> str:
    links = [link for link in links_in(message) if "/account/confirm-email/" in link]
    assert len(links) == 1, message.body
    return path_of(links[0])


def test_email_page_opens_in_french(client, person):
    client.force_login(person)
    response = client.get(EMAIL)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert person.email in response.content.decode()


def test_email_page_needs_a_signed_in_person(client):
    response = client.get(EMAIL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_changing_the_address_waits_for_confirmation(client, person):
    client.force_login(person)
    response = change_email(client, "new-address@example.org")
    assert response.status_code == 302

    person.refresh_from_db()
    assert person.email == "someone@example.org"
    new = EmailAddress.objects.get(email="new-address@example.org")
    assert new.user == person and not new.verified
    assert [m.to for m in mail.outbox] == [["new-address@example.org"]]

    # Until confirmed, the new address does not open the account.
    client.logout()
    client.post(LOGIN, {"login": "new-address@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    client.force_login(person)
    client.post(confirmation_path(mail.outbox[0]))
    person.refresh_from_db()
    assert person.email == "new-address@example.org"
    addresses = EmailAddress.objects.filter(user=person)
    assert [(a.email, a.verified, a.primary) for a in addresses] == [
        ("new-address@example.org", True, True)
    ]

    client.logout()
    response = client.post(LOGIN, {"login": "new-address@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    client.logout()
    client.post(LOGIN, {"login": "someone@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_cannot_take_an_address_that_belongs_to_someone_else(client, person, person_factory):
    other = person_factory("other@example.org")
    client.force_login(person)
    response = change_email(client, "OTHER@example.org")
    # Enumeration is prevented: the page answers as for a free address...
    assert response.status_code == 302
    # ...but the address can never become this person's.
    for message in mail.outbox:
        assert message.to == ["other@example.org"]
        for link in links_in(message):
            if "/account/confirm-email/" in link:
                client.post(path_of(link))
    person.refresh_from_db()
    assert person.email == "someone@example.org"
    assert not EmailAddress.objects.filter(
        user=person, email__iexact=other.email, verified=True
    ).exists()
    assert EmailAddress.objects.get(user=other).verified
    client.logout()
    client.post(LOGIN, {"login": "other@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(other.pk)


def test_an_invalid_address_is_refused_next_to_the_field(client, person):
    client.force_login(person)
    response = change_email(client, "not an address")
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []
