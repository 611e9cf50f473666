"""The minutes (date, place, members present, for each item the scores, notes, tally and
decision with its reason; no message for the applicant), attendance, and conflicts of
interest: a conflicted member never sees the item (404 on its page, absent from the agenda and
the minutes) and cannot vote on it or write its notes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.selection.meeting.conftest import member_of, open_meeting, reviewed
from tremplin.accounts.models import Organisation
from tremplin.selection.models import Conflict
from tremplin.selection.services import meeting as services
from tremplin.selection.services.decisions import decide

pytestmark = pytest.mark.django_db


def meeting_url(name, meeting, **extra):
    return reverse(
        f"selection:{name}", kwargs={"slug": meeting.call.slug, "pk": meeting.pk, **extra}
    )


@pytest.fixture
def meeting(call, staff, chair, reviewers):
    """Two items, the second with notes, votes and a decision."""
    reviewed(call, reviewers, "Cuisine mobile", [3.25, 3.75])
    reviewed(call, reviewers, "Répit aidants", [4.5, 4.0])
    meeting = open_meeting(call, staff, place="Montrouge, salle 2")
    item = meeting.items.get(application__title="Répit aidants")
    item.meeting.call = call
    services.save_notes(item, chair, "Fort besoin en outre-mer.", item.notes_version)
    services.set_voting(item, chair, True)
    services.cast_vote(item, reviewers[0], "selected")
    services.cast_vote(item, reviewers[1], "selected")
    services.cast_vote(item, chair, "abstain")
    decide(item, staff, "selected", "Impact démontré à La Réunion.", "Bravo à l'équipe")
    return meeting


def test_the_minutes_say_what_was_decided_and_why(
    client, meeting, staff, chair, reviewers, observer
):
    present = [member_of(meeting.call, p).pk for p in (chair, reviewers[0])]
    client.force_login(chair)
    client.post(meeting_url("meeting_attendance", meeting), {"present": present})
    response = client.get(meeting_url("meeting_minutes", meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Montrouge, salle 2" in page
    minutes = response.context["minutes"]
    assert [m.person_name for m in minutes.present] == ["Amina Diallo", "Paul Lefèvre"]
    assert {m.person_name for m in minutes.absent} == {"Isabelle Martin", "Claire Dubois"}
    assert [entry.item.application.title for entry in minutes.items] == [
        "Répit aidants",
        "Cuisine mobile",
    ]
    first = minutes.items[0]
    assert first.mean == pytest.approx(4.25)
    assert first.tally.total == 3
    assert {v: n for v, _label, n in first.tally.counts}["selected"] == 2
    assert "Fort besoin en outre-mer." in page
    assert "Impact démontré à La Réunion." in page
    assert "Bravo à l'équipe" not in page and "Bravo à l&#x27;équipe" not in page
    assert "4,25" in page or "4.25" in page
    assert 'class="minutes"' in page  # the print stylesheet applies to it


def test_attendance_not_marked_is_said(client, meeting, chair):
    client.force_login(chair)
    assert (
        not client.get(meeting_url("meeting_minutes", meeting)).context["minutes"].attendance_marked
    )


def test_only_the_chair_and_staff_mark_attendance(client, meeting, reviewers):
    client.force_login(reviewers[0])
    assert (
        client.post(meeting_url("meeting_attendance", meeting), {"present": []}).status_code == 403
    )


@pytest.fixture
def conflicted(call, meeting, reviewers):
    """The first reviewer declared a conflict with "Répit aidants"."""
    item = meeting.items.get(application__title="Répit aidants")
    Conflict.objects.create(
        member=member_of(call, reviewers[0]),
        application=item.application,
        source=Conflict.Source.DECLARED,
        reason="Ancienne collègue",
    )
    item.meeting.call = call
    return item


def test_a_conflicted_member_never_sees_the_item(client, meeting, conflicted, reviewers):
    client.force_login(reviewers[0])
    assert client.get(meeting_url("agenda_item", meeting, item=conflicted.pk)).status_code == 404
    agenda = client.get(meeting_url("meeting", meeting))
    assert [i.application.title for i in agenda.context["items"]] == ["Cuisine mobile"]
    assert "Répit aidants" not in agenda.content.decode()
    minutes = client.get(meeting_url("meeting_minutes", meeting))
    page = minutes.content.decode()
    assert "Répit aidants" not in page
    assert "Fort besoin en outre-mer." not in page
    assert "Impact démontré" not in page
    # The other item's page does not link to it either.
    other = meeting.items.get(application__title="Cuisine mobile")
    item_page = client.get(meeting_url("agenda_item", meeting, item=other.pk))
    assert item_page.context["page"].previous is None
    assert item_page.context["page"].next is None
    for name, data in (
        ("agenda_notes", {"notes": "x", "version": conflicted.notes_version}),
        ("agenda_vote", {"choice": "selected"}),
    ):
        response = client.post(meeting_url(name, meeting, item=conflicted.pk), data)
        assert response.status_code == 404


def test_a_conflicted_member_cannot_vote_or_write_notes(meeting, conflicted, reviewers):
    conflicted.voting_open = True
    conflicted.save()
    # A fresh person, as in a new request (seats and conflicts are cached for one request).
    member = type(reviewers[0]).objects.get(pk=reviewers[0].pk)
    with pytest.raises(PermissionDenied):
        services.cast_vote(conflicted, member, "rejected")
    with pytest.raises(PermissionDenied):
        services.save_notes(conflicted, member, "x", conflicted.notes_version)


def test_the_others_still_see_the_item(client, meeting, conflicted, reviewers, chair):
    for person in (reviewers[1], chair):
        client.force_login(person)
        assert (
            client.get(meeting_url("agenda_item", meeting, item=conflicted.pk)).status_code == 200
        )


def test_a_conflict_on_the_organisation_hides_the_item_too(client, call, meeting, reviewers):
    item = meeting.items.get(application__title="Cuisine mobile")
    item.application.organisation_name = "Les Marmites"
    item.application.save()
    Conflict.objects.create(
        member=member_of(call, reviewers[1]),
        organisation=Organisation.objects.create(name="Les Marmites", kind="association"),
        source=Conflict.Source.DECLARED,
        reason="Administrateur",
    )
    client.force_login(reviewers[1])
    assert client.get(meeting_url("agenda_item", meeting, item=item.pk)).status_code == 404
