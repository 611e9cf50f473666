"""The demo dataset holds what DOMAIN.md names, and every demo account signs in and finds its
role's section on the home page; `generate` builds the network at its real size."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse

from tests.accounts.support import html_lang
from tremplin.acceleration.models import LaureateProject
from tremplin.accounts.models import Membership, Organisation, Person, Role
from tremplin.demo import dataset
from tremplin.network.models import ExperimentationSite
from tremplin.programmes import queries as programme_queries
from tremplin.programmes.models import Audience, Programme, Season
from tremplin.reference.models import Region

pytestmark = pytest.mark.django_db

SEASON_1 = {
    "intrapreneur": {"BackPack", "Croix-Rouge Mobilités", "MeHandYou", "Minutis"},
    "entrepreneur": {"Solinum", "Toutes Mes Aides", "T.zic", "WERO"},
}
SEASON_2 = {
    "intrapreneur": {"Rencontres aux Pot'âgés", "Change of View", "ESID", "Gulao"},
    "entrepreneur": {"Croix-Rouge Mobilités", "Arbitryum", "HelpMeUp", "ENOUMA", "AALIA.tech"},
}
PARTNERS = {"Nexem", "Fondation Roche", "Fondation Devoteam", "OETH", "APF France Handicap", "CCAH"}


@pytest.fixture
def demo(db):
    return dataset.load()


def laureates(season, track):
    names = set()
    for project in LaureateProject.objects.filter(season__number=season, track=track):
        # "Croix-Rouge Mobilités (véhicules partagés)" is the season-2 Croix-Rouge Mobilités.
        names.add(project.name.split(" (")[0])
    return names


def test_the_counts_the_loader_reports(demo):
    assert demo["programmes"] == Programme.objects.count() == 5
    assert demo["laureates"] == LaureateProject.objects.count()
    assert demo["sites"] == ExperimentationSite.objects.count()
    assert demo["people"] == Person.objects.count()


def test_five_programmes_one_for_members_and_thematic_ones(demo):
    programmes = {p.slug: p for p in Programme.objects.prefetch_related("partners")}
    assert set(programmes) == {"intrapreneurs", "entrepreneurs", "21-x-oeth", "impact-data", "21h"}
    assert programmes["intrapreneurs"].audience == Audience.MEMBERS
    assert programmes["entrepreneurs"].audience == Audience.OUTSIDERS
    assert {o.name for o in programmes["impact-data"].partners.all()} == {"Fondation Roche"}
    assert {o.name for o in programmes["21-x-oeth"].partners.all()} == {"OETH"}
    assert {o.name for o in programmes["21h"].partners.all()} == {"APF France Handicap", "CCAH"}
    for programme in programmes.values():
        assert programme.duration_months == 6
        for language in ("fr", "en", "es"):
            assert programme.name.in_language(language), (programme.slug, language)


def test_seasons_one_to_four_and_a_current_one_with_open_calls(demo):
    numbers = list(Season.objects.values_list("number", flat=True))
    assert {1, 2, 3, 4} <= set(numbers)
    opened = dict(Season.objects.values_list("number", "opened_on"))
    assert opened[1].isoformat() == "2019-05-21"
    assert opened[2].year == 2020 and opened[3].year == 2020
    open_calls = list(programme_queries.open_calls())
    assert open_calls
    # Every open call belongs to the latest (current) season.
    assert {call.season.number for call in open_calls} == {max(numbers)}
    # Older seasons' calls are closed.
    assert not programme_queries.open_calls().filter(season__number__in=[1, 2, 3]).exists()
    assert programme_queries.past_calls().filter(season__number=1).count() == 2


def test_the_named_laureates_of_seasons_one_and_two(demo):
    assert laureates(1, "intrapreneur") == SEASON_1["intrapreneur"]
    assert laureates(1, "entrepreneur") == SEASON_1["entrepreneur"]
    season_2 = {name for name in laureates(2, "entrepreneur") if name not in {"Arkhn", "Jalgos"}}
    assert laureates(2, "intrapreneur") == SEASON_2["intrapreneur"]
    assert season_2 == SEASON_2["entrepreneur"]
    named = sum(len(names) for names in (*SEASON_1.values(), *SEASON_2.values()))
    assert named == 17


def test_arkhn_and_jalgos_in_impact_data(demo):
    projects = LaureateProject.objects.filter(name__in=["Arkhn", "Jalgos"]).select_related(
        "programme", "organisation", "referent"
    )
    assert {p.name for p in projects} == {"Arkhn", "Jalgos"}
    for project in projects:
        assert project.programme.slug == "impact-data"
        assert "OQAPI" in project.pitch.in_language("fr")
        assert project.organisation.name == project.name
        assert project.referent is not None


def test_laureates_have_referents_mentors_and_a_six_month_acceleration(demo):
    for project in LaureateProject.objects.prefetch_related("mentors", "business_lines"):
        assert project.referent is not None, project.name
        assert project.referent.has_role(Role.REFERENT)
        assert list(project.mentors.all()), project.name
        assert list(project.business_lines.all()), project.name
        assert 180 <= (project.ends_on - project.starts_on).days <= 186
    minutis = LaureateProject.objects.get(name="Minutis")
    assert [p.email for p in minutis.team.all()] == ["minutis@example.org"]


def test_partners_and_national_societies(demo):
    partners = set(
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER).values_list("name", flat=True)
    )
    assert partners >= PARTNERS
    societies = Organisation.objects.filter(kind=Organisation.Kind.NATIONAL_SOCIETY)
    assert {"Croix-Rouge française", "Cruz Roja Española"} <= {s.name for s in societies}


def test_at_least_300_sites_covering_every_region(demo):
    sites = ExperimentationSite.objects.all()
    assert sites.count() >= 300
    assert set(sites.values_list("region__code", flat=True).distinct()) == set(
        Region.objects.values_list("code", flat=True)
    )
    kinds = set(sites.values_list("kind", flat=True).distinct())
    assert kinds == {ExperimentationSite.Kind.LOCAL_UNIT, ExperimentationSite.Kind.ESTABLISHMENT}
    # Each site is in the department's region.
    assert not sites.exclude(department__region=F("region")).exists()


def test_memberships_of_the_demo(demo):
    applicant = Person.objects.get(email="applicant@example.org")
    assert Membership.objects.get(person=applicant).state == Membership.State.VERIFIED
    assert Membership.objects.filter(state=Membership.State.PENDING).count() >= 3


def test_one_demo_account_per_role(demo):
    roles = [role for role, _email in dataset.DEMO_ACCOUNTS]
    assert sorted(roles) == sorted(Role.values)
    for role, email in dataset.DEMO_ACCOUNTS:
        person = Person.objects.get(email=email)
        assert person.has_role(role), (role, email)
        assert person.emailaddress_set.get().verified


def test_the_other_printed_accounts_exist_and_can_sign_in(client, settings, demo):
    settings.TREMPLIN_REQUIRE_MFA = False  # as in `tremplin demo`
    for _what, email in dataset.DEMO_MORE_ACCOUNTS:
        assert Person.objects.get(email=email).emailaddress_set.get().verified
        response = client.post(
            reverse("account_login"), {"login": email, "password": dataset.DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        client.logout()


@pytest.mark.parametrize(("role", "email"), dataset.DEMO_ACCOUNTS)
def test_each_demo_account_signs_in_and_sees_its_section(client, settings, demo, role, email):
    settings.TREMPLIN_REQUIRE_MFA = False  # as in `tremplin demo`
    response = client.post(
        reverse("account_login"), {"login": email, "password": dataset.DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == reverse("home:home")
    home = client.get(reverse("home:home"))
    assert home.status_code == 200
    sections = {s.role: s for s in home.context["sections"]}
    assert role in sections
    assert f'id="section-{role}"' in home.content.decode()
    person = Person.objects.get(email=email)
    assert html_lang(home) == person.preferred_language


def test_demo_sections_show_real_content(client, settings, demo):
    settings.TREMPLIN_REQUIRE_MFA = False

    def section(email, role):
        client.force_login(Person.objects.get(email=email))
        response = client.get(reverse("home:home"))
        return next(s for s in response.context["sections"] if s.role == role).context

    assert section("applicant@example.org", Role.APPLICANT)["open_calls"]
    assert section("staff@example.org", Role.STAFF)["pending_count"] >= 3
    referent_projects = section("referent@example.org", Role.REFERENT)["projects"]
    assert "Minutis" in {p.name for p in referent_projects}
    assert section("mentor@example.org", Role.MENTOR)["projects"]
    partner = section("partner@example.org", Role.PARTNER)
    assert partner["programmes"] and [o.name for o in partner["organisations"]] == ["Nexem"]
    assert section("staff@example.org", Role.STAFF)["pending_affiliations_count"] == 1
    assert section("site@example.org", Role.SITE_CONTACT)["sites"]
    assert section("admin@example.org", Role.ADMIN)["people_count"] >= 17


def test_demo_accounts_with_two_factor_required_outside_demo(client, demo):
    # Outside demo mode, the staff demo account would first have to set up two-factor.
    response = client.post(
        reverse("account_login"),
        {"login": "staff@example.org", "password": dataset.DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("home:home"))["Location"] == reverse("mfa_activate_totp")


def test_the_load_command_refuses_to_load_twice(demo):
    assert dataset.demo_data_loaded()
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert Programme.objects.count() == 5


def test_the_load_command_on_an_empty_database(db):
    assert not dataset.demo_data_loaded()
    call_command("load_demo", verbosity=0)
    assert dataset.demo_data_loaded()
    assert Person.objects.filter(email__in=[e for _r, e in dataset.DEMO_ACCOUNTS]).count() == 9


# --- Synthetic data at the network's real size --------------------------------------------------


def site_counts():
    return {
        kind: ExperimentationSite.objects.filter(kind=kind, name__contains="synthetic").count()
        for kind in ExperimentationSite.Kind.values
    }


def test_generate_scale_one_builds_the_real_network_and_is_repeatable(db):
    call_command("generate", "--scale", "1", verbosity=0)
    assert site_counts() == {"local_unit": 1037, "establishment": 577}
    assert ExperimentationSite.objects.count() == 1614
    people = Person.objects.count()
    assert people == 2000
    call_command("generate", "--scale", "1", verbosity=0)
    assert site_counts() == {"local_unit": 2 * 1037, "establishment": 2 * 577}
    assert Person.objects.count() == 2 * people
    assert Person.objects.values("email").distinct().count() == 2 * people
    # Every site lies in its department's region and has a code an import can update it by.
    assert not ExperimentationSite.objects.exclude(department__region=F("region")).exists()
    assert not ExperimentationSite.objects.filter(code__isnull=True).exists()


def test_generate_on_top_of_the_demo_adds_laureate_projects(demo):
    before = LaureateProject.objects.count()
    call_command("generate", "--scale", "1", verbosity=0)
    assert site_counts() == {"local_unit": 1037, "establishment": 577}
    assert LaureateProject.objects.count() == before + 500
    # The demo is still there and still signs in.
    assert dataset.demo_data_loaded()


def test_generated_people_cannot_sign_in(client, db):
    call_command("generate", "--scale", "1", verbosity=0)
    someone = Person.objects.filter(email__startswith="synthetic-").first()
    assert not someone.has_usable_password()
