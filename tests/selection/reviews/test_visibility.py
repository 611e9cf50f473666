"""Who sees the other reviews of an application on their review page: after their own
(default), always, never; chairs and staff always; nobody in conflict with it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_person
from tremplin.applications.models import State
from tremplin.selection.models import CommitteeMember, Review, SelectionSettings
from tremplin.selection.services import meeting as meetings

from . import builders

OTHER_COMMENT = "Avis de l'autre membre : impact solide."


def url(assignment):
    return reverse("selection:review", kwargs={"assignment_pk": assignment.pk})


def submitted_review(assignment, value=3, comment=OTHER_COMMENT):
    review = Review.objects.create(
        assignment=assignment,
        state=Review.State.SUBMITTED,
        comment_for_committee=comment,
        comment_for_applicant="Pour le porteur.",
        score=value,
    )
    for criterion in builders.criteria(assignment.application.call):
        review.scores.create(criterion=criterion, value=value)
    return review


@pytest.fixture
def other(call, application):
    """Another member's submitted review of the same application."""
    return submitted_review(builders.assign(builders.member(call), application))


def page_of(client, assignment):
    response = client.get(url(assignment))
    assert response.status_code == 200
    return response.content.decode()


def set_visibility(call, value):
    settings = call.selection_settings
    settings.reviews_visibility = value
    settings.save()


def test_after_own_review_by_default(reviewer_client, assignment, call, other):
    assert call.selection_settings.reviews_visibility == SelectionSettings.Visibility.AFTER_OWN
    assert OTHER_COMMENT.replace("'", "&#x27;") not in page_of(reviewer_client, assignment)
    # A draft is not enough.
    reviewer_client.post(url(assignment), builders.form_data(call, scores={0: 1}, action="save"))
    assert OTHER_COMMENT.replace("'", "&#x27;") not in page_of(reviewer_client, assignment)
    reviewer_client.post(
        url(assignment),
        builders.form_data(call, version=1, scores=builders.all_scores(2), action="submit"),
    )
    page = page_of(reviewer_client, assignment)
    assert OTHER_COMMENT.replace("'", "&#x27;") in page
    assert other.assignment.member.person_name in page
    assert "Pour le porteur." in page


def test_always(reviewer_client, assignment, call, other):
    set_visibility(call, SelectionSettings.Visibility.ALWAYS)
    assert OTHER_COMMENT.replace("'", "&#x27;") in page_of(reviewer_client, assignment)


def test_never_even_after_one_s_own(reviewer_client, assignment, call, other):
    set_visibility(call, SelectionSettings.Visibility.NEVER)
    reviewer_client.post(
        url(assignment), builders.form_data(call, scores=builders.all_scores(2), action="submit")
    )
    assert OTHER_COMMENT.replace("'", "&#x27;") not in page_of(reviewer_client, assignment)


@pytest.mark.parametrize("who", ["chair", "staff"])
def test_chairs_and_staff_see_them_all_whatever_the_setting(client, call, application, other, who):
    set_visibility(call, SelectionSettings.Visibility.NEVER)
    if who == "chair":
        seat = builders.member(call, role=CommitteeMember.Role.CHAIR)
    else:
        seat = builders.member(call, make_person(roles=["staff", "committee"]))
    assignment = builders.assign(seat, application)
    client.force_login(seat.person)
    assert OTHER_COMMENT.replace("'", "&#x27;") in page_of(client, assignment)


def test_drafts_of_others_are_never_shown(reviewer_client, assignment, call, application):
    set_visibility(call, SelectionSettings.Visibility.ALWAYS)
    draft = builders.assign(builders.member(call), application)
    Review.objects.create(assignment=draft, comment_for_committee="Brouillon secret")
    assert "Brouillon secret" not in page_of(reviewer_client, assignment)


def test_nobody_sees_the_reviews_of_an_application_they_are_in_conflict_with(
    client, call, application, other
):
    chair = builders.member(call, role=CommitteeMember.Role.CHAIR)
    assignment = builders.assign(chair, application)
    builders.conflict(chair, application)
    client.force_login(chair.person)
    response = client.get(url(assignment))
    assert response.status_code == 404
    assert OTHER_COMMENT not in response.content.decode()


def test_a_review_whose_author_declared_a_conflict_since_is_not_shown(
    reviewer_client, assignment, call, other
):
    set_visibility(call, SelectionSettings.Visibility.ALWAYS)
    builders.conflict(other.assignment.member, other.assignment.application)
    assert OTHER_COMMENT.replace("'", "&#x27;") not in page_of(reviewer_client, assignment)


def test_never_shows_the_mean_once_one_s_own_is_submitted(reviewer_client, assignment, call, other):
    """The one rule (selection/visibility.py): under "never" a member sees the figures drawn
    from the reviews (here the mean of the two), never a review nor its author."""
    set_visibility(call, SelectionSettings.Visibility.NEVER)
    reviewer_client.post(
        url(assignment), builders.form_data(call, scores=builders.all_scores(5), action="submit")
    )
    response = reviewer_client.get(url(assignment))
    others = response.context["others"]
    assert not others.visible and others.reviews == []
    assert others.count == 2 and others.mean == pytest.approx(4.0)
    page = response.content.decode()
    assert other.assignment.member.person_name not in page
    assert "Pour le porteur." not in page


def test_a_meeting_in_session_releases_nothing_to_a_member_who_still_owes_the_review(
    reviewer_client, assignment, call, application, other
):
    """The committee deliberates on the application, but this member has not reviewed it yet:
    their review must stay independent."""

    application.state = State.IN_REVIEW
    application.save()
    staff = make_person(roles=["staff"])
    meeting = meetings.plan_meeting(
        call, staff, scheduled_for=timezone.now() + timezone.timedelta(days=1)
    )
    meetings.add_item(meeting, staff, application)
    meetings.fire_meeting(meeting, staff, "open")
    response = reviewer_client.get(url(assignment))
    assert not response.context["others"].visible
    assert response.context["others"].count == 0
    assert OTHER_COMMENT.replace("'", "&#x27;") not in response.content.decode()
