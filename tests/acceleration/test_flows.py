"""Pages used end to end: creating projects from a call, moving a milestone, sending a file,
writing the journal, funding, outcome, publishing; refused input keeps what was typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests import zip_samples
from tests.programmes import builders
from tremplin.acceleration.models import CheckIn, LaureateProject, Milestone, Phase
from tremplin.acceleration.services import milestones
from tremplin.applications.models import Application, State
from tremplin.core import history

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, world, **kwargs):
    return reverse(f"acceleration:{name}", kwargs={"slug": world.project.slug, **kwargs})


def test_staff_create_projects_from_a_call_page_twice(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    call = builders.call(state="closed")
    lead = world.people["applicant"]
    Application.objects.create(
        call=call, applicant=lead, applicant_name=str(lead), title="ESID", state=State.SELECTED
    )
    client.force_login(world.people["staff"])
    url = reverse("acceleration:create_from_call", kwargs={"slug": call.slug})
    assert "ESID" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "1 laureate project created." in response.content.decode()
    response = client.post(url, follow=True)
    assert "Nothing to create" in response.content.decode()
    assert LaureateProject.objects.filter(name="ESID").count() == 1


def test_team_moves_and_files_a_milestone_and_referent_validates(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    milestone = milestones.add_milestone(
        world.project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="Interviews",
        due_on=timezone.localdate(),
    )
    client.force_login(world.people["team"])
    client.post(_url("milestone_status", world, pk=milestone.pk), {"transition": "deliver"})
    response = client.post(
        _url("milestone_file", world, pk=milestone.pk),
        {"file": SimpleUploadedFile("notes.exe", b"MZ\x90\x00binary")},
        follow=True,
    )
    assert "not of an accepted type" in response.content.decode()
    client.post(
        _url("milestone_file", world, pk=milestone.pk),
        {"file": SimpleUploadedFile("report.pdf", PDF)},
    )
    response = client.post(
        _url("milestone_status", world, pk=milestone.pk), {"transition": "validate"}, follow=True
    )
    # The team's own deliverable: validated by someone else (four eyes), and the page says so.
    assert "You cannot decide on your own work" in response.content.decode()
    client.force_login(world.people["referent"])
    client.post(_url("milestone_status", world, pk=milestone.pk), {"transition": "validate"})
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.VALIDATED
    attached = milestone.files.get()
    download = client.get(_url("milestone_file_download", world, pk=milestone.pk, file=attached.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(world.people["mentor"])
    assert (
        client.get(
            _url("milestone_file_download", world, pk=milestone.pk, file=attached.pk)
        ).status_code
        == 200
    )
    client.force_login(world.people["other_mentor"])
    assert (
        client.get(
            _url("milestone_file_download", world, pk=milestone.pk, file=attached.pk)
        ).status_code
        == 404
    )


@pytest.mark.parametrize("name", sorted(zip_samples.HOSTILE))
def test_zip_bombs_sent_as_deliverables_are_refused_in_bounded_memory(
    client, world, settings, name
):
    settings.TREMPLIN_REQUIRE_MFA = False
    milestone = milestones.add_milestone(
        world.project,
        world.people["referent"],
        phase=Phase.NEEDS,
        title="Interviews",
        due_on=timezone.localdate(),
    )
    client.force_login(world.people["team"])
    client.get(
        reverse("acceleration:project", kwargs={"slug": world.project.slug})
    )  # the page's own first loads are not counted
    build, expected = zip_samples.HOSTILE[name]
    with zip_samples.memory_peak() as memory:
        response = client.post(
            _url("milestone_file", world, pk=milestone.pk),
            {"file": SimpleUploadedFile(name, build())},
        )
    assert memory["peak"] < 20 * 1024 * 1024
    assert expected in client.get(response["Location"]).content.decode()
    assert not milestone.files.exists()


def test_journal_form_keeps_what_was_typed(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["team"])
    response = client.post(
        _url("journal", world),
        {"kind": "meeting", "happens_at": "not a date", "notes": "We met the site"},
    )
    assert response.status_code == 200
    assert "We met the site" in response.content.decode()
    assert not CheckIn.objects.exists()
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(_url("journal", world), {"kind": "meeting", "happens_at": when})
    assert CheckIn.objects.get().state == CheckIn.State.SCHEDULED


def test_outcome_form_keeps_lessons_and_records(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["referent"])
    response = client.post(_url("outcome", world), {"outcome": "deploy", "lessons": "Good pilots"})
    assert response.status_code == 200 and "Good pilots" in response.content.decode()
    client.post(_url("outcome", world), {"outcome": "deploy", "sites": "4"})
    world.project.refresh_from_db()
    assert world.project.state == "deployed" and world.project.deployed_sites == 4


def test_tranche_edit_records_before_and_after(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["staff"])
    client.post(_url("funding", world), {"amount": "1500.50", "planned_on": "2026-02-01"})
    tranche = world.project.tranches.get()
    response = client.post(
        _url("tranche_edit", world, pk=tranche.pk),
        {"amount": "abc", "conditions": "Kept text", "planned_on": "2026-02-01"},
    )
    assert "Kept text" in response.content.decode()
    client.post(
        _url("tranche_edit", world, pk=tranche.pk),
        {"amount": "1600", "planned_on": "2026-02-01", "disbursed_on": "2026-02-03"},
    )
    entry = history.history_of(world.project).get(action="acceleration:tranche_changed")
    assert (
        entry.data["before"]["amount"] == "1500.50" and entry.data["after"]["amount"] == "1600.00"
    )


def test_alumni_publish_in_one_click(client, world, settings):
    world.project.state = "deployed"
    world.project.save()
    client.force_login(world.people["team"])
    response = client.post(_url("publish", world))
    assert response.status_code == 302 and "/drafts/" in response["Location"]
    world.project.refresh_from_db()
    assert world.project.innovation is not None
    again = client.post(_url("publish", world))
    assert again["Location"] == response["Location"]


def test_staff_add_a_mentor_to_the_pool_and_assign(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["staff"])
    newcomer = world.people["applicant"]
    response = client.post(
        reverse("acceleration:mentor_add"),
        {
            "person": newcomer.pk,
            "kind": "sponsorship",
            "max_projects": "2",
            "availability": "Mondays",
        },
    )
    assert response.status_code == 200 and "Mondays" in response.content.decode()  # no partner
    client.post(
        reverse("acceleration:mentor_add"),
        {"person": newcomer.pk, "kind": "volunteer", "max_projects": "2", "available": "on"},
    )
    client.post(_url("mentor_assign", world), {"mentor": newcomer.pk})
    assert newcomer in world.project.mentors.all()
    client.post(_url("mentor_remove", world), {"mentor": newcomer.pk})
    assert newcomer not in world.project.mentors.all()


def test_amounts_shown_to_the_cent(client, world, settings):
    settings.TREMPLIN_REQUIRE_MFA = False
    client.force_login(world.people["staff"])
    client.post(_url("funding", world), {"amount": "10000.05", "planned_on": "2026-02-01"})
    client.post(_url("funding", world), {"amount": "0.10", "planned_on": "2026-03-01"})
    assert "10,000.15" in client.get(_url("funding", world)).content.decode()
    assert "10,000.15" in client.get(reverse("acceleration:funding_totals")).content.decode()
