"""Bad input gets a clear page or message in the user's language, never a server error.

The Django test client re-raises any exception a view lets through, so a server error fails
these tests loudly; each test also checks the status and the language of the page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.support import (
    compiled_locale_dir,  # noqa: F401
    contains,
    html_lang,
    links_in,
    messages_of,
    path_of,
    translated,
    translated_catalogues,  # noqa: F401
)
from tests.conftest import PASSWORD
from tremplin.accounts.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_catalogues")]

LOGIN = reverse("account_login")
RESET = reverse("account_reset_password")
SWITCH = reverse("accounts:set_language")
HOME = reverse("home:home")
COOKIE = "tremplin_language"

WRONG_CREDENTIALS = {
    "fr": "L'adresse e-mail ou le mot de passe sont incorrects.",
    "es": "La dirección de correo electrónico y/o la contraseña que ha indicado no son correctas.",
}
BAD_TOKEN = {
    "fr": "Le lien de réinitialisation du mot de passe est invalide",
    "es": "El enlace para restablecer la contraseña es inválido",
}


@pytest.fixture
def spanish(client):
    client.cookies[COOKIE] = "es"
    return client


def page_without_tokens(response, email) -> str:
    content = response.content.decode().replace(email, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)


def form_errors(response) -> str:
    return str(response.context["form"].errors).replace("\u2019", "'")


# --- Signing in ---------------------------------------------------------------------------------


def test_a_wrong_password_is_refused_in_french_and_the_address_is_kept(client, person):
    response = client.post(LOGIN, {"login": person.email, "password": "not my password"})
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert WRONG_CREDENTIALS["fr"] in form_errors(response)
    assert f'value="{person.email}"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_in_spanish(spanish, person):
    response = spanish.post(LOGIN, {"login": person.email, "password": "not my password"})
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert WRONG_CREDENTIALS["es"] in form_errors(response)


def test_an_unknown_address_at_login_gets_the_same_answer_as_a_wrong_password(client, person):
    wrong = client.post(LOGIN, {"login": person.email, "password": "nope nope nope"})
    unknown = client.post(LOGIN, {"login": "nobody@example.org", "password": "nope nope nope"})
    assert unknown.status_code == wrong.status_code == 200
    assert html_lang(unknown) == "fr"
    assert WRONG_CREDENTIALS["fr"] in form_errors(unknown)
    assert form_errors(unknown) == form_errors(wrong)


def test_a_malformed_address_at_login_is_refused_next_to_the_field(client):
    response = client.post(LOGIN, {"login": "not an address", "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert html_lang(response) == "fr"


def test_an_empty_login_form_is_refused_with_required_fields(client):
    response = client.post(LOGIN, {})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"login", "password"}
    assert "Ce champ est obligatoire." in errors["password"]


# --- Password reset -----------------------------------------------------------------------------


def test_an_unknown_address_at_password_reset_reveals_nothing(client, person):
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    known = client.post(RESET, {"email": person.email}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert html_lang(unknown) == "fr"
    assert page_without_tokens(unknown, "nobody@example.org") == page_without_tokens(
        known, person.email
    )
    assert not Person.objects.filter(email="nobody@example.org").exists()


def test_an_unknown_address_at_password_reset_in_spanish(spanish):
    response = spanish.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert response.status_code == 200
    assert html_lang(response) == "es"


def test_a_malformed_address_at_password_reset_is_refused_next_to_the_field(client):
    response = client.post(RESET, {"email": "nobody-at-example"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Saisissez une adresse" in str(response.context["form"].errors["email"])
    assert mail.outbox == []


def reset_link_for(client, person) -> str:
    client.post(RESET, {"email": person.email})
    [link] = [link for link in links_in(mail.outbox[-1]) if "/password/reset/key/" in link]
    return path_of(link)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_tampered_reset_link_gives_a_clear_page(client, person, language):
    client.cookies[COOKIE] = language
    link = reset_link_for(client, person)
    tampered = link.rstrip("/")[:-4] + "abcd/"
    response = client.get(tampered, follow=True)
    assert response.status_code == 200
    assert html_lang(response) == language
    assert response.context["token_fail"]
    assert contains(response, BAD_TOKEN[language])
    assert RESET in response.content.decode()


def test_an_expired_reset_link_gives_a_clear_page(client, person, settings):
    link = reset_link_for(client, person)
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert response.context["token_fail"]
    assert contains(response, BAD_TOKEN["fr"])
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


@pytest.mark.parametrize(
    "path",
    [
        "/account/password/reset/key/zzzzzzzzzzzzz-abc/",  # a user number beyond any integer
        "/account/password/reset/key/0-abc/",
        "/account/password/reset/key/1-set-password/",  # no key in the session
    ],
)
def test_a_garbled_reset_link_gives_a_clear_page(client, person, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert response.context["token_fail"]
    assert contains(response, BAD_TOKEN["fr"])


def test_a_reset_link_without_key_is_a_translated_404(client):
    response = client.get("/account/password/reset/key/1-/")
    assert response.status_code == 404
    assert contains(response, translated("fr", "Page not found"))


def test_posting_a_new_password_to_a_tampered_link_changes_nothing(client, person):
    link = reset_link_for(client, person)
    tampered = link.rstrip("/")[:-4] + "abcd/"
    response = client.post(tampered, {"password1": "x" * 20, "password2": "x" * 20}, follow=True)
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


# --- Language switcher and header ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "xx",
        "",
        "   ",
        "fr'; DROP TABLE accounts_person;--",
        "../../etc/passwd",
        "e" * 5000,
        "zh-hans",
    ],
)
def test_a_malformed_language_code_is_refused_with_a_message(client, value):
    response = client.post(SWITCH, {"language": value, "next": "/calls/"})
    assert response.status_code == 302
    assert response["Location"] == "/calls/"
    assert COOKIE not in response.cookies
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert html_lang(page) == "fr"
    expected = translated("fr", "This language is not available. Choose one of the list.")
    assert expected in messages_of(page)


def test_a_malformed_language_code_keeps_the_current_language(client):
    client.cookies[COOKIE] = "es"
    response = client.post(SWITCH, {"language": "klingon", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert client.cookies[COOKIE].value == "es"
    expected = translated("es", "This language is not available. Choose one of the list.")
    assert expected in messages_of(response)


def test_a_malformed_language_code_leaves_the_profile_unchanged(client, person_factory):
    maria = person_factory("maria@example.org", preferred_language="es")
    client.force_login(maria)
    response = client.post(SWITCH, {"language": "es-ZZZ!", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert Person.objects.get(pk=maria.pk).preferred_language == "es"
    assert html_lang(response) == "es"


def test_the_language_field_missing_altogether(client):
    response = client.post(SWITCH, {})
    assert response.status_code == 302
    assert html_lang(client.get(response["Location"])) == "fr"


@pytest.mark.parametrize(
    "header",
    [
        "!!!",
        "fr;q=abc",
        "es;q=1.5,,,;;;",
        "*",
        ";q=0.5",
        "en-" + "x" * 600,
        "\u00e9\u00e8",
        "es-ES;q=0.9;;=",
        ",",
        "q=0",
    ],
)
def test_a_malformed_accept_language_header_falls_back_to_a_known_language(client, header):
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert html_lang(response) in {"fr", "en", "es", "ar"}


def test_a_malformed_accept_language_header_on_a_form_page(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="fr;q=abc,??")
    assert response.status_code == 200
    assert html_lang(response) == "fr"


def test_a_malformed_language_cookie_is_ignored(client):
    client.cookies[COOKIE] = "../../../etc/passwd"
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert html_lang(response) == "es"


# --- Session and CSRF ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["garbage", "", "x" * 4000, "../../etc/passwd", "\u00e9t\u00e9"])
def test_a_tampered_session_cookie_makes_a_simple_visitor(client, value):
    client.cookies["sessionid"] = value
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["user"].is_anonymous
    assert html_lang(response) == "fr"


def test_an_altered_real_session_cookie_is_anonymous(client, person):
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    key = client.cookies["sessionid"].value
    client.cookies["sessionid"] = key[:-1] + ("a" if key[-1] != "a" else "b")
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["user"].is_anonymous
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_csrf_failure_gets_our_translated_page(person, language):
    client = Client(enforce_csrf_checks=True)
    client.cookies[COOKIE] = language
    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert response.status_code == 403
    assert html_lang(response) == language
    assert contains(response, translated(language, "The form has expired"))
    assert "CSRF verification failed" not in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_csrf_failure_on_the_language_switcher(client):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(SWITCH, {"language": "es"})
    assert response.status_code == 403
    assert html_lang(response) == "fr"
    assert COOKIE not in response.cookies


def test_a_csrf_failure_for_a_signed_in_person_uses_their_language(person_factory):
    maria = person_factory("maria@example.org", preferred_language="es")
    client = Client(enforce_csrf_checks=True)
    client.force_login(maria)
    response = client.post(reverse("accounts:declare_membership"), {"identifier": "X"})
    assert response.status_code == 403
    assert html_lang(response) == "es"
    assert contains(response, translated("es", "The form has expired"))


# --- Error pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_404_gets_our_translated_page(client, language):
    client.cookies[COOKIE] = language
    response = client.get("/this/page/does/not/exist/")
    assert response.status_code == 404
    assert html_lang(response) == language
    assert contains(response, translated(language, "Page not found"))
    assert "<h1>" in response.content.decode()


def test_a_404_for_an_unknown_call(client):
    response = client.get(reverse("programmes:call_detail", args=["no-such-call"]))
    assert response.status_code == 404
    assert contains(response, translated("fr", "Page not found"))


def test_a_404_for_a_non_numeric_membership(client, person_factory):
    from tremplin.accounts.models import Role

    client.force_login(person_factory(roles=[Role.STAFF]))
    response = client.post("/staff/memberships/abc/decide/", {"decision": "verify"})
    assert response.status_code == 404


def test_an_unknown_host_gets_a_400_page_not_a_server_error(client):
    response = client.get(HOME, HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert html_lang(response) == "fr"
    assert contains(response, translated("fr", "Request not understood"))


@pytest.mark.parametrize("language", ["fr", "es"])
def test_even_a_server_error_shows_a_clear_page_in_the_visitor_language(
    client, monkeypatch, language
):
    from tremplin.programmes import queries

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(queries, "open_calls", broken)
    client.raise_request_exception = False
    client.cookies[COOKIE] = language
    response = client.get(reverse("programmes:call_list"))
    assert response.status_code == 500
    assert html_lang(response) == language
    assert contains(response, translated(language, "Something went wrong"))
    assert "simulated failure" not in response.content.decode()


def test_a_signup_with_bad_input_keeps_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Aïcha Traoré",
            "email": "not-an-address",
            "password1": "a",
            "password2": "b",
        },
    )
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    errors = response.context["form"].errors
    assert "email" in errors
    assert 'value="Aïcha Traoré"' in response.content.decode()
    assert not Person.objects.exists()


def test_a_bad_language_in_the_profile_form_is_refused_next_to_the_field(client, person):
    client.force_login(person)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Nom gardé", "preferred_language": "xx", "phone": ""},
    )
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert list(response.context["form"].errors) == ["preferred_language"]
    assert 'value="Nom gardé"' in response.content.decode()
    person.refresh_from_db()
    assert person.preferred_language == "fr"
    assert person.full_name != "Nom gardé"
