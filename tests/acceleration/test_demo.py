"""The issue's "done means" with the demo data: the referent of Minutis sees its phase, an
overdue milestone and the last check-in; staff see the cohorts' funding totals; the mentor pool
holds the demo mentors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tremplin.acceleration.models import FundingTranche, LaureateProject, MentorProfile
from tremplin.accounts.models import Person
from tremplin.demo import dataset


@pytest.fixture
def demo(db):
    return dataset.load()


def test_referent_of_minutis_sees_phase_overdue_and_last_check_in(client, demo, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    referent = Person.objects.get(email="referent@example.org")
    referent.preferred_language = "en"
    referent.save()
    client.force_login(referent)
    minutis = LaureateProject.objects.get(name="Minutis")
    dashboard = client.get(reverse("acceleration:my_projects")).content.decode()
    assert "Minutis" in dashboard and "Conception de la solution" in dashboard
    page = client.get(reverse("acceleration:project", kwargs={"slug": minutis.slug}))
    html = page.content.decode()
    assert "Find solutions" in html  # the current phase
    assert "overdue" in html and "Conception de la solution" in html
    assert "Last check-in" in html and "consulter un juriste" in html


def test_staff_see_funding_totals_and_the_pool(client, demo, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    staff = Person.objects.get(email="staff@example.org")
    staff.preferred_language = "en"
    staff.save()
    client.force_login(staff)
    html = client.get(reverse("acceleration:funding_totals")).content.decode()
    assert "By cohort" in html and "Nexem" in html
    assert demo["cohorts"] >= 4 and demo["funding tranches"] == 2 * demo["laureates"]
    assert FundingTranche.objects.exists()
    emails = set(MentorProfile.objects.values_list("person__email", flat=True))
    assert {"mentor@example.org", "mentor2@example.org"} <= emails
