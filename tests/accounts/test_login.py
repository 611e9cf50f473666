"""Signing in with e-mail and password, signing out with POST, and the password hasher."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import Client
from django.urls import reverse

import tremplin.settings as production
from tests.conftest import PASSWORD
from tremplin.accounts.models import Person

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")
HOME = reverse("home:home")


def test_production_hasher_is_argon2():

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_and_checks_a_password(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password(PASSWORD, encoded)
    assert not check_password("wrong", encoded)


def test_login_page_is_in_french_by_default(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="fr"' in content
    assert 'name="login"' in content and 'name="password"' in content
    assert "Connexion" in content


def test_login_with_email_and_password_goes_home(client, person):
    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.session["_auth_user_id"] == str(person.pk)
    home = client.get(HOME)
    assert home.context["user"] == person
    assert "sections" in home.context


def test_login_is_case_insensitive_on_the_address(client, person):
    response = client.post(LOGIN, {"login": person.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_login_follows_a_safe_next_and_ignores_an_external_one(client, person):
    response = client.post(f"{LOGIN}?next=/profile/", {"login": person.email, "password": PASSWORD})
    assert response["Location"] == "/profile/"
    client.logout()
    response = client.post(
        f"{LOGIN}?next=https://evil.example.com/", {"login": person.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_an_inactive_person_cannot_sign_in(client, person_factory):
    gone = person_factory("gone@example.org", is_active=False)
    response = client.post(LOGIN, {"login": gone.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_inactive")
    assert client.get(response["Location"]).status_code == 200


def test_logout_by_get_only_asks_for_confirmation(client, person):
    client.force_login(person)
    response = client.get(LOGOUT)
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert client.session["_auth_user_id"] == str(person.pk)


def test_logout_by_post_signs_out(client, person):
    client.force_login(person)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).context["user"].is_anonymous


def test_logout_requires_the_csrf_token(person):

    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post(LOGOUT)
    assert response.status_code == 403
    assert client.session["_auth_user_id"] == str(person.pk)


def test_every_page_offers_sign_out_as_a_post_form(client, person):
    client.force_login(person)
    content = client.get(HOME).content.decode()
    assert f'action="{LOGOUT}"' in content
    form_start = content.index(f'action="{LOGOUT}"')
    assert 'method="post"' in content[form_start - 40 : form_start]


def test_passwords_are_stored_hashed(person):
    stored = Person.objects.get(pk=person.pk).password
    assert PASSWORD not in stored
    assert check_password(PASSWORD, stored)


def test_changing_the_password_keeps_the_person_signed_in(client, person):
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    url = reverse("account_change_password")
    wrong = client.post(
        url,
        {
            "oldpassword": "not it",
            "password1": "new secret phrase 9",
            "password2": "new secret phrase 9",
        },
    )
    assert wrong.status_code == 200
    assert "oldpassword" in wrong.context["form"].errors
    response = client.post(
        url,
        {
            "oldpassword": PASSWORD,
            "password1": "new secret phrase 9",
            "password2": "new secret phrase 9",
        },
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    person.refresh_from_db()
    assert person.check_password("new secret phrase 9")
