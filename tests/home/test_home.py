"""The home page: one section per role with what that person has to do now, built from real
data; and a number of SQL queries that does not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.accounts.support import (
    compiled_locale_dir,  # noqa: F401
    contains,
    html_lang,
    translated,
    translated_catalogues,  # noqa: F401
)
from tests.conftest import edit_profile, verify_affiliation
from tests.programmes import builders
from tremplin.accounts import services
from tremplin.accounts.models import Membership, Organisation, Role
from tremplin.home.queries import BUILDERS, sections_for
from tremplin.reference.models import Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("translated_catalogues")]

HOME = reverse("home:home")


def home_of(client, person):
    client.force_login(person)
    response = client.get(HOME)
    assert response.status_code == 200
    return response


def section(response, role):
    [found] = [s for s in response.context["sections"] if s.role == role]
    return found


def roles_shown(response):
    return [s.role for s in response.context["sections"]]


def count_queries(client, url=HOME) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def society(db):
    return Organisation.objects.create(
        name="Croix-Rouge française", kind=Organisation.Kind.NATIONAL_SOCIETY
    )


# --- What each role sees ----------------------------------------------------------------------


def test_every_role_has_a_section_builder():
    assert set(BUILDERS) == set(Role)


def test_anonymous_visitors_see_the_landing_page_with_open_calls(client):
    open_call = builders.call(title={"fr": "Appel ouvert au public"})
    builders.call(state="closed", title={"fr": "Appel fermé depuis longtemps"})
    builders.call(state="upcoming", title={"fr": "Appel bientôt ouvert"})
    response = client.get(HOME)
    assert response.status_code == 200
    assert "sections" not in response.context
    assert [c.pk for c in response.context["open_calls"]] == [open_call.pk]
    assert contains(response, "Appel ouvert au public")
    assert contains(response, "Appel bientôt ouvert")
    assert not contains(response, "Appel fermé depuis longtemps")
    assert contains(response, translated("fr", "Open calls for projects"))


def test_applicant_sees_open_calls_and_membership_state(client, person_factory, society):
    applicant = person_factory("applicant@example.org", roles=[Role.APPLICANT])
    builders.call(title={"fr": "Appel entrepreneurs saison 5", "es": "Convocatoria 5"})
    builders.call(state="closed", title={"fr": "Appel clos"})
    services.declare_membership(
        applicant, national_society=society, status="volunteer", identifier="CRF-1"
    )
    response = home_of(client, applicant)
    assert roles_shown(response) == [Role.APPLICANT]
    data = section(response, Role.APPLICANT).context
    assert [str(c.title) for c in data["open_calls"]] == ["Appel entrepreneurs saison 5"]
    assert [m.state for m in data["memberships"]] == [Membership.State.PENDING]
    assert contains(response, "Appel entrepreneurs saison 5")
    assert not contains(response, "Appel clos")
    assert contains(response, "Croix-Rouge française")
    assert contains(response, translated("fr", "Awaiting verification"))
    assert contains(response, translated("fr", "Your applications"))


def test_applicant_without_membership_is_invited_to_declare_it(client, person_factory):
    applicant = person_factory(roles=[Role.APPLICANT])
    response = home_of(client, applicant)
    assert reverse("accounts:declare_membership") in response.content.decode()
    assert contains(response, translated("fr", "No call for projects is open right now."))


def test_applicant_with_an_incomplete_profile_is_told(client, person_factory):
    incomplete = person_factory(roles=[Role.APPLICANT])
    response = home_of(client, incomplete)
    assert section(response, Role.APPLICANT).context["profile_incomplete"]
    assert reverse("accounts:profile") in response.content.decode()
    complete = person_factory(roles=[Role.APPLICANT], region=Region.objects.first())
    client.logout()
    response = home_of(client, complete)
    assert not section(response, Role.APPLICANT).context["profile_incomplete"]


def test_applicant_team_member_sees_their_laureate_project(client, person_factory):
    applicant = person_factory(roles=[Role.APPLICANT])
    builders.project("Minutis", team=[applicant])
    builders.project("Someone else's project")
    response = home_of(client, applicant)
    assert contains(response, "Minutis")
    assert not contains(response, "Someone else's project")


def test_a_person_without_any_role_gets_the_applicant_section(client, person):
    response = home_of(client, person)
    assert roles_shown(response) == [Role.APPLICANT]


def test_staff_see_the_pending_memberships_count(client, person_factory, society):
    staff = person_factory(roles=[Role.STAFF])
    for index, name in enumerate(["Léa Fontaine", "Hugo Lambert", "Sara El Amrani"]):
        member = person_factory(full_name=name)
        services.declare_membership(
            member, national_society=society, status="volunteer", identifier=f"P-{index}"
        )
    verified = services.declare_membership(
        person_factory(full_name="Déjà Vérifiée"),
        national_society=society,
        status="employee",
        identifier="V-1",
    )
    services.decide_membership(verified, staff, "verify")
    builders.call(title={"fr": "Appel en cours pour le staff"})

    response = home_of(client, staff)
    data = section(response, Role.STAFF).context
    assert data["pending_count"] == 3
    with translation.override("fr"):
        expected = translation.ngettext(
            "%(counter)s membership awaits your verification.",
            "%(counter)s memberships await your verification.",
            3,
        ) % {"counter": 3}
    assert expected != "3 memberships await your verification."
    assert contains(response, expected)
    assert contains(response, "Léa Fontaine")
    assert not contains(response, "Déjà Vérifiée")
    assert reverse("accounts:membership_queue") in response.content.decode()
    assert contains(response, "Appel en cours pour le staff")


def test_staff_without_pending_memberships(client, person_factory):
    response = home_of(client, person_factory(roles=[Role.STAFF]))
    assert section(response, Role.STAFF).context["pending_count"] == 0
    assert contains(response, translated("fr", "No membership awaits verification."))


def test_referent_sees_the_projects_they_follow(client, person_factory):
    referent = person_factory(roles=[Role.REFERENT])
    other = person_factory(roles=[Role.REFERENT])
    builders.project("Minutis", referent=referent)
    builders.project("Solinum", referent=referent)
    builders.project("WERO", referent=other)
    response = home_of(client, referent)
    data = section(response, Role.REFERENT).context
    assert sorted(p.name for p in data["projects"]) == ["Minutis", "Solinum"]
    assert contains(response, "Minutis") and contains(response, "Solinum")
    assert not contains(response, "WERO")
    assert contains(response, translated("fr", "Projects you follow"))


def test_referent_without_projects_is_told_so(client, person_factory):
    response = home_of(client, person_factory(roles=[Role.REFERENT]))
    assert contains(response, translated("fr", "No laureate project is assigned to you yet."))


def test_mentor_sees_the_projects_they_mentor(client, person_factory):
    mentor = person_factory(roles=[Role.MENTOR])
    builders.project("AALIA.tech", mentors=[mentor])
    builders.project("Arbitryum")
    response = home_of(client, mentor)
    assert [p.name for p in section(response, Role.MENTOR).context["projects"]] == ["AALIA.tech"]
    assert contains(response, "AALIA.tech")
    assert not contains(response, "Arbitryum")


def test_committee_sees_their_committees_and_reviews(client, person_factory):
    from tremplin.selection.models import Assignment, CommitteeMember

    member = person_factory(roles=[Role.COMMITTEE])
    seat_call = builders.call(state="closed", days=10, title={"fr": "Appel en sélection"})
    builders.call(title={"fr": "Appel sans moi"})
    seat = CommitteeMember.objects.create(call=seat_call, person=member, person_name=str(member))
    response = home_of(client, member)
    data = section(response, Role.COMMITTEE).context
    assert [s.member.pk for s in data["seats"]] == [seat.pk]
    assert contains(response, "Appel en sélection")
    assert not contains(response, "Appel sans moi")
    assert Assignment.objects.count() == 0  # nothing to review yet: the counts say 0


def test_partner_sees_their_programmes_and_laureates(client, person_factory):
    nexem = builders.organisation("Nexem")
    partner = person_factory(roles=[Role.PARTNER])
    verify_affiliation(partner, nexem)
    supported = builders.programme(name={"fr": "Programme entrepreneurs"}, partners=[nexem])
    builders.programme(name={"fr": "Impact Data"})
    builders.project("HelpMeUp", prog=supported)
    builders.project("Jalgos")
    response = home_of(client, partner)
    data = section(response, Role.PARTNER).context
    assert data["organisations"] == [nexem]
    assert [p.pk for p in data["programmes"]] == [supported.pk]
    assert [p.name for p in data["projects"]] == ["HelpMeUp"]
    assert contains(response, "Nexem")
    assert contains(response, "Programme entrepreneurs")
    assert contains(response, "HelpMeUp")
    assert not contains(response, "Jalgos")
    assert not contains(response, "Impact Data")


def test_a_partner_does_not_see_another_foundation_by_choosing_it_in_their_profile(
    client, person_factory
):
    """What a partner sees rests on the affiliation the accelerator team verified, not on what
    the partner types about themselves."""
    nexem = builders.organisation("Nexem")
    coveted = builders.organisation("Fondation convoitée")
    partner = person_factory(roles=[Role.PARTNER], preferred_language="en")
    verify_affiliation(partner, nexem)
    builders.project("HelpMeUp", prog=builders.programme(partners=[nexem]))
    builders.project("Jalgos", prog=builders.programme(partners=[coveted]))

    edit_profile(client, partner, organisation=coveted.pk)

    response = home_of(client, partner)
    assert contains(response, "HelpMeUp")
    assert not contains(response, "Jalgos")
    assert not contains(response, "Fondation convoitée")


def test_an_applicant_who_chooses_a_foundation_sees_no_partner_page(client, person_factory):
    coveted = builders.organisation("Fondation convoitée")
    builders.project("Jalgos", prog=builders.programme(partners=[coveted]))
    applicant = person_factory(roles=[Role.APPLICANT], preferred_language="en")
    edit_profile(client, applicant, organisation=coveted.pk)
    response = home_of(client, applicant)
    assert roles_shown(response) == [Role.APPLICANT]
    assert not contains(response, "Jalgos")


def test_a_partner_whose_affiliation_awaits_verification_sees_nothing_of_it_yet(
    client, person_factory
):
    nexem = builders.organisation("Nexem")
    builders.project("HelpMeUp", prog=builders.programme(partners=[nexem]))
    partner = person_factory(roles=[Role.PARTNER])
    affiliation = services.declare_affiliation(partner, organisation=nexem)
    response = home_of(client, partner)
    data = section(response, Role.PARTNER).context
    assert (data["organisations"], data["pending"], data["programmes"]) == ([], [nexem], [])
    assert not contains(response, "HelpMeUp")

    staff = person_factory(roles=[Role.STAFF])
    services.decide_affiliation(affiliation, staff, "verify")
    assert contains(home_of(client, partner), "HelpMeUp")
    services.decide_affiliation(affiliation, staff, "revoke", "Left the foundation")
    assert not contains(home_of(client, partner), "HelpMeUp")


def test_partner_without_organisation(client, person_factory):
    response = home_of(client, person_factory(roles=[Role.PARTNER]))
    assert section(response, Role.PARTNER).context["programmes"] == []
    assert contains(
        response, translated("fr", "Your organisation does not support a programme yet.")
    )


def test_site_contact_sees_their_sites(client, person_factory):
    contact = person_factory(roles=[Role.SITE_CONTACT])
    builders.site("Unité locale de Marseille", contact=contact)
    builders.site("EHPAD Les Mimosas", contact=contact)
    builders.site("Unité locale de Lille")
    response = home_of(client, contact)
    names = sorted(s.name for s in section(response, Role.SITE_CONTACT).context["sites"])
    assert names == ["EHPAD Les Mimosas", "Unité locale de Marseille"]
    assert contains(response, "EHPAD Les Mimosas")
    assert not contains(response, "Unité locale de Lille")


def test_moderator_sees_the_catalogue_section(client, person_factory):
    response = home_of(client, person_factory(roles=[Role.MODERATOR]))
    assert roles_shown(response) == [Role.MODERATOR]
    assert contains(response, translated("fr", "Innovation catalogue"))


def test_admin_sees_people_and_role_counts(client, person_factory, society):
    admin = person_factory(roles=[Role.ADMIN])
    person_factory(roles=[Role.MENTOR])
    person_factory(roles=[Role.MENTOR])
    services.declare_membership(
        person_factory(), national_society=society, status="volunteer", identifier="A-1"
    )
    response = home_of(client, admin)
    data = section(response, Role.ADMIN).context
    counts = dict(data["role_counts"])
    assert counts[Role.MENTOR.label] == 2
    assert counts[Role.ADMIN.label] == 1
    assert data["people_count"] == 4
    assert data["pending_count"] == 1
    assert reverse("admin:index") in response.content.decode()


def test_several_roles_give_several_sections_in_a_fixed_order(client, person_factory):
    someone = person_factory(roles=[Role.APPLICANT, Role.MENTOR, Role.STAFF, Role.REFERENT])
    response = home_of(client, someone)
    assert roles_shown(response) == [Role.STAFF, Role.REFERENT, Role.MENTOR, Role.APPLICANT]
    content = response.content.decode()
    assert content.count("<h1") == 1
    for role in roles_shown(response):
        assert f'id="section-{role}"' in content


def test_the_home_page_is_in_the_person_language(client, person_factory):
    maria = person_factory(roles=[Role.REFERENT], preferred_language="es")
    response = home_of(client, maria)
    assert html_lang(response) == "es"
    assert contains(response, translated("es", "Projects you follow"))


# --- Bounded queries ----------------------------------------------------------------------------


def grow(client, person, make, few=3, many=30):
    """The query count of `person`'s home page with `few` then `many` items made by `make`."""
    client.force_login(person)
    client.get(HOME)  # warm the session and the content types
    for index in range(few):
        make(index)
    small = count_queries(client)
    for index in range(few, many):
        make(index)
    large = count_queries(client)
    return small, large


def test_referent_home_queries_do_not_grow(client, person_factory, django_assert_max_num_queries):
    referent = person_factory(roles=[Role.REFERENT])
    mentor = person_factory(roles=[Role.MENTOR])
    small, large = grow(
        client, referent, lambda i: builders.project(referent=referent, mentors=[mentor])
    )
    assert small == large
    with django_assert_max_num_queries(20):
        client.get(HOME)


def test_mentor_home_queries_do_not_grow(client, person_factory):
    mentor = person_factory(roles=[Role.MENTOR])
    small, large = grow(client, mentor, lambda i: builders.project(mentors=[mentor]))
    assert small == large


def test_site_contact_home_queries_do_not_grow(client, person_factory):
    from tremplin.reference.models import BusinessLine

    lines = list(BusinessLine.objects.all()[:2])
    contact = person_factory(roles=[Role.SITE_CONTACT])
    small, large = grow(client, contact, lambda i: builders.site(contact=contact, lines=lines))
    assert small == large


def test_staff_home_queries_do_not_grow(
    client, person_factory, society, django_assert_max_num_queries
):
    staff = person_factory(roles=[Role.STAFF])

    def make(index):
        services.declare_membership(
            person_factory(), national_society=society, status="volunteer", identifier=f"S{index}"
        )
        builders.call()
        builders.call(state="upcoming")

    small, large = grow(client, staff, make)
    assert small == large
    with django_assert_max_num_queries(20):
        client.get(HOME)


def test_applicant_home_queries_do_not_grow(client, person_factory, society):
    applicant = person_factory(roles=[Role.APPLICANT])
    societies = [society] + [
        Organisation.objects.create(name=f"Société {i}", kind=Organisation.Kind.NATIONAL_SOCIETY)
        for i in range(30)
    ]

    def make(index):
        builders.call()
        builders.project(team=[applicant])
        services.declare_membership(
            applicant, national_society=societies[index], status="volunteer", identifier="X"
        )

    small, large = grow(client, applicant, make)
    assert small == large


def test_partner_home_queries_do_not_grow(client, person_factory):
    nexem = builders.organisation("Nexem")
    partner = person_factory(roles=[Role.PARTNER])
    verify_affiliation(partner, nexem)

    def make(index):
        supported = builders.programme(partners=[nexem])
        builders.project(prog=supported)

    small, large = grow(client, partner, make)
    assert small == large


def test_committee_home_queries_do_not_grow(client, person_factory):
    member = person_factory(roles=[Role.COMMITTEE])

    def make(index):
        builders.call(state="closed", days=5)
        builders.call()

    small, large = grow(client, member, make)
    assert small == large


def test_admin_home_queries_do_not_grow(client, person_factory):
    admin = person_factory(roles=[Role.ADMIN])
    small, large = grow(client, admin, lambda i: person_factory(roles=[Role.MENTOR]))
    assert small == large


def test_home_of_someone_with_every_role_has_bounded_queries(
    client, person_factory, society, django_assert_max_num_queries
):
    nexem = builders.organisation("Nexem")
    everyone = person_factory(roles=list(Role))
    verify_affiliation(everyone, nexem)

    def make(index):
        prog = builders.programme(partners=[nexem])
        builders.project(prog=prog, referent=everyone, mentors=[everyone], team=[everyone])
        builders.site(contact=everyone)
        builders.call(prog=prog)
        builders.call(state="closed", days=3)
        services.declare_membership(
            person_factory(), national_society=society, status="volunteer", identifier=f"E{index}"
        )

    small, large = grow(client, everyone, make)
    assert small == large
    with django_assert_max_num_queries(40):
        client.get(HOME)


def test_landing_page_queries_do_not_grow(client, django_assert_max_num_queries):
    client.get(HOME)
    for _ in range(3):
        builders.call()
    small = count_queries(client)
    for _ in range(27):
        builders.call()
        builders.call(state="upcoming")
    assert count_queries(client) == small
    with django_assert_max_num_queries(10):
        client.get(HOME)


def test_home_sections_can_be_built_without_a_request(person_factory):
    someone = person_factory(roles=list(Role))
    sections = sections_for(someone)
    assert [s.role for s in sections] == list(BUILDERS)
    for built in sections:
        assert built.template.startswith("home/_")


def test_an_open_call_shows_its_closing_time_in_the_call_time_zone(client, person):
    from datetime import UTC

    call = builders.call(title={"fr": "Appel Réunion"})
    call.time_zone = "Indian/Reunion"  # UTC+4 all year
    closes = (timezone.now() + timedelta(days=3)).astimezone(UTC)
    call.closes_at = closes.replace(hour=12, minute=34, second=0, microsecond=0)
    call.save()
    response = home_of(client, person)
    assert contains(response, "Appel Réunion")
    assert contains(response, "16:34")
    assert not contains(response, "12:34")
