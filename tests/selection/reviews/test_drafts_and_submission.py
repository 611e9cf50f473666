"""Drafts saved as the member types (htmx) or with the Save button, with a version check; the
submission (every criterion scored), its score and history; changes after submission until
the review deadline."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tremplin.core.history import history_of
from tremplin.selection import scoring
from tremplin.selection.models import Decision, Review

from . import builders

HTMX = {"HTTP_HX_REQUEST": "true"}


def checked(page, criterion, value) -> bool:
    """Whether the radio button of `value` for `criterion` is checked on the page."""
    pattern = rf'<input type="radio" name="criterion_{criterion.pk}" value="{value}"[^>]* checked'
    return re.search(pattern, page) is not None


def url(assignment):
    return reverse("selection:review", kwargs={"assignment_pk": assignment.pk})


def test_an_autosave_creates_the_draft_and_answers_with_the_new_version(
    reviewer_client, assignment, call
):
    data = builders.form_data(call, scores={0: 3}, committee="Un besoin réel.")
    response = reviewer_client.post(url(assignment), data, **HTMX)
    assert response.status_code == 200
    review = Review.objects.get(assignment=assignment)
    assert review.state == Review.State.DRAFT
    assert review.comment_for_committee == "Un besoin réel."
    assert dict(review.scores.values_list("criterion_id", "value")) == {
        builders.criteria(call)[0].pk: 3
    }
    page = response.content.decode()
    assert 'id="review-version"' in page and 'hx-swap-oob="true"' in page
    assert f'value="{review.version}"' in page
    # The next autosave, from the same page with the version it was given, saves again.
    data = builders.form_data(
        call, version=review.version, scores={0: 3, 1: 2}, committee="Un besoin réel, documenté."
    )
    reviewer_client.post(url(assignment), data, **HTMX)
    review.refresh_from_db()
    assert review.version == 2
    assert review.comment_for_committee == "Un besoin réel, documenté."
    assert review.scores.count() == 2
    assert review.state == Review.State.DRAFT
    # Drafts are not in the history every few seconds: only the start of the review.
    assert [entry.action for entry in history_of(review)] == ["review_started"]


def test_the_save_button_works_without_javascript(reviewer_client, assignment, call):
    data = builders.form_data(call, scores={0: 5}, applicant="Bravo.", action="save")
    response = reviewer_client.post(url(assignment), data)
    assert response.status_code == 302
    assert response["Location"] == url(assignment)
    page = reviewer_client.get(url(assignment)).content.decode()
    assert "Bravo." in page
    criterion = builders.criteria(call)[0]
    assert checked(page, criterion, 5)


def test_a_save_based_on_an_outdated_version_does_not_overwrite_and_says_what_changed(
    reviewer_client, assignment, call
):
    first = builders.form_data(call, scores={0: 2}, committee="Version de l'onglet A.")
    reviewer_client.post(url(assignment), first, **HTMX)
    review = Review.objects.get(assignment=assignment)
    # Tab A goes on (version 1 -> 2).
    reviewer_client.post(
        url(assignment),
        builders.form_data(call, version=1, scores={0: 2}, committee="Onglet A, suite."),
        **HTMX,
    )
    review.refresh_from_db()
    assert review.version == 2
    # Tab B was opened at version 1 and autosaves something else.
    stale = builders.form_data(call, version=1, scores={0: 4}, committee="Texte de l'onglet B.")
    response = reviewer_client.post(url(assignment), stale, **HTMX)
    page = response.content.decode()
    assert "autosave--conflict" in page
    assert "hx-swap-oob" not in page  # the page keeps its version: the next autosave is refused too
    review.refresh_from_db()
    assert review.comment_for_committee == "Onglet A, suite."
    assert review.version == 2
    # With the Save button, tab B sees what the review reads now and keeps its own text.
    response = reviewer_client.post(url(assignment), {**stale, "action": "save"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Onglet A, suite." in page  # what it reads now
    assert "Texte de l&#x27;onglet B." in page  # what B typed, kept in the form
    assert 'name="version" value="2"' in page
    criterion = builders.criteria(call)[0]
    assert checked(page, criterion, 4)
    review.refresh_from_db()
    assert review.comment_for_committee == "Onglet A, suite."
    # Saving again from that page keeps B's version.
    response = reviewer_client.post(url(assignment), {**stale, "version": "2", "action": "save"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.comment_for_committee == "Texte de l'onglet B."
    assert review.version == 3


def test_an_outdated_save_that_changes_nothing_is_not_a_conflict(reviewer_client, assignment, call):
    data = builders.form_data(call, scores={0: 2}, committee="Pareil.")
    reviewer_client.post(url(assignment), data, **HTMX)
    reviewer_client.post(url(assignment), {**data, "version": "1"}, **HTMX)
    response = reviewer_client.post(url(assignment), {**data, "version": "0"}, **HTMX)
    assert "autosave--conflict" not in response.content.decode()


def test_two_tabs_starting_the_same_review_do_not_overwrite_each_other(
    reviewer_client, assignment, call
):
    reviewer_client.post(url(assignment), builders.form_data(call, committee="A"), **HTMX)
    response = reviewer_client.post(
        url(assignment), builders.form_data(call, committee="B"), **HTMX
    )
    assert "autosave--conflict" in response.content.decode()
    assert Review.objects.get(assignment=assignment).comment_for_committee == "A"


def test_submitting_with_a_criterion_missing_keeps_what_was_typed(
    reviewer_client, assignment, call
):
    data = builders.form_data(
        call,
        scores={0: 4, 1: 3, 2: 5, 3: 2},  # the fifth criterion is not scored
        committee="Très prometteur.",
        applicant="Continuez !",
        action="submit",
    )
    response = reviewer_client.post(url(assignment), data)
    assert response.status_code == 200
    page = response.content.decode()
    missing = builders.criteria(call)[4]
    assert f'id="id_criterion_{missing.pk}_error"' in page
    assert 'id="form-errors"' in page
    assert "Très prometteur." in page and "Continuez !" in page
    first = builders.criteria(call)[0]
    assert checked(page, first, 4)
    review = Review.objects.get(assignment=assignment)
    assert review.state == Review.State.DRAFT  # saved as a draft, not submitted
    assert review.score is None
    assert review.comment_for_committee == "Très prometteur."
    assert review.scores.count() == 4


def test_a_submission_stores_the_weighted_score_and_the_history(
    reviewer_client, reviewer, assignment, call
):
    criteria = builders.criteria(call)
    criteria[0].weight = 3
    criteria[0].save()
    data = builders.form_data(
        call, scores={0: 5, 1: 1, 2: 3, 3: 3, 4: 3}, committee="Solide.", action="submit"
    )
    response = reviewer_client.post(url(assignment), data)
    assert response.status_code == 302
    review = Review.objects.get(assignment=assignment)
    assert review.state == Review.State.SUBMITTED
    assert review.submitted_at is not None
    # (3 * 5 + 1 + 3 + 3 + 3) / 7 on the shared 0..5 scale
    assert review.score == pytest.approx(25 / 7)
    values = dict(zip([c.pk for c in criteria], [5, 1, 3, 3, 3], strict=True))
    assert review.score == scoring.weighted_score(values, criteria)
    entry = history_of(review).get(action="review_submitted")
    assert entry.actor == reviewer
    assert entry.to_state == Review.State.SUBMITTED
    # A double click submits once.
    reviewer_client.post(url(assignment), data)
    assert (
        history_of(review).filter(action__startswith="review_").count() == 2
    )  # started, submitted
    # The page now shows the score and offers to submit changes.
    page = reviewer_client.get(url(assignment)).content.decode()
    assert "3,57" in page or "3.57" in page
    assert 'value="submit"' in page and 'value="save"' not in page
    assert "hx-post" not in page  # a submitted review is not autosaved


def test_a_submitted_review_can_be_changed_and_resubmitted_until_the_deadline(
    reviewer_client, assignment, call
):
    settings = call.selection_settings
    settings.review_deadline = timezone.now() + timedelta(days=2)
    settings.save()
    data = builders.form_data(call, scores=builders.all_scores(4), action="submit")
    reviewer_client.post(url(assignment), data)
    review = Review.objects.get(assignment=assignment)
    assert review.score == 4
    changed = builders.form_data(
        call, version=review.version, scores=builders.all_scores(2), action="submit"
    )
    assert reviewer_client.post(url(assignment), changed).status_code == 302
    review.refresh_from_db()
    assert review.score == 2
    assert review.state == Review.State.SUBMITTED
    assert history_of(review).filter(action="review_resubmitted").exists()
    # An autosave from a page that still shows the draft does not touch it.
    response = reviewer_client.post(
        url(assignment), builders.form_data(call, version=1, scores={0: 0}), **HTMX
    )
    assert "autosave--saved" not in response.content.decode()
    review.refresh_from_db()
    assert review.score == 2
    # After the deadline, the submitted review is final.
    settings.review_deadline = timezone.now() - timedelta(minutes=1)
    settings.save()
    page = reviewer_client.get(url(assignment)).content.decode()
    assert "disabled" in page
    assert 'value="submit"' not in page
    late = builders.form_data(
        call, version=review.version, scores=builders.all_scores(5), action="submit"
    )
    response = reviewer_client.post(url(assignment), late)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.score == 2


def test_a_draft_may_still_be_submitted_after_the_deadline(reviewer_client, assignment, call):
    settings = call.selection_settings
    settings.review_deadline = timezone.now() - timedelta(hours=1)
    settings.save()
    page = reviewer_client.get(url(assignment)).content.decode()
    assert "disabled" not in page
    data = builders.form_data(call, scores=builders.all_scores(3), action="submit")
    assert reviewer_client.post(url(assignment), data).status_code == 302
    assert Review.objects.get(assignment=assignment).state == Review.State.SUBMITTED


def test_a_resubmission_must_keep_every_criterion_scored(reviewer_client, assignment, call):
    reviewer_client.post(
        url(assignment), builders.form_data(call, scores=builders.all_scores(3), action="submit")
    )
    review = Review.objects.get(assignment=assignment)
    # A criterion added to the form after the submission.
    added = call.review_criteria.create(label={"fr": "Nouveau"}, position=9)
    data = builders.form_data(
        call,
        version=review.version,
        scores=builders.all_scores(4),
        committee="Plus",
        action="submit",
    )
    response = reviewer_client.post(url(assignment), data)
    assert response.status_code == 200
    assert f'id="id_criterion_{added.pk}_error"' in response.content.decode()
    review.refresh_from_db()
    assert review.state == Review.State.SUBMITTED
    assert review.score == 3
    assert review.comment_for_committee == ""


def test_reviews_close_when_the_committee_has_decided(reviewer_client, assignment, call):
    Decision.objects.create(application=assignment.application, outcome="selected", reason="Oui")
    response = reviewer_client.post(
        url(assignment), builders.form_data(call, scores={0: 1}, action="save")
    )
    assert response.status_code == 302
    assert not Review.objects.filter(assignment=assignment).exists()
    response = reviewer_client.post(
        url(assignment), builders.form_data(call, scores={0: 1}), **HTMX
    )
    assert "autosave--conflict" in response.content.decode()


def test_a_score_outside_the_scale_is_refused_next_to_the_criterion(
    reviewer_client, assignment, call
):
    criterion = builders.criteria(call)[0]
    data = builders.form_data(call, action="save", committee="Gardé")
    data[f"criterion_{criterion.pk}"] = "9"
    response = reviewer_client.post(url(assignment), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_criterion_{criterion.pk}_error"' in page
    assert "Gardé" in page
    assert not Review.objects.filter(assignment=assignment).exists()
