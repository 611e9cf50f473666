"""Meetings of a call: planned → open → closed, checked and recorded; the agenda built in the
ranking order, reordered by hand, items added and removed; who may do it; pages in a bounded
number of queries."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.programmes import builders
from tests.selection.meeting.conftest import (
    application,
    messages_of,
    open_meeting,
    review,
    reviewed,
    seat,
)
from tremplin.applications.models import State
from tremplin.core.history import history_of
from tremplin.core.workflow import TransitionNotAllowed
from tremplin.selection.models import (
    AgendaItem,
    CommitteeMember,
    Decision,
    Meeting,
    ReviewCriterion,
)
from tremplin.selection.queries.meeting import agenda_order
from tremplin.selection.services import meeting as services
from tremplin.selection.services.meeting import MeetingRefused

pytestmark = pytest.mark.django_db


def meeting_url(name, meeting, **extra):
    return reverse(
        f"selection:{name}", kwargs={"slug": meeting.call.slug, "pk": meeting.pk, **extra}
    )


def titles(meeting):
    return list(meeting.items.order_by("position").values_list("application__title", flat=True))


# --- Planning and the state machine ------------------------------------------------------------


def test_staff_plan_a_meeting_in_the_calls_time_zone(client, call, staff):
    call.time_zone = "America/Martinique"
    call.save()
    client.force_login(staff)
    response = client.post(
        reverse("selection:meeting_plan", kwargs={"slug": call.slug}),
        {"scheduled_for": "2025-06-12T14:30", "place": "Salle Henry Dunant"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting_url("meeting", meeting)
    local = timezone.localtime(meeting.scheduled_for, call.tz)
    assert (local.hour, local.minute, local.day) == (14, 30, 12)
    assert meeting.state == Meeting.State.PLANNED
    assert meeting.place == "Salle Henry Dunant"
    assert [e.action for e in history_of(meeting)] == ["meeting_planned"]


def test_a_bad_date_is_said_next_to_the_field_and_the_place_kept(client, call, chair):
    client.force_login(chair)
    response = client.post(
        reverse("selection:meeting_plan", kwargs={"slug": call.slug}),
        {"scheduled_for": "demain", "place": "Montrouge"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["scheduled_for"]
    assert 'value="Montrouge"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_planned_open_closed_each_transition_checked_and_recorded(call, chair, staff):
    meeting = services.plan_meeting(call, chair, scheduled_for=timezone.now())
    with pytest.raises(TransitionNotAllowed):
        services.fire_meeting(meeting, chair, "close")
    services.fire_meeting(meeting, chair, "open")
    assert Meeting.objects.get().state == Meeting.State.OPEN
    with pytest.raises(TransitionNotAllowed):
        services.fire_meeting(meeting, staff, "open")
    services.fire_meeting(meeting, staff, "close")
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.CLOSED
    with pytest.raises(TransitionNotAllowed):
        services.fire_meeting(meeting, staff, "open")
    entries = list(history_of(meeting).order_by("at", "pk"))
    transitions = [(e.action, e.from_state, e.to_state, e.actor) for e in entries[1:]]
    assert transitions == [
        ("transition:open", "planned", "open", chair),
        ("transition:close", "open", "closed", staff),
    ]


def test_only_the_chair_and_staff_run_a_meeting(call, chair, reviewers, observer):
    with pytest.raises(PermissionDenied):
        services.plan_meeting(call, reviewers[0], scheduled_for=timezone.now())
    meeting = services.plan_meeting(call, chair, scheduled_for=timezone.now())
    for person in (reviewers[0], observer):
        with pytest.raises(PermissionDenied):
            services.fire_meeting(meeting, person, "open")
        with pytest.raises(PermissionDenied):
            services.build_agenda(meeting, person)
    assert Meeting.objects.get().state == Meeting.State.PLANNED


def test_open_and_close_from_the_agenda_page(client, call, chair):
    meeting = services.plan_meeting(call, chair, scheduled_for=timezone.now())
    client.force_login(chair)
    page = client.get(meeting_url("meeting", meeting)).content.decode()
    assert 'value="open"' in page and 'value="close"' not in page
    client.post(meeting_url("meeting_state", meeting), {"transition": "open"})
    page = client.get(meeting_url("meeting", meeting)).content.decode()
    assert 'value="close"' in page and 'value="open"' not in page
    response = client.post(
        meeting_url("meeting_state", meeting), {"transition": "open"}, follow=True
    )
    assert [level for level, _text in messages_of(response)] == ["error"]
    assert Meeting.objects.get().state == Meeting.State.OPEN


def test_closing_closes_the_votes_still_open(call, chair, reviewers):
    reviewed(call, reviewers, "Jardins", [3.0])
    meeting = open_meeting(call, chair)
    item = meeting.items.get()
    services.set_voting(item, chair, True)
    services.fire_meeting(meeting, chair, "close")
    assert not AgendaItem.objects.get().voting_open


def test_a_closed_meeting_no_longer_changes(call, chair, reviewers):
    reviewed(call, reviewers, "Jardins", [3.0])
    meeting = open_meeting(call, chair)
    item = meeting.items.get()
    services.fire_meeting(meeting, chair, "close")
    meeting.refresh_from_db()
    with pytest.raises(MeetingRefused):
        services.move_item(item, chair, "down")
    with pytest.raises(MeetingRefused):
        services.remove_item(item, chair)
    with pytest.raises(MeetingRefused):
        services.save_notes(item, chair, "Trop tard", item.notes_version)
    with pytest.raises(MeetingRefused):
        services.change_meeting(meeting, chair, scheduled_for=timezone.now(), place="Ailleurs")


# --- The agenda --------------------------------------------------------------------------------


def test_the_agenda_follows_the_ranking_order(call, chair, reviewers):
    low = reviewed(call, reviewers, "Moyen", [2.0, 3.0])
    high = reviewed(call, reviewers, "Excellent", [4.5, 4.0])
    unscored = application(call, "Pas encore noté")
    shortlisted = reviewed(call, reviewers, "Présélectionné", [3.5], state=State.SHORTLISTED)
    review(unscored, reviewers[0], 5.0, submitted=False)  # a draft does not count
    # Not on the agenda: not in review, or already decided, or another call's.
    application(call, "Éligible", state=State.ELIGIBLE)
    application(call, "Retiré", state=State.WITHDRAWN)
    decided = reviewed(call, reviewers, "Déjà décidé", [5.0], state=State.SHORTLISTED)
    Decision.objects.create(application=decided, outcome="selected", reason="Vu")
    assert agenda_order(call) == [high.pk, shortlisted.pk, low.pk, unscored.pk]
    meeting = services.plan_meeting(call, chair, scheduled_for=timezone.now())
    assert services.build_agenda(meeting, chair) == 4
    assert titles(meeting) == ["Excellent", "Présélectionné", "Moyen", "Pas encore noté"]
    assert list(meeting.items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    # Building again adds only what is new, at the end.
    assert services.build_agenda(meeting, chair) == 0
    late = reviewed(call, reviewers, "Arrivé tard", [5.0])
    assert services.build_agenda(meeting, chair) == 1
    assert titles(meeting)[-1] == "Arrivé tard"
    assert late.pk in set(meeting.items.values_list("application_id", flat=True))
    assert "agenda_built" in [e.action for e in history_of(meeting)]


def test_move_buttons_reorder_the_agenda(client, call, chair, reviewers):
    for title, score in (("A", 4.0), ("B", 3.0), ("C", 2.0)):
        reviewed(call, reviewers, title, [score])
    meeting = open_meeting(call, chair)
    client.force_login(chair)
    c = meeting.items.get(application__title="C")
    client.post(meeting_url("agenda_move", meeting, item=c.pk), {"direction": "up"})
    assert titles(meeting) == ["A", "C", "B"]
    client.post(meeting_url("agenda_move", meeting, item=c.pk), {"direction": "up"})
    assert titles(meeting) == ["C", "A", "B"]
    # Already first: nothing moves.
    response = client.post(meeting_url("agenda_move", meeting, item=c.pk), {"direction": "up"})
    assert response.status_code == 302
    assert titles(meeting) == ["C", "A", "B"]
    a = meeting.items.get(application__title="A")
    client.post(meeting_url("agenda_move", meeting, item=a.pk), {"direction": "down"})
    assert titles(meeting) == ["C", "B", "A"]
    page = client.get(meeting_url("meeting", meeting)).content.decode()
    assert page.index(">C<") < page.index(">B<") < page.index(">A<")


def test_add_and_remove_items_by_hand(client, call, chair, reviewers):
    reviewed(call, reviewers, "A", [4.0])
    meeting = services.plan_meeting(call, chair, scheduled_for=timezone.now())
    extra = reviewed(call, reviewers, "B", [3.0])
    client.force_login(chair)
    page = client.get(meeting_url("meeting", meeting))
    assert [pk for pk, _label in page.context["add_form"].fields["application"].choices] == [
        a.pk for a in [extra.call.applications.get(title="A"), extra]
    ]
    client.post(meeting_url("agenda_add", meeting), {"application": extra.pk})
    assert titles(meeting) == ["B"]
    client.post(meeting_url("agenda_build", meeting))
    assert titles(meeting) == ["B", "A"]
    item = meeting.items.get(application=extra)
    client.post(meeting_url("agenda_remove", meeting, item=item.pk))
    assert titles(meeting) == ["A"]
    assert meeting.items.get().position == 1
    # Something not in review cannot be added.
    eligible = application(call, "Éligible", state=State.ELIGIBLE)
    response = client.post(meeting_url("agenda_add", meeting), {"application": eligible.pk})
    assert response.status_code == 302
    assert titles(meeting) == ["A"]


def test_an_item_with_notes_stays_on_the_agenda(call, chair, reviewers):
    reviewed(call, reviewers, "A", [4.0])
    meeting = open_meeting(call, chair)
    item = meeting.items.get()
    services.save_notes(item, chair, "Projet solide", item.notes_version)
    with pytest.raises(MeetingRefused):
        services.remove_item(item, chair)
    assert meeting.items.count() == 1


def test_reviewers_see_the_agenda_but_not_its_controls(client, call, chair, reviewers):
    reviewed(call, reviewers, "A", [4.0])
    meeting = open_meeting(call, chair)
    client.force_login(reviewers[0])
    response = client.get(meeting_url("meeting", meeting))
    page = response.content.decode()
    assert response.status_code == 200
    assert ">A<" in page
    assert "agenda/build" not in page and "/move/" not in page
    assert client.post(meeting_url("agenda_build", meeting)).status_code == 403
    list_page = client.get(reverse("selection:meetings", kwargs={"slug": call.slug}))
    assert list_page.status_code == 200
    assert meeting_url("meeting", meeting) in list_page.content.decode()


# --- Bounded queries ---------------------------------------------------------------------------


def _meeting_with(call, chair, reviewers, count):
    for n in range(count):
        reviewed(call, reviewers, f"Projet {n:02d}", [3.0, 4.0])
    meeting = open_meeting(call, chair)
    for item in meeting.items.all()[:3]:
        services.save_notes(item, chair, "Discuté", item.notes_version)
        services.set_voting(item, chair, True)
        services.cast_vote(item, reviewers[0], "selected")
    services.mark_attendance(meeting, chair, [m.pk for m in call.committee.all()])
    return meeting


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["chair", "reviewer"])
@pytest.mark.parametrize("page", ["meeting", "meeting_minutes"])
def test_agenda_and_minutes_read_the_same_number_of_queries_for_5_and_40_items(
    client, call, chair, reviewers, page, who, django_assert_max_num_queries
):
    """For the chair, and for a member, whose view of the reviews is decided per application
    (selection/visibility.py)."""
    viewer = chair if who == "chair" else reviewers[0]
    small = _meeting_with(call, chair, reviewers, 5)
    client.force_login(viewer)
    client.get(meeting_url(page, small))  # caches warmed (content types)
    few = _queries(client, meeting_url(page, small))
    # A second call with the same committee and 40 items.
    other = builders.call(state="closed")
    for criterion in ReviewCriterion.objects.filter(call=call):
        ReviewCriterion.objects.create(
            call=other, position=criterion.position, label=criterion.label, weight=criterion.weight
        )
    seat(other, chair, CommitteeMember.Role.CHAIR)
    for person in reviewers:
        seat(other, person)
    large = _meeting_with(other, chair, reviewers, 40)
    assert large.items.count() == 40
    client.force_login(viewer)
    assert _queries(client, meeting_url(page, large)) == few
    with django_assert_max_num_queries(40):
        client.get(meeting_url(page, large))
