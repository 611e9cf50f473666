"""The acceleration pages: each role sees what it may; bad input keeps what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tremplin.acceleration.models import CheckIn, Milestone, Phase
from tremplin.acceleration.services import journal, milestones

VIEWERS = ["staff", "referent", "mentor", "team"]
OUTSIDERS = ["other_referent", "other_mentor", "applicant"]


def _login(client, world, who):
    client.force_login(world.people[who])
    return client


def _page(world):
    return reverse("acceleration:project", kwargs={"slug": world.project.slug})


@pytest.fixture
def filled(world):
    referent, today = world.people["referent"], timezone.localdate()
    milestones.add_milestone(
        world.project,
        referent,
        phase=Phase.NEEDS,
        title="Field interviews",
        due_on=today - timedelta(days=5),
    )
    journal.write_check_in(
        world.project,
        referent,
        kind=CheckIn.Kind.MEETING,
        happens_at=timezone.now() - timedelta(days=2),
        notes="Secret-ish notes",
        decisions="Test in two sites",
    )
    world.project.internal_notes = "Internal: the team is tired"
    world.project.save()
    return world


@pytest.mark.parametrize("who", VIEWERS)
def test_project_page_for_each_role(client, filled, who, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    response = _login(client, filled, who).get(_page(filled))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Field interviews" in html and "Identify needs" in html
    sees_notes = who in ("staff", "referent")
    assert ("Internal: the team is tired" in html) is sees_notes
    assert ("Financial package" in html) is sees_notes
    sees_journal = who != "mentor"
    assert ("Test in two sites" in html) is sees_journal


@pytest.mark.parametrize("who", OUTSIDERS)
def test_project_page_refused_to_others(client, filled, who):
    """As if the project did not exist: nobody learns which projects there are."""
    response = _login(client, filled, who).get(_page(filled))
    assert response.status_code == 404


def test_project_page_asks_anonymous_to_sign_in(client, filled):
    response = client.get(_page(filled))
    assert response.status_code == 302 and "login" in response["Location"]


def test_mentors_see_only_their_projects(client, filled, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    _login(client, filled, "mentor")
    response = client.get(reverse("acceleration:my_projects"))
    html = response.content.decode()
    assert "Minutis" in html and "BackPack" not in html
    other = reverse("acceleration:project", kwargs={"slug": filled.other_project.slug})
    assert client.get(other).status_code == 404


def test_referent_dashboard_shows_overdue_and_phase(client, filled, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    html = (
        _login(client, filled, "referent").get(reverse("acceleration:my_projects")).content.decode()
    )
    assert "Overdue milestones" in html and "Field interviews" in html and "Identify needs" in html
    html = (
        _login(client, filled, "other_referent")
        .get(reverse("acceleration:my_projects"))
        .content.decode()
    )
    assert "Field interviews" not in html


def test_bad_milestone_keeps_what_was_typed(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    url = reverse("acceleration:milestone_add", kwargs={"slug": world.project.slug})
    response = _login(client, world, "referent").post(
        url,
        {
            "phase": "needs",
            "title": "Prototype shown to users",
            "deliverables": "A video",
            "due_on": "31/31/2026",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Prototype shown to users" in html and "A video" in html and "errorlist" in html
    assert not Milestone.objects.exists()


def test_bad_tranche_keeps_what_was_typed(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    url = reverse("acceleration:funding", kwargs={"slug": world.project.slug})
    response = _login(client, world, "staff").post(
        url, {"amount": "-5", "conditions": "After the pilot", "planned_on": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "After the pilot" in response.content.decode()
    assert not world.project.tranches.exists()


def test_all_project_pages_render_for_staff(client, filled, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    _login(client, filled, "staff")
    slug = filled.project.slug
    for name in ("journal", "people", "experts", "funding", "outcome", "milestone_add"):
        assert (
            client.get(reverse(f"acceleration:{name}", kwargs={"slug": slug})).status_code == 200
        ), name
    for name in (
        "cohorts",
        "funding_totals",
        "templates",
        "mentor_pool",
        "mentor_add",
        "my_projects",
    ):
        assert client.get(reverse(f"acceleration:{name}")).status_code == 200, name
    assert (
        client.get(reverse("acceleration:cohort", kwargs={"pk": filled.cohort.pk})).status_code
        == 200
    )


def test_project_page_names_former_members(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    team = world.people["team"]
    milestone = milestones.add_milestone(
        world.project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="Interviews",
        due_on=timezone.localdate(),
        owner=team,
    )
    milestones.fire_milestone(milestone, team, "deliver")
    team.delete()
    client.force_login(world.people["referent"])
    html = client.get(_page(world)).content.decode()
    assert html.count("Antoine Chevalier (former member)") >= 2  # owner and history
