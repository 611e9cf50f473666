"""The assignment page: a run gives every eligible application k reviewers without conflict,
within capacities, following affinity; re-runs keep started reviews, pins and hand-made
assignments and respect forbidden pairs; an infeasible instance changes nothing and the page
says why; staff adjust by hand with clear refusals; the page's queries do not grow with the
number of applications."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.selection.builders import build_application, build_call, build_member
from tremplin.applications.models import State
from tremplin.core.models import HistoryEntry
from tremplin.selection.models import (
    Assignment,
    AssignmentRule,
    Bid,
    CommitteeMember,
    Conflict,
    Review,
)
from tremplin.selection.services._common import CommitteeRefused
from tremplin.selection.services.assignment import assign_by_hand, run_assignment, set_rule

pytestmark = pytest.mark.django_db


def _url(call, name="assignment", **kwargs):
    return reverse(f"selection:{name}", kwargs={"slug": call.slug, **kwargs})


def _pairs(call):
    return set(
        Assignment.objects.filter(member__call=call).values_list("application_id", "member_id")
    )


def _check(call, k):
    """Every constraint on the stored assignment."""
    pairs = _pairs(call)
    per_application = Counter(a for a, _m in pairs)
    per_member = Counter(m for _a, m in pairs)
    for application in call.applications.filter(state__in=[State.ELIGIBLE, State.IN_REVIEW]):
        assert per_application[application.pk] == k, application
    for member in CommitteeMember.objects.filter(call=call):
        assert per_member[member.pk] <= member.capacity
    conflicted = set(
        Conflict.objects.filter(member__call=call, application__isnull=False).values_list(
            "application_id", "member_id"
        )
    )
    assert not pairs & conflicted


def test_a_run_assigns_k_reviewers_each_and_sends_the_applications_to_review(staff_client, staff):
    call = build_call(k=2)
    members = [build_member(call, capacity=4) for _ in range(3)]
    applications = [build_application(call) for _ in range(5)]
    observer = build_member(call, role=CommitteeMember.Role.OBSERVER, capacity=10)

    response = staff_client.post(_url(call, "assignment_run"), follow=True)

    assert response.status_code == 200
    _check(call, 2)
    assert not Assignment.objects.filter(member=observer).exists()
    for application in applications:
        application.refresh_from_db()
        assert application.state == State.IN_REVIEW
    assert HistoryEntry.objects.filter(action="transition:start_review").count() == 5
    run = HistoryEntry.objects.get(action="assignment_run")
    assert run.data["status"] == "optimal" and run.data["created"] == 10
    assert "Assignment done" in response.content.decode() or response.context["messages"]
    assert {m.pk for m in members} >= {m for _a, m in _pairs(call)}


def test_the_run_follows_affinity_expertise_and_bids(staff):
    call = build_call(k=1)
    elderly = build_member(call, capacity=1, lines=["elderly"])
    disability = build_member(call, capacity=1, lines=["disability"])
    first = build_application(call, lines=["disability"])
    second = build_application(call, lines=["elderly"])

    run_assignment(call, staff)
    assert _pairs(call) == {(first.pk, disability.pk), (second.pk, elderly.pk)}

    # Bids outweigh expertise.
    Bid.objects.create(member=elderly, application=first, preference=Bid.Preference.WANT)
    Bid.objects.create(member=disability, application=second, preference=Bid.Preference.WANT)
    run_assignment(call, staff)
    assert _pairs(call) == {(first.pk, elderly.pk), (second.pk, disability.pk)}
    assert Assignment.objects.get(member=elderly).affinity > 0


def test_a_conflicted_member_is_never_assigned(staff):
    call = build_call(k=2)
    members = [build_member(call, capacity=5) for _ in range(3)]
    applications = [build_application(call) for _ in range(4)]
    Conflict.objects.create(
        member=members[0], application=applications[0], source="declared", reason="ami"
    )
    # Detected at the run: the member is the applicant of another one.
    own = build_application(call, applicant=members[1].person)

    outcome = run_assignment(call, staff)

    assert outcome.status == "optimal"
    pairs = _pairs(call)
    assert (applications[0].pk, members[0].pk) not in pairs
    assert (own.pk, members[1].pk) not in pairs
    _check(call, 2)


def test_a_rerun_keeps_started_reviews_pins_and_hand_made_assignments(staff):
    call = build_call(k=1)
    first_member = build_member(call, capacity=3)
    second_member = build_member(call, capacity=3, lines=["elderly"])
    third_member = build_member(call, capacity=3, lines=["elderly"])
    started = build_application(call, lines=["elderly"])
    submitted = build_application(call, lines=["elderly"])
    pinned = build_application(call, lines=["elderly"])
    by_hand = build_application(call, lines=["elderly"])
    other = build_application(call)
    # The low-affinity member holds everything, in every way a run must keep.
    kept = {
        started: Assignment.objects.create(member=first_member, application=started, source="solver"),
        submitted: Assignment.objects.create(member=first_member, application=submitted, source="solver"),
    }  # fmt: skip
    Review.objects.create(assignment=kept[started])
    Review.objects.create(assignment=kept[submitted], state=Review.State.SUBMITTED, score=3)
    set_rule(call, staff, first_member, pinned, AssignmentRule.Kind.PIN)
    assign_by_hand(call, staff, second_member, by_hand)

    run_assignment(call, staff)
    pairs = _pairs(call)
    assert {
        (started.pk, first_member.pk),
        (submitted.pk, first_member.pk),
        (pinned.pk, first_member.pk),
        (by_hand.pk, second_member.pk),
    } <= pairs
    assert Review.objects.count() == 2
    _check(call, 1)
    # A second run changes nothing of what is kept, and is stable on the rest.
    before = set(Assignment.objects.values_list("pk", "application_id", "member_id"))
    run_assignment(call, staff)
    assert set(Assignment.objects.values_list("pk", "application_id", "member_id")) == before
    assert (other.pk, third_member.pk) in pairs or (other.pk, second_member.pk) in pairs


def test_forbidden_pairs_are_never_used(staff):
    call = build_call(k=1)
    liked = build_member(call, capacity=2, lines=["elderly"])
    other = build_member(call, capacity=2)
    application = build_application(call, lines=["elderly"])
    run_assignment(call, staff)
    assert _pairs(call) == {(application.pk, liked.pk)}

    set_rule(call, staff, liked, application, AssignmentRule.Kind.FORBID)
    assert _pairs(call) == set()  # the assignment not started goes at once
    run_assignment(call, staff)
    assert _pairs(call) == {(application.pk, other.pk)}


def test_an_infeasible_instance_changes_nothing_and_the_page_says_why(staff_client, staff):
    call = build_call(k=2)
    first = build_member(call, capacity=5)
    second = build_member(call, capacity=5)
    applications = [build_application(call, f"Projet {i}") for i in range(3)]
    run_assignment(call, staff)
    before = set(Assignment.objects.values_list("pk", "application_id", "member_id"))
    assert len(before) == 6
    # A new application that only one member may review, and too little capacity overall.
    lonely = build_application(call, "Projet isolé")
    Conflict.objects.create(member=second, application=lonely, source="declared", reason="x")
    CommitteeMember.objects.filter(pk=first.pk).update(capacity=3)

    response = staff_client.post(_url(call, "assignment_run"), follow=True)

    assert set(Assignment.objects.values_list("pk", "application_id", "member_id")) == before
    lonely.refresh_from_db()
    assert lonely.state == State.ELIGIBLE
    page = response.content.decode()
    assert "nothing was changed" in page
    assert "“Projet isolé”: 1 possible, 1 missing" in page
    assert "The reviewing members can take 8 reviews in all: 0 short" not in page
    entry = HistoryEntry.objects.filter(action="assignment_run").latest("pk")
    assert entry.data["status"] == "infeasible"
    assert applications


def test_missing_capacity_is_explained(staff_client, staff):
    call = build_call(k=2)
    build_member(call, capacity=1)
    build_member(call, capacity=1)
    for i in range(2):
        build_application(call, f"Projet {i}")
    staff_client.post(_url(call, "assignment_run"))
    page = staff_client.get(_url(call)).content.decode()
    assert "The reviewing members can take 2 reviews in all: 2 short of the 4 needed." in page
    assert not Assignment.objects.exists()


def test_staff_assign_and_remove_by_hand_with_clear_refusals(staff_client, staff):
    call = build_call(k=1)
    full = build_member(call, capacity=1)
    free = build_member(call, capacity=2)
    observer = build_member(call, role=CommitteeMember.Role.OBSERVER)
    first = build_application(call, "Premier")
    second = build_application(call, "Second")
    Conflict.objects.create(member=free, application=second, source="declared", reason="x")
    pair = _url(call, "assignment_pair")

    response = staff_client.post(
        pair, {"application": first.pk, "member": full.pk, "action": "assign"}, follow=True
    )
    assert "now reviews “Premier”" in response.content.decode()
    first.refresh_from_db()
    assert first.state == State.IN_REVIEW
    assignment = Assignment.objects.get(member=full, application=first)
    assert assignment.source == Assignment.Source.MANUAL

    refusals = [
        ({"application": second.pk, "member": full.pk, "action": "assign"}, "capacity of 1"),
        ({"application": second.pk, "member": free.pk, "action": "assign"}, "is in conflict"),
        ({"application": second.pk, "member": free.pk, "action": "pin"}, "cannot be pinned"),
        # Observers are not offered: the form refuses them.
        ({"application": second.pk, "member": observer.pk, "action": "assign"}, "Choose a"),
        ({"application": first.pk, "member": full.pk, "action": "assign"}, "already reviews"),
    ]
    for data, message in refusals:
        page = staff_client.post(pair, data, follow=True).content.decode()
        assert message in page, message
    assert Assignment.objects.count() == 1
    with pytest.raises(CommitteeRefused, match="observers do not review"):
        assign_by_hand(call, staff, observer, second)

    # A started review cannot be removed; a not-started one can.
    review = Review.objects.create(assignment=assignment)
    page = staff_client.post(
        _url(call, "assignment_remove", assignment_pk=assignment.pk), follow=True
    ).content.decode()
    assert "has started this review" in page
    review.delete()
    staff_client.post(_url(call, "assignment_remove", assignment_pk=assignment.pk))
    assert not Assignment.objects.exists()


def test_rules_are_listed_and_removed(staff_client, staff):
    call = build_call(k=1)
    member = build_member(call)
    application = build_application(call, "Projet épinglé")
    staff_client.post(
        _url(call, "assignment_pair"),
        {"application": application.pk, "member": member.pk, "action": "pin"},
    )
    rule = AssignmentRule.objects.get()
    assert rule.kind == AssignmentRule.Kind.PIN
    page = staff_client.get(_url(call)).content.decode()
    assert "Projet épinglé" in page and "Always assign" in page
    staff_client.post(_url(call, "assignment_rule_remove", rule_pk=rule.pk))
    assert not AssignmentRule.objects.exists()


def _call_with(applications: int):
    call = build_call(k=2)
    members = [build_member(call, capacity=60, lines=["elderly"]) for _ in range(4)]
    for i in range(applications):
        build_application(call, f"Projet {i}", lines=["elderly", "disability"][: 1 + i % 2])
    Conflict.objects.create(
        member=members[0], application=call.applications.first(), source="declared", reason="x"
    )
    return call


def test_the_assignment_page_reads_the_same_number_of_queries_for_10_and_60_applications(
    staff_client, staff, django_assert_max_num_queries
):
    counts = []
    for size in (10, 60):
        call = _call_with(size)
        run_assignment(call, staff)
        application = call.applications.first()
        AssignmentRule.objects.create(
            member=call.committee.last(), application=application, kind="forbid"
        )
        staff_client.get(_url(call))  # sessions and caches warmed
        with CaptureQueriesContext(connection) as context:
            response = staff_client.get(_url(call))
        assert response.status_code == 200
        counts.append(len(context))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(25):
        staff_client.get(_url(call))


def test_every_committee_page_opens_for_staff(staff_client, staff):
    call = build_call()
    member = build_member(call)
    build_application(call)
    run_assignment(call, staff)
    for name, kwargs in [
        ("committee", {}),
        ("committee_member", {"member_pk": member.pk}),
        ("committee_settings", {}),
        ("committee_conflicts", {}),
        ("assignment", {}),
        ("my_conflicts", {}),
    ]:
        response = staff_client.get(_url(call, name, **kwargs))
        assert response.status_code == 200, name
        assert response.content.decode().count("<h1") == 1, name


def test_a_run_without_reviewers_or_without_applications_explains_itself(staff_client, staff):
    call = build_call(k=2)
    assert run_assignment(call, staff).status == "empty"
    build_application(call, "Seul")
    build_member(call, role=CommitteeMember.Role.OBSERVER)
    assert run_assignment(call, staff).status == "infeasible"
    page = staff_client.get(_url(call)).content.decode()
    assert "“Seul”: 0 possible, 2 missing" in page
    assert "No reviewing member" in page
