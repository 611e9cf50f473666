"""Two-factor authentication (TOTP): open to everyone, required for the roles that see other
people's data (staff, committee, admin) when TREMPLIN_REQUIRE_MFA is on."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.support import contains, html_lang, messages_of, totp_code, translated
from tests.conftest import PASSWORD, add_totp
from tremplin.accounts.middleware import ALLOWED_URL_NAMES, RequireTwoFactorMiddleware
from tremplin.accounts.models import ROLES_REQUIRING_TWO_FACTOR, Role

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
HOME = reverse("core:home")
ACTIVATE = reverse("mfa_activate_totp")
MFA_INDEX = reverse("mfa_index")
AUTHENTICATE = reverse("mfa_authenticate")
REAUTHENTICATE = reverse("account_reauthenticate")
MUST = sorted(ROLES_REQUIRING_TWO_FACTOR)
MAY = sorted(set(Role) - ROLES_REQUIRING_TWO_FACTOR)
PAGES = [
    HOME,
    reverse("programmes:call_list"),
    reverse("accounts:profile"),
    reverse("accounts:declare_membership"),
    reverse("account_email"),
    reverse("account_change_password"),
    "/admin/",
]
WARNING = (
    "Your role gives you access to other people's data: please set up "
    "two-factor authentication before you continue."
)


@pytest.fixture(autouse=True)
def _tolerant_totp(settings):
    # One period either side, so that a code made just before a period ends stays valid.
    settings.MFA_TOTP_TOLERANCE = 1


def sign_in(client, person, password=PASSWORD):
    return client.post(LOGIN, {"login": person.email, "password": password})


def open_activation(client, password=PASSWORD):
    """The activation page asks to confirm the password first (allauth's reauthentication)."""
    response = client.get(ACTIVATE)
    if response.status_code == 302:
        assert response["Location"].startswith(REAUTHENTICATE)
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert html_lang(page) == "fr"
        response = client.post(response["Location"], {"password": password}, follow=True)
        assert response.redirect_chain[-1][0] == ACTIVATE
    assert response.status_code == 200
    return response


def test_two_factor_is_required_outside_demo_and_tests_see_it_on(settings):
    import tremplin.settings as production

    assert settings.TREMPLIN_REQUIRE_MFA is True
    assert production.TREMPLIN_REQUIRE_MFA is (not production.DEMO)
    assert {Role.STAFF, Role.COMMITTEE, Role.ADMIN} == ROLES_REQUIRING_TWO_FACTOR
    assert {"mfa_activate_totp", "account_logout", "core:set_language"} <= ALLOWED_URL_NAMES
    assert (
        "tremplin.accounts.middleware.RequireTwoFactorMiddleware" in settings.MIDDLEWARE
        and RequireTwoFactorMiddleware
    )


def test_an_applicant_can_open_the_two_factor_pages(client, person_factory):
    applicant = person_factory("applicant@example.org", roles=[Role.APPLICANT])
    sign_in(client, applicant)
    index = client.get(MFA_INDEX)
    assert index.status_code == 200
    assert html_lang(index) == "fr"
    page = open_activation(client)
    assert "code" in page.context["form"].fields
    assert "<svg" in page.context["totp_svg"]


def test_an_applicant_activates_totp_with_a_code(client, person_factory):
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    applicant = person_factory("applicant@example.org", roles=[Role.APPLICANT])
    sign_in(client, applicant)
    open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    counter = list(yield_hotp_counters_from_time())[1]
    wrong = client.post(ACTIVATE, {"code": "000000" if counter else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    response = client.post(ACTIVATE, {"code": format_hotp_value(hotp_value(secret, counter))})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=applicant, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize("role", MUST)
def test_a_role_that_decides_about_others_is_sent_to_activate_totp(client, person_factory, role):
    someone = person_factory(f"{role}@example.org", roles=[role], two_factor=False)
    client.force_login(someone)
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == ACTIVATE, page
    # The warning is shown, in French, on the activation page (after re-authentication).
    response = client.get(HOME, follow=True)
    assert contains(response, translated("fr", WARNING))


@pytest.mark.parametrize("role", MUST)
def test_the_allowed_pages_stay_open_without_totp(client, person_factory, role):
    someone = person_factory(f"{role}@example.org", roles=[role], two_factor=False)
    sign_in(client, someone)
    assert client.get(MFA_INDEX).status_code == 200
    open_activation(client)
    assert client.get(reverse("account_logout")).status_code == 200
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    someone.refresh_from_db()
    assert someone.preferred_language == "en"
    # Unknown addresses give the ordinary 404, not a redirect.
    assert client.get("/no-such-page/").status_code == 404
    # Static files are never redirected.
    assert client.get("/static/tremplin/css/tremplin.css").status_code == 200
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", MAY)
def test_other_roles_are_not_forced(client, person_factory, role):
    someone = person_factory(f"{role}@example.org", roles=[role])
    assert not Authenticator.objects.filter(user=someone).exists()
    client.force_login(someone)
    for page in PAGES[:5]:
        assert client.get(page).status_code == 200, page


def test_a_person_without_any_role_is_not_forced(client, person):
    client.force_login(person)
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("role", MUST)
def test_with_a_totp_authenticator_they_pass(client, person_factory, role):
    someone = person_factory(f"{role}@example.org", roles=[role], two_factor=False)
    add_totp(someone)
    client.force_login(someone)
    for page in PAGES[:5]:
        assert client.get(page).status_code == 200, page


def test_staff_with_two_roles_one_of_which_requires_totp_is_forced(client, person_factory):
    someone = person_factory(roles=[Role.REFERENT, Role.STAFF], two_factor=False)
    client.force_login(someone)
    assert client.get(HOME)["Location"] == ACTIVATE


def test_a_superuser_is_an_admin_and_is_forced(client):
    from tests.conftest import make_person

    boss = make_person("boss@example.org", is_superuser=True, is_staff=True)
    client.force_login(boss)
    assert client.get(HOME)["Location"] == ACTIVATE


def test_the_requirement_can_be_switched_off(client, person_factory, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    staff = person_factory(roles=[Role.STAFF], two_factor=False)
    client.force_login(staff)
    assert client.get(HOME).status_code == 200


def test_staff_without_totp_signing_in_lands_on_the_activation_page(client, person_factory):
    staff = person_factory("staff@example.org", roles=[Role.STAFF], two_factor=False)
    response = sign_in(client, staff)
    assert response.status_code == 302
    response = client.get(response["Location"], follow=True)
    assert [url for url, _status in response.redirect_chain][:1] == [ACTIVATE]
    assert response.status_code == 200
    assert translated("fr", WARNING) in messages_of(response)
    assert "code" in open_activation(client).context["form"].fields


def test_staff_activates_totp_then_reaches_every_page(client, person_factory):
    from allauth.mfa.totp.internal.auth import (
        SECRET_SESSION_KEY,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    staff = person_factory("staff@example.org", roles=[Role.STAFF], two_factor=False)
    sign_in(client, staff)
    open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    counter = list(yield_hotp_counters_from_time())[1]
    response = client.post(ACTIVATE, {"code": format_hotp_value(hotp_value(secret, counter))})
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("accounts:membership_queue")).status_code == 200


def test_login_with_totp_asks_for_the_code(client, person_factory):
    staff = person_factory("staff@example.org", roles=[Role.STAFF])
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)

    response = sign_in(client, staff)
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session
    page = client.get(AUTHENTICATE)
    assert page.status_code == 200
    assert html_lang(page) == "fr"
    # Nothing else opens before the code is given.
    assert client.get(HOME).context["user"].is_anonymous

    response = client.post(AUTHENTICATE, {"code": totp_code(authenticator)})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_is_refused_in_french(client, person_factory):
    staff = person_factory("staff@example.org", roles=[Role.STAFF])
    authenticator = Authenticator.objects.get(user=staff)
    sign_in(client, staff)
    good = totp_code(authenticator)
    wrong = "000000" if good != "000000" else "111111"
    response = client.post(AUTHENTICATE, {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Code incorrect." in response.context["form"].errors["code"]


def test_a_used_code_cannot_be_replayed(client, person_factory):
    staff = person_factory("staff@example.org", roles=[Role.STAFF])
    authenticator = Authenticator.objects.get(user=staff)
    code = totp_code(authenticator)
    sign_in(client, staff)
    client.post(AUTHENTICATE, {"code": code})
    assert client.session["_auth_user_id"] == str(staff.pk)
    client.post(reverse("account_logout"))

    sign_in(client, staff)
    response = client.post(AUTHENTICATE, {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_applicant_who_chose_totp_also_gives_the_code(client, person_factory):
    applicant = person_factory("applicant@example.org", roles=[Role.APPLICANT])
    authenticator = add_totp(applicant)
    response = sign_in(client, applicant)
    assert response["Location"] == AUTHENTICATE
    client.post(AUTHENTICATE, {"code": totp_code(authenticator)})
    assert client.session["_auth_user_id"] == str(applicant.pk)
