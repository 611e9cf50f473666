"""The decision on an agenda item: taken once (a double click, two chairs at once), firing the
application's workflow (shortlisted first when the outcome needs it), recorded in the history
with who and when; refused with a clear message, keeping what was typed, when it cannot be
taken."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, connection
from django.urls import reverse

from tests.conftest import make_person
from tests.selection.meeting.conftest import messages_of, open_meeting, reviewed
from tremplin.accounts.services import grant_role
from tremplin.applications import services as applications
from tremplin.applications.models import Application, State
from tremplin.core.history import history_of
from tremplin.selection.models import Decision, Meeting, Review
from tremplin.selection.services import decisions as decisions_services
from tremplin.selection.services import meeting as services
from tremplin.selection.services.decisions import AlreadyDecided, can_decide
from tremplin.selection.services.meeting import MeetingRefused

pytestmark = pytest.mark.django_db

DECISION = {
    "outcome": "selected",
    "reason": "Besoin avéré, équipe solide.",
    "comment_for_applicant": "Bravo pour ce projet.",
}


def item_url(item, name="agenda_item"):
    meeting = item.meeting
    return reverse(
        f"selection:{name}", kwargs={"slug": meeting.call.slug, "pk": meeting.pk, "item": item.pk}
    )


@pytest.fixture
def item(call, staff, reviewers):
    application = reviewed(call, reviewers, "Jardins partagés", [4.0, 4.5])
    Review.objects.filter(assignment__application=application).update(
        comment_for_applicant="Un projet utile."
    )
    return open_meeting(call, staff).items.get()


def transitions_of(application):
    return [
        (e.from_state, e.to_state, e.actor)
        for e in history_of(application).order_by("at", "pk")
        if e.action.startswith("transition:")
    ]


def test_staff_decide_and_the_workflow_follows_with_history(client, item, staff):
    client.force_login(staff)
    form = client.get(item_url(item)).context["decision_form"]
    # The message for the applicant starts from the reviewers' comments for the applicant.
    assert "Un projet utile." in form.initial["comment_for_applicant"]
    response = client.post(item_url(item, "agenda_decide"), DECISION)
    assert response.status_code == 302
    decision = Decision.objects.get()
    application = Application.objects.get()
    assert (decision.outcome, decision.reason, decision.comment_for_applicant) == (
        "selected",
        DECISION["reason"],
        DECISION["comment_for_applicant"],
    )
    assert decision.decided_by == staff
    assert decision.meeting == item.meeting
    assert decision.notified_at is None
    assert application.state == State.SELECTED
    assert transitions_of(application) == [
        ("in_review", "shortlisted", staff),
        ("shortlisted", "selected", staff),
    ]
    entry = history_of(decision).get(action="decision_taken")
    assert (entry.actor, entry.to_state, entry.reason) == (staff, "selected", DECISION["reason"])
    assert entry.at is not None
    page = client.get(item_url(item)).content.decode()
    assert "Équipe Accélérateur" in page and DECISION["reason"] in page
    assert client.get(item_url(item)).context["decision_form"] is None


@pytest.mark.parametrize(
    ("outcome", "state", "steps"),
    [
        (
            "waitlisted",
            State.WAITLISTED,
            [("in_review", "shortlisted"), ("shortlisted", "waitlisted")],
        ),
        ("rejected", State.REJECTED, [("in_review", "rejected")]),
    ],
)
def test_each_outcome_fires_its_transitions(item, staff, outcome, state, steps):
    decisions_services.decide(item, staff, outcome, "Raison")
    application = Application.objects.get()
    assert application.state == state
    assert [(a, b) for a, b, _who in transitions_of(application)] == steps


def test_a_shortlisted_application_is_decided_without_shortlisting_again(item, staff):
    Application.objects.update(state=State.SHORTLISTED)
    item.application.state = State.SHORTLISTED
    decisions_services.decide(item, staff, "selected", "Raison")
    assert [(a, b) for a, b, _who in transitions_of(Application.objects.get())] == [
        ("shortlisted", "selected")
    ]


def test_a_double_post_decides_once(client, item, staff):
    client.force_login(staff)
    client.post(item_url(item, "agenda_decide"), DECISION)
    response = client.post(
        item_url(item, "agenda_decide"), {**DECISION, "outcome": "rejected"}, follow=True
    )
    assert response.status_code == 200
    assert messages_of(response)[-1][0] == "warning"
    assert Decision.objects.get().outcome == "selected"
    assert Application.objects.get().state == State.SELECTED
    assert len(transitions_of(Application.objects.get())) == 2
    assert history_of(Decision.objects.get()).filter(action="decision_taken").count() == 1


def test_two_deciders_with_the_same_page_open_decide_once(item, staff):
    other = type(staff).objects.create_user("team2@example.org", "x", full_name="Autre")

    grant_role(other, "staff")
    stale = type(item).objects.select_related("meeting__call", "application__call").get()
    decisions_services.decide(item, staff, "selected", "Premier")
    with pytest.raises(AlreadyDecided) as refused:
        decisions_services.decide(stale, other, "rejected", "Second")
    assert refused.value.decision.outcome == "selected"
    assert Decision.objects.get().decided_by == staff
    assert Application.objects.get().state == State.SELECTED


def test_the_one_to_one_link_stops_a_second_decision_even_past_the_check(item, staff, monkeypatch):
    """If a second decider got past the check (a race the lock prevents), the Decision's
    one-to-one link refuses the second row and the whole decision is undone."""

    decisions_services.decide(item, staff, "selected", "Premier")
    original_filter, original_transition = Decision.objects.filter, applications.transition
    fired = []

    def blind_filter(*args, **kwargs):
        if "application" in kwargs:
            return original_filter(pk__in=[])
        return original_filter(*args, **kwargs)

    def counted_transition(*args, **kwargs):
        fired.append(args[2])
        return original_transition(*args, **kwargs)

    monkeypatch.setattr(Decision.objects, "filter", blind_filter)
    monkeypatch.setattr(applications, "transition", counted_transition)
    Application.objects.update(state=State.SHORTLISTED)
    with pytest.raises(AlreadyDecided):
        decisions_services.decide(item, staff, "rejected", "Second")
    monkeypatch.undo()
    assert fired == ["reject"]  # the check was passed: the link stopped it
    assert Decision.objects.get().outcome == "selected"
    assert Application.objects.get().state == State.SHORTLISTED  # the rejection was undone
    assert not history_of(Application.objects.get()).filter(action="transition:reject").exists()


def waiting_for_the_lock(decide, *args):
    """Run `decide` as a request would: the test database is SQLite in memory (shared cache),
    where a writer that finds the database locked is refused at once instead of waiting for
    the busy timeout as with a database file; retry it, as the timeout would (PostgreSQL waits
    on the row lock by itself). A retry is safe: a refused decision changed nothing."""
    for _attempt in range(100_000):
        try:
            decide(*args)
            return "decided"
        except AlreadyDecided:
            return "already decided"
        except OperationalError as error:
            if "locked" not in str(error):
                raise
    raise AssertionError("the lock was never released")


@pytest.mark.django_db(transaction=True)
def test_two_deciders_at_the_same_moment_decide_once(call, staff, reviewers):
    reviewed(call, reviewers, "Jardins", [4.0])
    item = open_meeting(call, staff).items.select_related("meeting__call", "application").get()
    other = make_person("team2@example.org", roles=["staff"])
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(person, outcome):
        try:
            mine = type(item).objects.select_related("meeting__call", "application__call").get()
            barrier.wait(timeout=10)
            outcomes.append(
                waiting_for_the_lock(decisions_services.decide, mine, person, outcome, "Raison")
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(staff, "selected")),
        threading.Thread(target=decide, args=(other, "rejected")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already decided", "decided"]
    decision = Decision.objects.get()
    application = Application.objects.get()
    assert application.state == decision.outcome
    assert history_of(decision).filter(action="decision_taken").count() == 1


def test_a_decision_needs_a_reason_and_keeps_what_was_typed(client, item, staff):
    client.force_login(staff)
    response = client.post(
        item_url(item, "agenda_decide"),
        {"outcome": "selected", "reason": " ", "comment_for_applicant": "Mon message"},
    )
    assert response.status_code == 400
    assert response.context["decision_form"].errors["reason"]
    assert "Mon message" in response.content.decode()
    assert not Decision.objects.exists()
    assert Application.objects.get().state == State.IN_REVIEW


def test_decisions_are_taken_while_the_meeting_is_in_session(item, staff):
    services.fire_meeting(item.meeting, staff, "close")
    item.meeting.refresh_from_db()
    with pytest.raises(MeetingRefused):
        decisions_services.decide(item, staff, "selected", "Raison")
    assert not Decision.objects.exists()
    Meeting.objects.update(state=Meeting.State.PLANNED)
    with pytest.raises(MeetingRefused):
        decisions_services.decide(item, staff, "selected", "Raison")


def test_reviewers_and_observers_do_not_decide(client, item, reviewers, observer):
    for person in (reviewers[0], observer):
        with pytest.raises(PermissionDenied):
            decisions_services.decide(item, person, "selected", "Raison")
        client.force_login(person)
        assert client.post(item_url(item, "agenda_decide"), DECISION).status_code == 403
        assert client.get(item_url(item)).context["decision_form"] is None
    assert not Decision.objects.exists()


def test_the_chair_decides(item, chair):
    decisions_services.decide(item, chair, "selected", "Raison")
    assert Application.objects.get().state == State.SELECTED


def test_a_chair_without_the_workflow_permission_is_told_who_decides(client, item, chair):
    client.force_login(chair)
    response = client.get(item_url(item))
    if can_decide(item, chair):
        assert response.context["decision_form"] is not None
    else:
        assert response.context["decision_form"] is None
        assert response.context["decision_by_staff"]


def test_a_decision_does_not_survive_a_failed_workflow(item, staff, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("boom")

    monkeypatch.setattr(applications, "transition", broken)
    with pytest.raises(IntegrityError):
        decisions_services.decide(item, staff, "selected", "Raison")
    assert not Decision.objects.exists()
