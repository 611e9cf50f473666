"""The interface language: the browser's Accept-Language for a visitor, the switcher (a cookie
for visitors, the profile for signed-in people), and right-to-left Arabic."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.support import contains, html_attributes, html_lang, lang_and_dir, translated
from tests.conftest import PASSWORD
from tremplin.accounts.models import Person

pytestmark = pytest.mark.django_db

HOME = reverse("home:home")
CALLS = reverse("programmes:call_list")
LOGIN = reverse("account_login")
SWITCH = reverse("accounts:set_language")
COOKIE = "tremplin_language"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es", "es"),
        ("es-ES,es;q=0.9,en;q=0.5", "es"),
        ("en-GB,en;q=0.8", "en"),
        ("ar", "ar"),
        ("de-DE,de;q=0.9", "fr"),
        ("", "fr"),
    ],
)
def test_accept_language_is_honoured_for_visitors(client, header, language):
    response = client.get(HOME, HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert html_lang(response) == language


def test_a_spanish_browser_reads_spanish_text(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(response) == "es"
    assert contains(response, translated("es", "Skip to main content"))


@pytest.mark.parametrize("page", [HOME, CALLS, LOGIN, "/no-such-page/"])
def test_arabic_pages_are_right_to_left(client, page):
    response = client.get(page, HTTP_ACCEPT_LANGUAGE="ar")
    attributes = html_attributes(response)
    assert attributes["lang"] == "ar"
    assert attributes["dir"] == "rtl"


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_other_languages_are_left_to_right(client, language):
    attributes = html_attributes(client.get(HOME, HTTP_ACCEPT_LANGUAGE=language))
    assert (attributes["lang"], attributes["dir"]) == (language, "ltr")


def test_every_page_offers_the_switcher_with_each_language_named_in_itself(client):
    content = client.get(HOME).content.decode()
    assert f'action="{SWITCH}"' in content
    for code, name in [("fr", "Français"), ("en", "English"), ("es", "Español"), ("ar", "العربيّة")]:
        assert f'value="{code}" lang="{code}"' in content
        assert name in content


def test_the_switcher_remembers_a_visitor_language_in_a_cookie(client):
    response = client.post(SWITCH, {"language": "es", "next": CALLS})
    assert response.status_code == 302
    assert response["Location"] == CALLS
    cookie = response.cookies[COOKIE]
    assert cookie.value == "es"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # The cookie wins over the browser's language on the next pages.
    response = client.get(CALLS, HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "es"
    assert html_lang(client.get(HOME)) == "es"


def test_the_switcher_goes_back_to_the_referring_page(client):
    response = client.post(SWITCH, {"language": "en"}, HTTP_REFERER="http://testserver/calls/")
    assert response["Location"] == "http://testserver/calls/"


def test_the_switcher_never_sends_to_another_site(client):
    response = client.post(SWITCH, {"language": "en", "next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert response["Location"] == HOME
    response = client.post(SWITCH, {"language": "en", "next": "//evil.example.com/x"})
    assert response["Location"] == HOME


def test_the_switcher_is_post_only(client):
    assert client.get(SWITCH, {"language": "es"}).status_code == 405


def test_a_signed_in_person_choice_is_kept_in_the_profile(client, person):
    client.force_login(person)
    response = client.post(SWITCH, {"language": "ar", "next": HOME})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).preferred_language == "ar"
    home = client.get(HOME)
    assert lang_and_dir(home) == ("ar", "rtl")


def test_a_new_session_of_the_same_person_gets_their_language(person):
    first = Client()
    first.force_login(person)
    first.post(SWITCH, {"language": "es", "next": HOME})

    # Another device: no cookie, a French browser.
    other = Client(HTTP_ACCEPT_LANGUAGE="fr")
    login = other.get(LOGIN)
    assert html_lang(login) == "fr"
    response = other.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    # Signing in sets the cookie too, so that the person's language survives signing out.
    assert response.cookies[COOKIE].value == "es"
    home = other.get(HOME)
    assert html_lang(home) == "es"
    other.post(reverse("account_logout"))
    assert html_lang(other.get(HOME)) == "es"


def test_the_profile_language_wins_over_an_old_cookie(client, person_factory):
    leila = person_factory("leila@example.org", preferred_language="ar")
    client.cookies[COOKIE] = "en"
    client.force_login(leila)
    assert lang_and_dir(client.get(HOME)) == ("ar", "rtl")


def test_changing_the_language_in_the_profile_applies_at_once(client, person):
    client.force_login(person)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": person.full_name, "preferred_language": "en", "phone": ""},
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    assert Person.objects.get(pk=person.pk).preferred_language == "en"
    assert html_lang(client.get(HOME)) == "en"


def test_a_new_account_starts_in_the_language_it_was_created_in(client):
    client.cookies[COOKIE] = "ar"
    client.post(
        reverse("account_signup"),
        {
            "full_name": "Leïla Haddad",
            "email": "leila@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert Person.objects.get(email="leila@example.org").preferred_language == "ar"
