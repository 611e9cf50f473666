"""The Django admin signs people in through allauth (same throttling, same two-factor step), and
repeated failed logins are throttled with a clear page in the visitor's language."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from tests.accounts.support import contains, html_lang, totp_code, translated
from tests.conftest import PASSWORD
from tremplin.accounts.models import Role

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
AUTHENTICATE = reverse("mfa_authenticate")
ADMIN = "/admin/"


@pytest.fixture(autouse=True)
def _tolerant_totp(settings):
    settings.MFA_TOTP_TOLERANCE = 1


def assert_sent_to_allauth_login(response, next_url):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == LOGIN
    assert parse_qs(location.query)["next"] == [next_url]


def test_anonymous_admin_goes_to_the_allauth_login_with_next(client):
    response = client.get(ADMIN)
    # The admin sends to its login view, which allauth's secure_admin_login turns into a
    # redirect to allauth's own login page; no admin login form is ever shown.
    hops = [response]
    while hops[-1].status_code == 302 and urlsplit(hops[-1]["Location"]).path != LOGIN:
        assert len(hops) < 3, [h["Location"] for h in hops]
        hops.append(client.get(hops[-1]["Location"]))
    assert_sent_to_allauth_login(hops[-1], ADMIN)
    page = client.get(hops[-1]["Location"])
    assert page.status_code == 200
    assert html_lang(page) == "fr"
    assert 'name="next" value="/admin/"' in page.content.decode()


def test_the_admin_login_page_itself_goes_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/accounts/person/")
    assert_sent_to_allauth_login(response, "/admin/accounts/person/")


def test_an_admin_page_deep_link_keeps_its_next(client):
    response = client.get("/admin/accounts/person/", follow=True)
    first = response.redirect_chain[-1][0]
    location = urlsplit(first)
    assert location.path == LOGIN
    assert parse_qs(location.query)["next"] == ["/admin/accounts/person/"]
    assert response.status_code == 200


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.MENTOR, Role.PARTNER, Role.REFERENT])
def test_a_signed_in_person_without_admin_access_gets_403(client, person_factory, role):
    someone = person_factory(roles=[role] if role else [])
    assert not someone.is_staff
    client.force_login(someone)
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403
    assert html_lang(response) == "fr"
    assert contains(response, translated("fr", "Access refused"))


def test_the_403_page_follows_the_person_language(client, person_factory):
    someone = person_factory(preferred_language="es")
    client.force_login(someone)
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403
    assert html_lang(response) == "es"
    assert contains(response, translated("es", "Access refused"))


def test_staff_with_two_factor_open_the_admin(client, person_factory):
    staff = person_factory(roles=[Role.STAFF])
    assert staff.is_staff
    client.force_login(staff)
    assert client.get(ADMIN).status_code == 200


def test_staff_signing_in_for_the_admin_goes_through_the_code_then_back_to_the_admin(
    client, person_factory
):
    staff = person_factory("staff@example.org", roles=[Role.STAFF])
    authenticator = Authenticator.objects.get(user=staff)
    response = client.post(f"{LOGIN}?next={ADMIN}", {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == AUTHENTICATE
    assert client.get(ADMIN).status_code == 302
    response = client.post(AUTHENTICATE, {"code": totp_code(authenticator)})
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_the_old_admin_password_form_cannot_bypass_allauth(client, person_factory):
    staff = person_factory("staff@example.org", roles=[Role.STAFF])
    response = client.post(
        "/admin/login/", {"username": staff.email, "password": PASSWORD, "next": ADMIN}
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN
    assert "_auth_user_id" not in client.session


# --- Throttling ---------------------------------------------------------------------------------


def failed_login(client, email="someone@example.org", **extra):
    return client.post(LOGIN, {"login": email, "password": "not the password"}, **extra)


def test_rate_limits_are_configured():
    limits = django_settings.ACCOUNT_RATE_LIMITS
    assert limits["login_failed"] == "5/m/ip,10/5m/key"
    assert "login" in limits and "reset_password" in limits


def test_after_five_failures_even_the_right_password_is_refused_for_a_while(client, person):
    for _attempt in range(5):
        response = failed_login(client, person.email)
        assert response.status_code == 200
        assert "L'adresse e-mail ou le mot de passe sont incorrects." in str(
            response.context["form"].errors
        ).replace("\u2019", "'")
    response = client.post(LOGIN, {"login": person.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert html_lang(response) == "fr"
    assert contains(response, "Trop de tentatives de connexion échouées")
    # Another address (another machine) is not affected by this one's failures.
    response = client.post(
        LOGIN, {"login": person.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.55"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_repeated_failed_logins_end_in_429_with_a_french_page(client, person):
    statuses = [failed_login(client, person.email).status_code for _ in range(40)]
    # Form errors first (wrong password, then too many failures), then 429 for good.
    assert set(statuses) == {200, 429}, statuses
    first = statuses.index(429)
    assert set(statuses[first:]) == {429}
    response = failed_login(client, person.email)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert html_lang(response) == "fr"
    assert contains(response, translated("fr", "Too many attempts"))
    assert "Too Many Requests" not in response.content.decode()
    # The page is the platform's own, with its navigation and a way forward.
    assert reverse("account_reset_password") in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_429_page_is_in_the_visitor_language(client, person):
    client.cookies["tremplin_language"] = "es"
    for _attempt in range(40):
        response = failed_login(client, person.email)
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert html_lang(response) == "es"
    assert contains(response, translated("es", "Too many attempts"))


def test_password_reset_requests_are_throttled_too(client, person):

    statuses = [
        client.post(reverse("account_reset_password"), {"email": person.email}).status_code
        for _ in range(8)
    ]
    # 5 per minute per address: the next ones get the translated 429 page, and no e-mail.
    assert statuses == [302] * 5 + [429] * 3
    assert len(mail.outbox) == 5
    response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert html_lang(response) == "fr"
    assert contains(response, translated("fr", "Too many attempts"))
