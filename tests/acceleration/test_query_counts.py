"""List and dashboard pages read a fixed number of queries whatever their length."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tests.programmes import builders
from tremplin.acceleration.models import (
    CheckIn,
    FundingTranche,
    MentorProfile,
    Milestone,
    MilestoneFile,
)


def _add_projects(world, n):
    today = timezone.localdate()
    partner = builders.organisation()
    referent, mentor = world.people["referent"], world.people["mentor"]
    for _ in range(n):
        project = builders.project(
            prog=world.cohort.programme,
            seas=world.cohort.season,
            referent=referent,
            mentors=[mentor],
            team=[make_person()],
        )
        project.cohort = world.cohort
        project.save()
        for offset in (-3, 10):
            Milestone.objects.create(
                project=project, phase="needs", title="m", due_on=today + timedelta(days=offset)
            )
        CheckIn.objects.create(
            project=project, happens_at=timezone.now(), state=CheckIn.State.HELD, notes="n"
        )
        FundingTranche.objects.create(
            project=project, amount=Decimal("10.00"), partner=partner, planned_on=today
        )
        profile = MentorProfile.objects.create(person=make_person(), kind="volunteer")
        profile.business_lines.set(project.business_lines.all())


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("referent", lambda w: reverse("acceleration:my_projects")),
        ("mentor", lambda w: reverse("acceleration:my_projects")),
        ("staff", lambda w: reverse("acceleration:my_projects")),
        ("staff", lambda w: reverse("acceleration:cohorts")),
        ("staff", lambda w: reverse("acceleration:cohort", kwargs={"pk": w.cohort.pk})),
        ("staff", lambda w: reverse("acceleration:funding_totals")),
        ("staff", lambda w: reverse("acceleration:mentor_pool")),
    ],
)
def test_list_pages_do_not_grow(client, world, who, url, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people[who])
    _add_projects(world, 2)
    client.get(url(world))  # warm the content-type cache
    few = _count(client, url(world))
    _add_projects(world, 6)
    assert _count(client, url(world)) == few


def test_project_page_does_not_grow_with_milestones(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["referent"])
    url = reverse("acceleration:project", kwargs={"slug": world.project.slug})
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            milestone = Milestone.objects.create(
                project=world.project,
                phase="support",
                title=f"m{i}",
                due_on=today,
                owner=world.people["team"],
            )
            MilestoneFile.objects.create(
                milestone=milestone,
                file="x.pdf",
                original_name="x.pdf",
                content_type="application/pdf",
                size=1,
            )
            CheckIn.objects.create(project=world.project, happens_at=timezone.now(), state="held")

    add(2)
    client.get(url)  # warm the content-type cache
    few = _count(client, url)
    add(8)
    assert _count(client, url) == few
