"""The four-eyes rule in the committee: whoever is on an application's team (its applicant, a
co-applicant, someone invited to join it) is in conflict with it whether or not a detection
ran since they joined: a member neither sees it in committee, nor reviews it, nor takes part in
its item, nor votes on it; the chair or a staff member does not decide it. The decision is
refused with the four-eyes message and another person takes it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import make_person
from tests.selection.meeting.conftest import member_of, open_meeting, reviewed
from tremplin.applications.models import Application, CoApplicant, State
from tremplin.selection import membership
from tremplin.selection.models import Assignment, Conflict, Decision
from tremplin.selection.services import decisions as decisions_services
from tremplin.selection.services import meeting as services
from tremplin.selection.services.decisions import can_decide

pytestmark = pytest.mark.django_db
OWN_WORK = "You cannot decide on your own work: another person must do it."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def join(application, person, *, accepted=True):
    CoApplicant.objects.create(
        application=application,
        email=person.email,
        person=person if accepted else None,
        accepted_at=timezone.now() if accepted else None,
    )
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def item(call, staff, reviewers):
    reviewed(call, reviewers, "Jardins partagés", [4.0, 4.5])
    meeting = open_meeting(call, staff)
    item = meeting.items.get()
    services.set_voting(item, staff, True)
    return item


@pytest.mark.parametrize("accepted", [True, False])
def test_a_chair_on_the_team_is_in_conflict_without_a_detection(item, chair, accepted):
    application = join(item.application, chair, accepted=accepted)
    item.refresh_from_db()  # a new request reads the application again
    assert not Conflict.objects.exists()  # nothing detected since they joined
    assert membership.is_conflicted(chair, application)
    assert not chair.has_perm("selection.view_application_in_committee", application)
    assert not can_decide(item, chair)
    with pytest.raises(PermissionDenied):
        decisions_services.decide(item, chair, "selected", "Très bon projet.")
    with pytest.raises(PermissionDenied):
        services.cast_vote(item, chair, "selected")
    with pytest.raises(PermissionDenied):
        services.save_notes(item, chair, "Mes notes", item.notes_version)
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW


def test_the_conflict_shows_in_the_members_lists(item, chair):
    application = join(item.application, chair)
    seat = member_of(application.call, chair)
    assert application.pk in membership.conflicted_application_ids(seat)


def test_a_reviewer_on_the_team_does_not_review_it(item, reviewers):
    application = join(item.application, reviewers[0])
    assignment = Assignment.objects.get(member__person=reviewers[0], application=application)
    assert not reviewers[0].has_perm("selection.review_application", application)
    assert assignment.pk


def test_a_staff_member_on_the_team_does_not_decide_it_and_is_told_why(item, staff, chair):
    application = join(item.application, staff)
    item.refresh_from_db()  # a new request reads the application again
    assert not can_decide(item, staff)
    with pytest.raises(PermissionDenied) as refused:
        decisions_services.decide(item, staff, "selected", "Très bon projet.")
    assert str(refused.value) == OWN_WORK
    assert not Decision.objects.exists()
    # The chair, who is not on the team, decides.
    decisions_services.decide(item, chair, "selected", "Très bon projet.")
    application.refresh_from_db()
    assert application.state == State.SELECTED


def test_the_item_page_offers_the_staff_member_on_the_team_no_decision(client, item, staff):
    join(item.application, staff)
    staff.preferred_language = "en"
    staff.save(update_fields=["preferred_language"])
    client.force_login(staff)
    kwargs = {"slug": item.meeting.call.slug, "pk": item.meeting.pk, "item": item.pk}
    url = reverse("selection:agenda_decide", kwargs=kwargs)
    page = client.get(reverse("selection:agenda_item", kwargs=kwargs))
    assert page.status_code in (403, 404)  # their own application's item: not shown to them
    response = client.post(url, {"outcome": "selected", "reason": "Bien."})
    assert response.status_code in (403, 404)
    assert not Decision.objects.exists()


def test_a_person_who_applied_elsewhere_is_not_in_conflict(item, chair):
    other = reviewed(item.meeting.call, [], "Autre projet", [])
    join(other, make_person())
    assert not membership.is_conflicted(chair, item.application)
