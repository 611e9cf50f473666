"""A member's committees (/selection/) and their assignments on a call: by state, with the
deadline in the call's time zone and a count; conflicted and withdrawn applications never
appear; the number of queries does not grow with the number of assignments."""

from datetime import UTC, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_person
from tremplin.selection.models import CommitteeMember, Conflict, Review

from . import builders


def dashboard_url(call):
    return reverse("selection:my_reviews", kwargs={"slug": call.slug})


def test_assignments_by_state_with_a_count(reviewer_client, seat, call):
    to_start = builders.assign(seat, builders.application(call, title="Alpha à lire"))
    started = builders.assign(seat, builders.application(call, title="Bêta en cours"))
    done = builders.assign(seat, builders.application(call, title="Gamma fini"))
    Review.objects.create(assignment=started)
    Review.objects.create(assignment=done, state=Review.State.SUBMITTED, score=3.5)
    response = reviewer_client.get(dashboard_url(call))
    assert response.status_code == 200
    board = response.context["dashboard"]
    assert board.assigned == [to_start]
    assert board.in_progress == [started]
    assert board.done == [done]
    page = response.content.decode()
    assert "1 of 3 reviews submitted" in page or "1 sur 3" in page
    for assignment in (to_start, started, done):
        assert reverse("selection:review", kwargs={"assignment_pk": assignment.pk}) in page
    assert "3,50 / 5" in page


def test_the_deadline_is_shown_in_the_call_s_time_zone(reviewer_client, seat, call):
    call.time_zone = "Indian/Reunion"  # UTC+4
    call.save()
    settings = call.selection_settings
    settings.review_deadline = datetime(2026, 3, 2, 19, 30, tzinfo=UTC)
    settings.save()
    page = reviewer_client.get(dashboard_url(call)).content.decode()
    assert "23:30" in page
    assert "Indian/Reunion" in page
    page = reviewer_client.get(reverse("selection:my_calls")).content.decode()
    assert "23:30" in page


def test_conflicted_and_withdrawn_applications_never_appear(reviewer_client, seat, call):
    kept = builders.assign(seat, builders.application(call, title="Projet visible"))
    conflicted = builders.assign(seat, builders.application(call, title="Projet en conflit"))
    builders.conflict(seat, conflicted.application)
    by_person = builders.application(call, title="Projet de la cousine")
    builders.assign(seat, by_person)

    Conflict.objects.create(
        member=seat, person=by_person.applicant, source="declared", reason="Ma cousine."
    )
    builders.assign(seat, builders.application(call, title="Projet retiré", state="withdrawn"))
    response = reviewer_client.get(dashboard_url(call))
    page = response.content.decode()
    assert "Projet visible" in page
    for hidden in ("Projet en conflit", "Projet de la cousine", "Projet retiré"):
        assert hidden not in page
    assert response.context["dashboard"].assigned == [kept]
    page = reviewer_client.get(reverse("selection:my_calls")).content.decode()
    assert "0 of 1" in page or "0 sur 1" in page


def test_my_committees_lists_every_seat(client, call):
    person = make_person(roles=["committee"])
    builders.member(call, person)
    other_call = builders.review_call()
    builders.member(other_call, person, role=CommitteeMember.Role.OBSERVER)
    client.force_login(person)
    page = client.get(reverse("selection:my_calls")).content.decode()
    assert dashboard_url(call) in page
    assert dashboard_url(other_call) not in page  # observers do not review
    assert str(other_call.title) in page


def test_someone_without_a_seat_is_told_so(client, db):
    client.force_login(make_person())
    response = client.get(reverse("selection:my_calls"))
    assert response.status_code == 200
    assert list(response.context["seats"]) == []


def test_the_dashboard_of_a_call_is_for_its_reviewers(client, call, seat):
    observer = builders.member(call, role=CommitteeMember.Role.OBSERVER)
    for person, status in [
        (seat.person, 200),
        (observer.person, 403),
        (make_person(roles=["committee"]), 403),
        (make_person(roles=["staff"]), 403),
    ]:
        client.force_login(person)
        assert client.get(dashboard_url(call)).status_code == status


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def fill(seat, call, count):
    """`count` assignments in every state, and a conflict."""
    for n in range(count):
        assignment = builders.assign(
            seat, builders.application(call, title=f"Projet {n}", with_file=False)
        )
        if n % 3 == 1:
            Review.objects.create(assignment=assignment)
        elif n % 3 == 2:
            Review.objects.create(assignment=assignment, state=Review.State.SUBMITTED, score=2)
    builders.conflict(seat, assignment.application)


def test_the_dashboards_make_the_same_number_of_queries_for_3_and_60_assignments(
    client, db, django_assert_num_queries
):
    small_call, large_call = builders.review_call(), builders.review_call()
    person = make_person(roles=["committee"])
    small_seat = builders.member(small_call, person)
    large_seat = builders.member(large_call, person)
    fill(small_seat, small_call, 3)
    client.force_login(person)
    client.get(reverse("selection:my_calls"))  # the first request of a session reads caches
    small = count_queries(client, dashboard_url(small_call))
    small_home = count_queries(client, reverse("selection:my_calls"))
    fill(large_seat, large_call, 60)
    large_seat.refresh_from_db()
    with django_assert_num_queries(small):
        response = client.get(dashboard_url(large_call))
    assert response.context["dashboard"].total == 59  # one in conflict
    with django_assert_num_queries(small_home):
        client.get(reverse("selection:my_calls"))
    assert small <= 15
