"""The demo's season-4 entrepreneur call: staff run the assignment and every application gets
its reviewers (the demo's people share the reserved example.org domain, which is no
organisation's)."""

import pytest
from django.urls import reverse

from tremplin.accounts.models import Person
from tremplin.demo import dataset
from tremplin.programmes.models import Call
from tremplin.selection.queries import assignment as queries
from tremplin.selection.services import assignment as services

pytestmark = pytest.mark.django_db


def test_staff_run_the_demo_assignment(client, settings):
    settings.TREMPLIN_REQUIRE_MFA = False  # as in the demo
    dataset.load()
    call = Call.objects.get(slug="entrepreneurs-s4")
    staff = Person.objects.get(email="staff@example.org")

    outcome = services.run_assignment(call, staff)

    assert outcome.status == "optimal", queries.explain_run(
        queries.assignment_overview(call).last_run, call
    )
    overview = queries.assignment_overview(call)
    assert overview.counts.get("short", 0) == 0
    assert overview.assigned == overview.needed == 3 * len(overview.applications)
    assert all(not item.over for item in overview.loads)
    client.force_login(staff)
    response = client.get(reverse("selection:assignment", kwargs={"slug": call.slug}))
    assert response.status_code == 200
