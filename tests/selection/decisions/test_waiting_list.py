"""Waiting list: when a laureate's application is withdrawn, or staff mark the laureate as
withdrawing, staff give the place to the first application on the waiting list: waitlisted →
selected, recorded; the decision becomes selected (to be told again) and its original stays in
the history and the minutes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from tests.selection.meeting.conftest import messages_of, open_meeting, reviewed
from tremplin.applications.models import Application, State
from tremplin.core.history import history_of
from tremplin.selection.models import Decision
from tremplin.selection.queries.decisions import waiting_list
from tremplin.selection.services import decisions as services
from tremplin.selection.services.meeting import MeetingRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(call, staff, reviewers):
    """A laureate, then two applications on the waiting list (in agenda order)."""
    laureate = reviewed(call, reviewers, "Lauréat", [4.8])
    first = reviewed(call, reviewers, "Premier en attente", [4.0])
    second = reviewed(call, reviewers, "Second en attente", [3.5])
    meeting = open_meeting(call, staff)
    for application, outcome in (
        (laureate, "selected"),
        (second, "waitlisted"),
        (first, "waitlisted"),
    ):
        item = meeting.items.get(application=application)
        item.meeting.call = call
        services.decide(item, staff, outcome, f"Décision du comité sur {application.title}")
    Decision.objects.update(notified_at="2025-01-01T00:00:00Z")
    return {"meeting": meeting, "laureate": laureate, "first": first, "second": second}


def url(call, name="waiting_list", **kwargs):
    return reverse(f"selection:{name}", kwargs={"slug": call.slug, **kwargs})


def test_the_waiting_list_follows_the_agenda_order(call, decided):
    state = waiting_list(call)
    assert [d.application.title for d in state.waiting] == [
        "Premier en attente",
        "Second en attente",
    ]
    assert [d.application.title for d in state.laureates] == ["Lauréat"]
    assert state.vacancies == []


def test_a_withdrawn_laureate_leaves_a_place_and_the_first_waiting_is_promoted(
    client, call, staff, decided
):
    Application.objects.filter(pk=decided["laureate"].pk).update(state=State.WITHDRAWN)
    client.force_login(staff)
    page = client.get(url(call))
    vacancy = page.context["state"].vacancies[0]
    assert vacancy.withdrawn
    form = vacancy.form
    response = client.post(
        url(call, "waiting_list_promote"),
        {"vacancy": form.initial["vacancy"], "expected": form.initial["expected"]},
    )
    assert response.status_code == 302
    promoted = Application.objects.get(pk=decided["first"].pk)
    assert promoted.state == State.SELECTED
    transition = history_of(promoted).filter(action="transition:select").get()
    assert (transition.from_state, transition.to_state, transition.actor) == (
        "waitlisted",
        "selected",
        staff,
    )
    decision = Decision.objects.get(application=promoted)
    assert decision.outcome == "selected"
    assert decision.reason == gettext("Promoted from the waiting list")
    assert decision.notified_at is None  # to be told of the selection
    assert decision.decided_by == staff
    entries = {e.action: e for e in history_of(decision)}
    assert entries["decision_taken"].to_state == "waitlisted"  # the original stays
    promotion = entries["promoted_from_waiting_list"]
    assert promotion.data["previous"]["outcome"] == "waitlisted"
    assert promotion.data["previous"]["reason"] == "Décision du comité sur Premier en attente"
    assert promotion.data["replaces"] == decided["laureate"].pk
    # The place is given: no vacancy left, the second stays waiting.
    state = waiting_list(call)
    assert state.vacancies == []
    assert [d.application.title for d in state.waiting] == ["Second en attente"]
    # The decision message of the promoted application is previewed again.
    previews = client.get(url(call, "decision_messages")).context["previews"]
    assert [p.decision.application.title for p in previews] == ["Premier en attente"]


def test_the_minutes_keep_the_original_decision(client, call, staff, decided):
    Application.objects.filter(pk=decided["laureate"].pk).update(state=State.WITHDRAWN)
    vacancy = Decision.objects.get(application=decided["laureate"])
    services.promote(call, staff, vacancy)
    client.force_login(staff)
    minutes = client.get(
        reverse(
            "selection:meeting_minutes", kwargs={"slug": call.slug, "pk": decided["meeting"].pk}
        )
    )
    entry = next(
        e for e in minutes.context["minutes"].items if e.item.application_id == decided["first"].pk
    )
    assert entry.original is not None
    assert entry.original.reason == "Décision du comité sur Premier en attente"
    assert "Décision du comité sur Premier en attente" in minutes.content.decode()


def test_staff_mark_a_laureate_as_withdrawing(client, call, staff, decided):
    laureate = Decision.objects.get(application=decided["laureate"])
    client.force_login(staff)
    prefix = f"decision-{laureate.pk}"
    refused = client.post(url(call, "waiting_list_withdrawing", decision=laureate.pk), {})
    assert refused.status_code == 400
    client.post(
        url(call, "waiting_list_withdrawing", decision=laureate.pk),
        {f"{prefix}-reason": "Le porteur a trouvé un emploi"},
    )
    state = waiting_list(call)
    assert [v.decision.pk for v in state.vacancies] == [laureate.pk]
    assert state.vacancies[0].withdrawing.reason == "Le porteur a trouvé un emploi"
    assert state.laureates == []
    # Marking twice records once.
    services.mark_withdrawing(laureate, staff, "Encore")
    assert history_of(laureate).filter(action="laureate_withdrawing").count() == 1
    services.promote(call, staff, laureate)
    assert Application.objects.get(pk=decided["first"].pk).state == State.SELECTED


def test_a_place_is_given_once(client, call, staff, decided):
    Application.objects.filter(pk=decided["laureate"].pk).update(state=State.WITHDRAWN)
    client.force_login(staff)
    vacancy = client.get(url(call)).context["state"].vacancies[0]
    data = {
        "vacancy": vacancy.form.initial["vacancy"],
        "expected": vacancy.form.initial["expected"],
    }
    client.post(url(call, "waiting_list_promote"), data)
    again = client.post(url(call, "waiting_list_promote"), data, follow=True)
    assert messages_of(again)[-1][0] == "error"
    assert Application.objects.get(pk=decided["second"].pk).state == State.WAITLISTED
    assert Decision.objects.filter(outcome="selected").count() == 2


def test_the_page_shows_who_would_be_promoted_and_refuses_a_stale_choice(call, staff, decided):
    Application.objects.filter(pk=decided["laureate"].pk).update(state=State.WITHDRAWN)
    vacancy = Decision.objects.get(application=decided["laureate"])
    with pytest.raises(MeetingRefused):
        services.promote(call, staff, vacancy, expected_pk=decided["second"].pk)
    assert Application.objects.get(pk=decided["first"].pk).state == State.WAITLISTED


def test_without_a_vacancy_nobody_is_promoted(call, staff, decided):
    laureate = Decision.objects.get(application=decided["laureate"])
    with pytest.raises(MeetingRefused):
        services.promote(call, staff, laureate)
    assert Decision.objects.filter(outcome="selected").count() == 1


@pytest.mark.parametrize("who", ["chair", "reviewer"])
def test_only_staff_manage_the_waiting_list(client, call, decided, who, chair, reviewers):
    client.force_login(chair if who == "chair" else reviewers[0])
    assert client.get(url(call)).status_code == 403
