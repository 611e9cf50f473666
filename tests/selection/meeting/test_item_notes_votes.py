"""The page of one agenda item: the application's summary (identity hidden when the call is
blind-reviewed, except for the chair and staff), the scores and the reviews' comments; the
shared notes saved with a version check; the votes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from tests.selection.meeting.conftest import member_of, open_meeting, review, reviewed
from tremplin.core.history import history_of
from tremplin.programmes.models import Question
from tremplin.programmes.services.form_builder import ensure_system_questions
from tremplin.selection.models import AgendaItem, SelectionSettings, Vote
from tremplin.selection.services import meeting as services
from tremplin.selection.services.meeting import MeetingRefused

pytestmark = pytest.mark.django_db


def item_url(item, name="agenda_item"):
    meeting = item.meeting
    return reverse(
        f"selection:{name}", kwargs={"slug": meeting.call.slug, "pk": meeting.pk, "item": item.pk}
    )


@pytest.fixture
def item(call, chair, reviewers):
    application = reviewed(
        call,
        reviewers,
        "Jardins partagés",
        [3.6, 4.2],
        organisation="Les Jardins Solidaires",
        name="Camille Martin",
    )
    application.frozen_answers = {
        "answers": {
            "need": {"text": "Des personnes isolées", "files": []},
            "organisation_name": {"text": "Les Jardins Solidaires", "files": []},
        }
    }
    application.save()

    ensure_system_questions(call)
    step = call.steps.first()
    Question.objects.create(
        call=call, step=step, key="need", kind="long_text", label={"fr": "Besoin", "en": "Need"}
    )
    meeting = open_meeting(call, chair)
    return meeting.items.get()


# --- Summary, scores, reviews ------------------------------------------------------------------


def test_the_item_page_shows_summary_scores_and_comments(client, item, chair):
    client.force_login(chair)
    response = client.get(item_url(item))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Jardins partagés" in page
    assert "Camille Martin" in page and "Les Jardins Solidaires" in page
    assert "Des personnes isolées" in page
    rows = response.context["page"].reviews
    assert sorted(row.score for row in rows) == [3.6, 4.2]
    assert [row.values for row in rows] == [[4, 3], [4, 3]]
    assert response.context["page"].mean == pytest.approx(3.9)
    assert "3,90" in page or "3.90" in page
    assert "Avis de Paul Lefèvre sur Jardins partagés" in page


@pytest.mark.parametrize("who", ["reviewer", "observer"])
def test_blind_review_hides_the_applicant_from_reviewers_and_observers(
    client, call, item, who, reviewers, observer
):
    SelectionSettings.objects.create(call=call, blind_review=True)
    client.force_login(reviewers[0] if who == "reviewer" else observer)
    page = client.get(item_url(item)).content.decode()
    assert "Jardins partagés" in page
    assert "Camille Martin" not in page
    assert "Les Jardins Solidaires" not in page
    assert "Des personnes isolées" in page
    minutes = client.get(
        reverse("selection:meeting_minutes", kwargs={"slug": call.slug, "pk": item.meeting_id})
    ).content.decode()
    assert "Les Jardins Solidaires" not in minutes


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_blind_review_does_not_hide_the_applicant_from_the_chair_and_staff(
    client, call, item, who, chair, staff
):
    SelectionSettings.objects.create(call=call, blind_review=True)
    client.force_login(chair if who == "chair" else staff)
    page = client.get(item_url(item)).content.decode()
    assert "Camille Martin" in page and "Les Jardins Solidaires" in page


def test_reviews_hidden_from_members_when_the_call_says_never(client, call, item, reviewers):
    SelectionSettings.objects.create(
        call=call, reviews_visibility=SelectionSettings.Visibility.NEVER
    )
    client.force_login(reviewers[0])
    page = client.get(item_url(item)).content.decode()
    assert "Avis de Paul Lefèvre" not in page
    assert "3,90" in page or "3.90" in page  # the mean stays


# --- Notes -------------------------------------------------------------------------------------


def test_two_members_saving_the_notes_at_once_do_not_overwrite_each_other(
    client, item, chair, reviewers
):
    first, second = Client(), client
    first.force_login(chair)
    second.force_login(reviewers[0])
    first_version = first.get(item_url(item)).context["notes_form"]["version"].value()
    second_version = second.get(item_url(item)).context["notes_form"]["version"].value()
    assert first_version == second_version

    saved = first.post(
        item_url(item, "agenda_notes"),
        {"notes": "Écrit par la présidente", "version": first_version},
    )
    assert saved.status_code == 302
    response = second.post(
        item_url(item, "agenda_notes"), {"notes": "Écrit par Paul", "version": second_version}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Écrit par la présidente" in page  # what is stored now, shown
    assert "Écrit par Paul" in page  # what this member typed, kept in the field
    assert response.context["notes_form"]["notes"].value() == "Écrit par Paul"
    item.refresh_from_db()
    assert item.notes == "Écrit par la présidente"
    # Saving again, now informed, replaces the notes knowingly.
    again = response.context["notes_form"]["version"].value()
    second.post(
        item_url(item, "agenda_notes"),
        {"notes": "Écrit par la présidente\nEt par Paul", "version": again},
    )
    item.refresh_from_db()
    assert item.notes == "Écrit par la présidente\nEt par Paul"
    assert item.notes_version == first_version + 2


def test_notes_service_refuses_a_stale_version_and_returns_the_stored_text(item, chair, reviewers):
    base = item.notes_version
    assert services.save_notes(item, chair, "Un", base).saved
    result = services.save_notes(item, reviewers[0], "Deux", base)
    assert not result.saved
    assert result.notes == "Un"
    assert result.version == base + 1
    assert AgendaItem.objects.get().notes == "Un"


# --- Votes -------------------------------------------------------------------------------------


def test_members_vote_when_the_chair_opens_the_vote(client, item, chair, reviewers, staff):
    with pytest.raises(MeetingRefused):
        services.cast_vote(item, reviewers[0], "selected")
    client.force_login(chair)
    client.post(item_url(item, "agenda_voting"), {"action": "open"})
    item.refresh_from_db()
    assert item.voting_open
    services.cast_vote(item, reviewers[0], "selected")
    services.cast_vote(item, reviewers[1], "waitlisted")
    services.cast_vote(item, reviewers[1], "rejected")  # a member changes their vote
    services.cast_vote(item, chair, "abstain")
    assert Vote.objects.count() == 3
    assert Vote.objects.get(member=member_of(item.meeting.call, reviewers[1])).choice == "rejected"

    tally = {
        value: number
        for value, _label, number in client.get(item_url(item)).context["page"].tally.counts
    }
    assert tally == {"selected": 1, "waitlisted": 0, "rejected": 1, "abstain": 1}

    client.force_login(staff)
    assert client.get(item_url(item)).context["page"].tally.total == 3

    client.force_login(reviewers[0])
    response = client.get(item_url(item))
    assert response.context["page"].tally is None  # members do not see the tally
    assert response.context["page"].own_vote.choice == "selected"
    response = client.post(item_url(item, "agenda_vote"), {"choice": "waitlisted"})
    assert response.status_code == 302
    assert (
        Vote.objects.get(member=member_of(item.meeting.call, reviewers[0])).choice == "waitlisted"
    )

    client.force_login(chair)
    client.post(item_url(item, "agenda_voting"), {"action": "close"})
    with pytest.raises(MeetingRefused):
        services.cast_vote(item, reviewers[0], "selected")


def test_observers_and_staff_without_a_seat_do_not_vote(client, item, chair, observer, staff):
    services.set_voting(item, chair, True)
    for person in (observer, staff):
        with pytest.raises(PermissionDenied):
            services.cast_vote(item, person, "selected")
        client.force_login(person)
        assert client.post(item_url(item, "agenda_vote"), {"choice": "selected"}).status_code == 403
    assert not Vote.objects.exists()


def test_only_the_chair_and_staff_open_a_vote(client, item, reviewers):
    client.force_login(reviewers[0])
    assert client.post(item_url(item, "agenda_voting"), {"action": "open"}).status_code == 403
    item.refresh_from_db()
    assert not item.voting_open


def test_a_vote_is_not_written_in_the_history(item, chair, reviewers):
    services.set_voting(item, chair, True)
    services.cast_vote(item, reviewers[0], "rejected")
    entries = [e for e in history_of(item) if e.action == "vote_cast"]
    assert len(entries) == 1
    assert "rejected" not in str(entries[0].data)


def test_scores_of_drafts_are_not_shown(client, call, chair, reviewers, item):
    review(item.application, chair, 1.0, submitted=False)
    client.force_login(chair)
    assert len(client.get(item_url(item)).context["page"].reviews) == 2
