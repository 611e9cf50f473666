"""Password reset end to end: the request, the e-mail in the person's language, the link, the
new password; and the answers that must not reveal whether an address has an account."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.support import contains, html_lang, links_in, path_of
from tests.conftest import PASSWORD
from tremplin.accounts.models import Person

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")
RESET_DONE = reverse("account_reset_password_done")
LOGIN = reverse("account_login")
NEW_PASSWORD = "a brand new passphrase 2024"


def reset_link(message) -> str:
    links = [link for link in links_in(message) if "/account/password/reset/key/" in link]
    assert len(links) == 1, message.body
    return path_of(links[0])


def request_reset(client, email):
    return client.post(RESET, {"email": email})


def test_password_reset_end_to_end(client, person):
    page = client.get(RESET)
    assert page.status_code == 200
    assert html_lang(page) == "fr"

    response = request_reset(client, person.email)
    assert response.status_code == 302
    assert response["Location"] == RESET_DONE
    assert client.get(RESET_DONE).status_code == 200

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert "E-mail de réinitialisation de mot de passe" in message.subject
    link = reset_link(message)

    # The link stores the key in the session and leads to the form.
    response = client.get(link)
    if response.status_code == 302:
        form_url = response["Location"]
        response = client.get(form_url)
    else:
        form_url = link
    assert response.status_code == 200
    assert "password1" in response.context["form"].fields

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(PASSWORD)

    # The old password no longer opens the account; the new one does.
    client.logout()
    client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    response = client.post(LOGIN, {"login": person.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_reset_link_works_only_once(client, person):
    request_reset(client, person.email)
    link = reset_link(mail.outbox[0])
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    other = client.__class__()
    response = other.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["token_fail"]
    assert contains(response, "Le lien de réinitialisation du mot de passe est invalide")


def test_the_reset_mail_is_in_the_recipient_language_not_the_visitor_one(client, person_factory):
    maria = person_factory("maria@example.org", preferred_language="es")
    leila = person_factory("leila@example.org", preferred_language="ar")
    # The visitor's browser is in French.
    request_reset(client, maria.email)
    request_reset(client, leila.email)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Correo electrónico para restablecer contraseña" in subjects["maria@example.org"]
    assert "رسالة إعادة ضبط كلمة المرور" in subjects["leila@example.org"]


def test_the_reset_mail_follows_the_preferred_language_even_from_a_spanish_page(
    client, person_factory
):
    camille = person_factory("camille@example.org", preferred_language="fr")
    client.cookies["tremplin_language"] = "es"
    request_reset(client, camille.email)
    assert "E-mail de réinitialisation de mot de passe" in mail.outbox[0].subject


def test_an_unknown_address_gets_the_same_answer_as_a_known_one(client, person):
    known = request_reset(client, person.email)
    unknown = request_reset(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == RESET_DONE
    assert not Person.objects.filter(email="nobody@example.org").exists()
    # The owner of the unknown address is told there is no account; no reset link is sent.
    unknown_mail = next(m for m in mail.outbox if m.to == ["nobody@example.org"])
    assert "Compte inconnu" in unknown_mail.subject
    assert not [link for link in links_in(unknown_mail) if "/password/reset/key/" in link]


def test_a_reset_unlocks_an_account_locked_by_failed_logins(client, person):
    # 10 failures per 5 minutes lock the account whatever the address they come from.
    for attempt in range(10):
        client.post(
            LOGIN,
            {"login": person.email, "password": "wrong password"},
            REMOTE_ADDR=f"10.0.0.{attempt}",
        )
    locked = client.post(
        LOGIN, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    assert locked.status_code == 200
    assert "_auth_user_id" not in client.session

    request_reset(client, person.email)
    response = client.get(reset_link(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    response = client.post(
        LOGIN, {"login": person.email, "password": NEW_PASSWORD}, REMOTE_ADDR="10.0.1.2"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_reset_refuses_a_weak_new_password_and_keeps_the_old_one(client, person):
    request_reset(client, person.email)
    response = client.get(reset_link(mail.outbox[0]), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
