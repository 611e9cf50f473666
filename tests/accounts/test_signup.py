"""Signing up with an e-mail address and a full name; the address must be confirmed first."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.accounts.support import contains, html_lang, links_in, path_of
from tests.conftest import PASSWORD
from tremplin.accounts.models import Person

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")


def sign_up(client, email="new@example.org", full_name="Aïcha Traoré", **headers):
    return client.post(
        SIGNUP,
        {"full_name": full_name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        **headers,
    )


def confirmation_path(message) -> str:
    links = [link for link in links_in(message) if "/account/confirm-email/" in link]
    assert len(links) == 1, message.body
    return path_of(links[0])


def test_signup_page_asks_for_full_name_email_and_password(client):
    response = client.get(SIGNUP)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    fields = list(response.context["form"].fields)
    assert fields[:4] == ["full_name", "email", "password1", "password2"]
    assert 'name="full_name"' in response.content.decode()


def test_signup_creates_an_unverified_person_and_sends_a_confirmation(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")

    person = Person.objects.get(email="new@example.org")
    assert person.full_name == "Aïcha Traoré"
    assert person.preferred_language == "fr"
    assert person.check_password(PASSWORD)
    assert not person.is_staff
    assert not person.roles
    address = EmailAddress.objects.get(user=person)
    assert (address.email, address.verified, address.primary) == ("new@example.org", False, True)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert message.subject.startswith("[Tremplin] ")
    assert confirmation_path(message)
    # Not signed in until the address is confirmed.
    assert "_auth_user_id" not in client.session


def test_signup_requires_the_full_name(client):
    response = sign_up(client, full_name="")
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert not Person.objects.filter(email="new@example.org").exists()
    assert mail.outbox == []


def test_signup_refuses_mismatched_or_weak_passwords(client):
    response = client.post(
        SIGNUP,
        {"full_name": "A B", "email": "a@example.org", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Person.objects.filter(email="a@example.org").exists()


def test_signup_with_an_address_already_taken_does_not_create_a_second_account(client, person):
    response = sign_up(client, email=person.email.upper())
    # Enumeration is prevented: the same answer as a fresh signup, an e-mail to the owner.
    assert response.status_code == 302
    assert Person.objects.filter(email__iexact=person.email).count() == 1
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_cannot_sign_in_before_confirming_the_address(client):
    sign_up(client)
    client.logout()
    mail.outbox.clear()
    response = client.post(LOGIN, {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    # Home shows the public landing page, not a personal one.
    home = client.get(reverse("home:home"))
    assert home.context["user"].is_anonymous


def test_confirming_the_address_verifies_it_and_signs_in(client):
    sign_up(client)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert html_lang(page) == "fr"
    response = client.post(path)
    assert response.status_code == 302
    person = Person.objects.get(email="new@example.org")
    assert EmailAddress.objects.get(user=person).verified
    assert client.session["_auth_user_id"] == str(person.pk)
    home = client.get(reverse("home:home"))
    assert home.context["user"] == person
    assert contains(home, "Aïcha")


def test_a_confirmed_person_can_sign_in_later_with_the_password(client):
    sign_up(client)
    client.post(confirmation_path(mail.outbox[0]))
    client.logout()
    response = client.post(LOGIN, {"login": "NEW@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home:home")


def test_a_tampered_confirmation_link_confirms_nothing(client):
    sign_up(client)
    path = confirmation_path(mail.outbox[0])
    tampered = path.rstrip("/")[:-3] + "xyz/"
    page = client.get(tampered)
    assert page.status_code == 200
    assert html_lang(page) == "fr"
    assert contains(page, "Ce lien de confirmation d'adresse e-mail a expiré ou n'est pas valide")
    response = client.post(tampered)
    assert response.status_code == 404
    assert html_lang(response) == "fr"
    assert not EmailAddress.objects.get(email="new@example.org").verified
    assert "_auth_user_id" not in client.session


def test_signup_in_spanish_keeps_the_language_and_sends_the_mail_in_spanish(client):
    client.cookies["tremplin_language"] = "es"
    page = client.get(SIGNUP)
    assert html_lang(page) == "es"
    sign_up(client, email="maria@example.org", full_name="María López")
    person = Person.objects.get(email="maria@example.org")
    assert person.preferred_language == "es"
    message = mail.outbox[0]
    # allauth's confirmation e-mail, rendered with its Spanish catalogue.
    assert "confirme su dirección de correo electrónico" in message.subject


def test_confirmation_mail_is_in_french_by_default(client):
    sign_up(client)
    assert "Confirmez votre adresse e-mail" in mail.outbox[0].subject


def test_the_confirmation_e_mail_carries_no_text_the_person_signing_up_typed(client):
    """Anyone may sign up with somebody else's address: the confirmation then goes to that
    person, so it must not carry what the sender typed (the "full name" could be any text, such
    as a fake warning with a phone number). It names the address instead."""
    bait = "URGENT your Red Cross account is locked call +33 1 23 45 67 89"
    sign_up(client, email="victim@example.org", full_name=bait)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "URGENT" not in message.body and "URGENT" not in message.subject
    assert "victim@example.org" in message.body
