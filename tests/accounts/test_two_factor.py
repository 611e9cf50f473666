"""Two-factor authentication (TOTP): open to everyone, required when TREMPLIN_REQUIRE_MFA is on
of whoever sees other people's data or unpublished work, by role (staff, committee, admin,
moderator, referent) or by seat (a committee seat, a project followed or mentored, a national
society validated for), whether or not the seat came with its role."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

import tremplin.settings as production
from tests.accounts.support import contains, html_lang, messages_of, totp_code, translated
from tests.conftest import PASSWORD, add_totp, make_person
from tests.core.admin_support import change_form_data
from tests.programmes import builders
from tremplin.accounts.middleware import ALLOWED_URL_NAMES, RequireTwoFactorMiddleware
from tremplin.accounts.models import ROLES_REQUIRING_TWO_FACTOR, Organisation, Person, Role
from tremplin.accounts.two_factor import (
    people_requiring_two_factor,
    requires_two_factor,
    seats,
    two_factor_state,
)
from tremplin.catalogue.models import SocietyPolicy
from tremplin.selection.models import CommitteeMember

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
HOME = reverse("home:home")
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

    assert settings.TREMPLIN_REQUIRE_MFA is True
    assert production.TREMPLIN_REQUIRE_MFA is (not production.DEMO)
    assert {
        Role.STAFF,
        Role.COMMITTEE,
        Role.ADMIN,
        Role.MODERATOR,
        Role.REFERENT,
    } == ROLES_REQUIRING_TWO_FACTOR
    assert {"mfa_activate_totp", "account_logout", "accounts:set_language"} <= ALLOWED_URL_NAMES
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
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
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
    someone = person_factory(f"{role}@example.org", roles=[role], two_factor=False)
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


# --- Moderators, referents, and seats ----------------------------------------------------------


def _call():

    return builders.call()


def seat(kind: str, person):
    """Seat `person` as `kind`, the way the admin or a service stores it (no role granted)."""

    if kind in {"reviewer", "chair", "observer"}:
        CommitteeMember.objects.create(
            call=_call(), person=person, person_name=str(person), role=kind
        )
    elif kind == "referent":
        builders.project(referent=person)
    elif kind == "mentor":
        builders.project(mentors=[person])
    elif kind == "validator":
        society = Organisation.objects.create(
            name="Cruz Roja Española", kind=Organisation.Kind.NATIONAL_SOCIETY, country="ES"
        )
        policy = SocietyPolicy.objects.create(society=society, requires_validation=True)
        policy.validators.add(person)
    elif kind == "site_contact":
        builders.site(contact=person)
    else:
        raise AssertionError(kind)


SEATS_REQUIRING = ["reviewer", "chair", "observer", "referent", "mentor", "validator"]


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.REFERENT])
def test_moderators_and_referents_are_sent_to_activate_totp(client, person_factory, role):
    someone = person_factory(roles=[role], two_factor=False)
    client.force_login(someone)
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == ACTIVATE, page


@pytest.mark.parametrize("kind", SEATS_REQUIRING)
def test_a_seat_requires_two_factor_without_its_role(client, person_factory, kind):
    someone = person_factory(roles=[Role.APPLICANT], two_factor=False)
    client.force_login(someone)
    assert client.get(HOME).status_code == 200
    seat(kind, someone)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"] == ACTIVATE
    add_totp(someone)
    assert client.get(HOME).status_code == 200


def test_a_committee_seat_given_in_the_admin_without_the_role_requires_two_factor(
    client, person_factory
):

    boss = person_factory("boss@example.org", roles=[Role.ADMIN])
    reviewer = person_factory("reviewer@example.org", two_factor=False)
    call = _call()
    client.force_login(boss)
    add = reverse("admin:selection_committeemember_add")
    data = change_form_data(client.get(add))
    data.update(
        call=str(call.pk), person=str(reviewer.pk), person_name="Relectrice", role="reviewer"
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert CommitteeMember.objects.filter(person=reviewer).exists()
    assert Role.COMMITTEE not in reviewer.roles

    client.force_login(reviewer)
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"] == ACTIVATE


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.PARTNER, Role.SITE_CONTACT, Role.MENTOR])
def test_roles_without_unpublished_or_personal_data_are_not_forced(client, person_factory, role):
    """A partner sees the names and pitches of the laureates its organisation funds; a site
    contact, its site and what is proposed to it; a mentor in the pool, nothing until a project
    takes them (then the seat requires it); an applicant, their own work."""
    someone = person_factory(roles=[role], two_factor=False)
    if role == Role.SITE_CONTACT:
        seat("site_contact", someone)
    client.force_login(someone)
    assert client.get(HOME).status_code == 200


def test_one_function_decides_from_roles_and_seats(person_factory):

    assert {s.label for s in seats()} >= {
        "selection committee seat",
        "referent of a laureate project",
        "mentor of a laureate project",
        "validator for a national society",
    }
    people = {
        "applicant": person_factory(roles=[Role.APPLICANT]),
        "partner": person_factory(roles=[Role.PARTNER], two_factor=False),
        "moderator": person_factory(roles=[Role.MODERATOR], two_factor=False),
        "superuser": person_factory(is_superuser=True, is_staff=True),
    }
    for kind in SEATS_REQUIRING:
        people[kind] = person_factory(two_factor=False)
        seat(kind, people[kind])
    expected = {"moderator", "superuser", *SEATS_REQUIRING}
    listed = set(people_requiring_two_factor().values_list("pk", flat=True))
    for name, person in people.items():
        person = type(person).objects.get(pk=person.pk)
        assert requires_two_factor(person) is (name in expected), name
        assert two_factor_state(person).required is (name in expected), name
        assert (person.pk in listed) is (name in expected), name
        assert two_factor_state(person).has_totp is False


@pytest.mark.parametrize("who", ["applicant", "staff with totp", "seated without totp"])
def test_the_check_costs_one_query(person_factory, who, django_assert_max_num_queries):

    if who == "applicant":
        person = person_factory(roles=[Role.APPLICANT])
    elif who == "staff with totp":
        person = person_factory(roles=[Role.STAFF])
    else:
        person = person_factory(two_factor=False)
        for kind in SEATS_REQUIRING:
            seat(kind, person)
    request = RequestFactory().get(HOME)
    request.user = Person.objects.get(pk=person.pk)
    request._messages = CookieStorage(request)
    middleware = RequireTwoFactorMiddleware(lambda request: HttpResponse("page"))
    with django_assert_max_num_queries(1):
        response = middleware(request)
    assert response.status_code == (302 if who == "seated without totp" else 200)
