"""Each page of a project for each role: staff, the project's referent, another referent, the
project's mentor, another mentor, a team member, another applicant, an anonymous visitor. Who
sees the project but not a page of it is refused (403); who may not see the project is told it
does not exist (404), so that nobody learns which projects there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tremplin.acceleration.models import LaureateProject

ROLES = ["staff", "referent", "other_referent", "mentor", "other_mentor", "team", "applicant", None]
ALL = {"staff", "referent", "mentor", "team"}
FOLLOW = {"staff", "referent"}
TEAM_SIDE = {"staff", "referent", "team"}

PAGES = {
    "project": ALL,
    "journal": TEAM_SIDE,
    "experts": TEAM_SIDE,
    "funding": FOLLOW,
    "people": FOLLOW,
    "outcome": FOLLOW,
    "milestone_add": FOLLOW,
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("who", ROLES)
def test_page_per_role(client, world, page, who, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    if who is not None:
        client.force_login(world.people[who])
    response = client.get(reverse(f"acceleration:{page}", kwargs={"slug": world.project.slug}))
    if who is None:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == (200 if who in PAGES[page] else 403 if who in ALL else 404)


@pytest.mark.parametrize("who", ROLES)
def test_alumni_publish_page_for_the_team_only(client, world, who, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    LaureateProject.objects.filter(pk=world.project.pk).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    if who is not None:
        client.force_login(world.people[who])
    response = client.get(reverse("acceleration:publish", kwargs={"slug": world.project.slug}))
    if who is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if who == "team" else 403 if who in ALL else 404)


@pytest.mark.parametrize("who", ROLES)
def test_staff_pages_for_staff_only(client, world, who, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    if who is not None:
        client.force_login(world.people[who])
    for name in ("cohorts", "funding_totals", "templates", "mentor_pool"):
        response = client.get(reverse(f"acceleration:{name}"))
        expected = 302 if who is None else (200 if who == "staff" else 403)
        assert response.status_code == expected, name


def test_team_keeps_its_page_after_the_end(client, world, settings):
    LaureateProject.objects.filter(pk=world.project.pk).update(
        ends_on=timezone.localdate() - timedelta(days=100), state="deployed"
    )
    client.force_login(world.people["team"])
    response = client.get(reverse("acceleration:project", kwargs={"slug": world.project.slug}))
    assert response.status_code == 200
    assert "Publish to the innovation catalogue" in response.content.decode()
