"""Writes of the selection committee: reviews (a call's review form, a member's review).

Every write here checks its permission, runs in one transaction and, when it matters, writes
the history: the review form's changes on the call, a review's start, submission and
re-submission on the review. Draft saves are not in the history (they happen every few
seconds while a member types); the review's version counts them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.applications.display import moment_in_zone
from tremplin.applications.models import State as ApplicationState
from tremplin.core import history, ordering
from tremplin.core.services import require

from .. import membership, scoring
from ..models import Assignment, Decision, Review, ReviewCriterion, ReviewScore
from ..workflow import REVIEW_WORKFLOW
from . import settings_for

# --- The review form of a call (staff) ----------------------------------------------------------


def is_scored(criterion: ReviewCriterion) -> bool:
    return ReviewScore.objects.filter(criterion=criterion).exists()


def criterion_deletion_refusal(criterion: ReviewCriterion) -> str | None:
    if is_scored(criterion):
        return _(
            "Reviews have already scored this criterion: it cannot be deleted. You may set its "
            "weight to 0 so that it no longer counts."
        )
    return None


def add_criterion(call, actor, **fields) -> ReviewCriterion:
    require(actor, "selection.manage_review_form", call)
    with transaction.atomic():
        position = (call.review_criteria.aggregate(m=Max("position"))["m"] or 0) + 1
        criterion = ReviewCriterion(call=call, position=position, **fields)
        criterion.full_clean()
        criterion.save()
        history.record(call, "review_criterion_added", actor, criterion=str(criterion.label))
        recompute_scores(call)  # the form's scale may change (scoring.form_scale)
    return criterion


def update_criterion(criterion: ReviewCriterion, actor, **fields) -> ReviewCriterion:
    """Change a criterion. Its scale is fixed once scored; a change of weight recomputes the
    score of every submitted review of the call, so that stored scores stay true."""
    call = criterion.call
    require(actor, "selection.manage_review_form", call)
    with transaction.atomic():
        current = ReviewCriterion.objects.select_for_update().get(pk=criterion.pk)
        scale = (
            fields.get("scale_min", current.scale_min),
            fields.get("scale_max", current.scale_max),
        )
        if scale != (current.scale_min, current.scale_max) and is_scored(current):
            raise ValidationError(
                _("Reviews have already scored this criterion: its scale cannot change.")
            )
        before = {name: getattr(current, name) for name in fields}
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
        changed = sorted(name for name in fields if before[name] != getattr(current, name))
        if changed:
            history.record(
                call, "review_criterion_changed", actor, criterion=current.pk, fields=changed
            )
        if "weight" in changed or "scale_min" in changed or "scale_max" in changed:
            recompute_scores(call)
    return current


def delete_criterion(criterion: ReviewCriterion, actor) -> None:
    call = criterion.call
    require(actor, "selection.manage_review_form", call)
    with transaction.atomic():
        current = ReviewCriterion.objects.select_for_update().get(pk=criterion.pk)
        refusal = criterion_deletion_refusal(current)
        if refusal:
            raise ValidationError(refusal)
        history.record(call, "review_criterion_deleted", actor, criterion=str(current.label))
        current.delete()
        recompute_scores(call)


def move_criterion(criterion: ReviewCriterion, actor, offset: int) -> None:
    """Swap the criterion with its neighbour; positions are renumbered to stay distinct."""
    call = criterion.call
    require(actor, "selection.manage_review_form", call)
    with transaction.atomic():
        if ordering.move(ReviewCriterion.objects.filter(call=call), criterion, offset):
            history.record(
                call, "review_criterion_moved", actor, criterion=criterion.pk, offset=offset
            )


def recompute_scores(call) -> int:
    """Recompute the weighted score of every submitted review of `call` from its criterion
    scores (after the form's weights changed). Three queries whatever the number of reviews.
    Returns the number of reviews whose score changed."""
    criteria = [scoring.as_criterion(c) for c in ReviewCriterion.objects.filter(call=call)]
    reviews = {
        review.pk: review
        for review in Review.objects.filter(
            assignment__member__call=call, state=Review.State.SUBMITTED
        ).only("pk", "score")
    }
    values: dict[int, dict[int, int]] = {}
    for review_id, criterion_id, value in ReviewScore.objects.filter(
        review__in=list(reviews)
    ).values_list("review_id", "criterion_id", "value"):
        values.setdefault(review_id, {})[criterion_id] = value
    changed = []
    for review_id, review in reviews.items():
        score = scoring.weighted_score(values.get(review_id, {}), criteria)
        if score != review.score:
            review.score = score
            changed.append(review)
    Review.objects.bulk_update(changed, ["score"], batch_size=500)
    return len(changed)


# --- A member's review -------------------------------------------------------------------------


@dataclass
class Changed:
    """A part of the review that someone changed elsewhere since this page was loaded: its
    label and what it reads now."""

    field: str
    label: str
    theirs: str


@dataclass
class SaveResult:
    review: Review | None
    saved: bool = False  # something changed and was stored
    submitted: bool = False  # the review was (re-)submitted by this save
    conflicts: list[Changed] = field(default_factory=list)
    missing: list[ReviewCriterion] = field(default_factory=list)  # unscored at a submission

    @property
    def version(self) -> int:
        return self.review.version if self.review else 0


def deadline_passed(call, now=None) -> bool:
    deadline = settings_for(call).review_deadline
    return deadline is not None and (now or timezone.now()) >= deadline


def format_deadline(call) -> str:
    deadline = settings_for(call).review_deadline
    if deadline is None:
        return ""
    return moment_in_zone(deadline, call.time_zone)


def edit_refusal(assignment: Assignment, review: Review | None, now=None) -> str | None:
    """Why the review of `assignment` cannot be changed now, or None. A draft may be completed
    after the review deadline (the committee needs it); a submitted review may be changed
    until the deadline, then it is final."""
    application = assignment.application
    if Decision.objects.filter(application_id=application.pk).exists():
        return _("The committee has decided on this application: its reviews are closed.")
    if application.state == ApplicationState.WITHDRAWN:
        return _("The applicant has withdrawn this application: there is nothing to review.")
    if (
        review is not None
        and review.state == Review.State.SUBMITTED
        and deadline_passed(assignment.member.call, now)
    ):
        return _(
            "The review deadline (%(deadline)s) has passed: your submitted review is final."
        ) % {"deadline": format_deadline(assignment.member.call)}
    return None


def check_reviewer(assignment: Assignment, actor) -> None:
    """Only the assigned member may write the review, while they review for the call and are
    not in conflict with the application."""
    member = assignment.member
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if member.person_id != actor.pk or not member.reviews:
        raise PermissionDenied
    if assignment.application.pk in membership.conflicted_application_ids(member):
        raise PermissionDenied


def _display_score(value) -> str:
    return "—" if value is None else str(value)


def _differences(review, stored_scores, criteria, scores, comments) -> list[Changed]:
    """The parts of `review` as stored that differ from what this save sends."""
    changes = []
    for criterion in criteria:
        theirs = stored_scores.get(criterion.pk)
        if scores.get(criterion.pk) != theirs:
            changes.append(
                Changed(f"criterion_{criterion.pk}", str(criterion.label), _display_score(theirs))
            )
    for name, label in (
        ("comment_for_committee", _("Comment for the committee")),
        ("comment_for_applicant", _("Comment for the applicant")),
    ):
        theirs = getattr(review, name) if review else ""
        if comments[name] != theirs:
            changes.append(Changed(name, label, theirs))
    return changes


def save_review(
    assignment: Assignment,
    actor,
    *,
    scores: dict[int, int | None],
    comment_for_committee: str = "",
    comment_for_applicant: str = "",
    base_version: int,
    submit: bool = False,
    now=None,
) -> SaveResult:
    """Save the member's review of `assignment` and, with `submit`, submit it.

    `base_version` is the version of the review the page was built from (0 before the review
    exists). When the review changed since then (another window, another tab) and what is sent
    differs from what is stored, nothing is saved and the result lists what differs, with the
    stored text: nobody overwrites a change silently.

    A submitted review stays submitted: a save of it is a re-submission, so it must score every
    criterion, and it is refused after the review deadline. A submission with a criterion left
    unscored saves a draft (nothing typed is lost) and lists the missing criteria.
    """
    now = now or timezone.now()
    check_reviewer(assignment, actor)
    comments = {
        "comment_for_committee": (comment_for_committee or "").strip(),
        "comment_for_applicant": (comment_for_applicant or "").strip(),
    }
    with transaction.atomic():
        # The assignment row is the lock: it exists before the review does.
        Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
        review = Review.objects.filter(assignment=assignment).first()
        refusal = edit_refusal(assignment, review, now)
        if refusal:
            raise ValidationError(refusal)
        criteria = list(ReviewCriterion.objects.filter(call_id=assignment.member.call_id))
        stored = dict(review.scores.values_list("criterion_id", "value")) if review else {}
        wanted = {c.pk: scores.get(c.pk) for c in criteria}
        # A criterion scored earlier and absent from this save (a criterion added since the page
        # was loaded is absent the other way round) keeps its stored score.
        for criterion_id, value in wanted.items():
            if value is None and criterion_id not in scores and criterion_id in stored:
                wanted[criterion_id] = stored[criterion_id]
        differences = _differences(review, stored, criteria, wanted, comments)
        current_version = review.version if review else 0
        if differences and base_version != current_version:
            return SaveResult(review, conflicts=differences)
        for criterion in criteria:
            value = wanted[criterion.pk]
            if value is not None and not criterion.scale_min <= value <= criterion.scale_max:
                raise ValidationError(
                    {
                        f"criterion_{criterion.pk}": _("Choose a score from %(low)s to %(high)s.")
                        % {"low": criterion.scale_min, "high": criterion.scale_max}
                    }
                )
        missing = [c for c in criteria if wanted[c.pk] is None]
        submitting = submit or (review is not None and review.state == Review.State.SUBMITTED)
        if submitting and missing:
            if review is not None and review.state == Review.State.SUBMITTED:
                # A submitted review is never turned back into an incomplete one.
                return SaveResult(review, missing=missing)
            review = _store(assignment, actor, review, stored, wanted, comments, differences)
            return SaveResult(review, saved=bool(differences), missing=missing)
        if not submitting:
            review = _store(assignment, actor, review, stored, wanted, comments, differences)
            return SaveResult(review, saved=bool(differences))
        was_submitted = review is not None and review.state == Review.State.SUBMITTED
        if was_submitted and not differences:
            return SaveResult(review)  # submitted again as it is: a double click
        review = _store(assignment, actor, review, stored, wanted, comments, differences, True)
        review.score = scoring.weighted_score(wanted, criteria)
        review.submitted_at = now
        # A new version even when nothing else changed: a page still showing the draft must
        # not re-submit it silently.
        review.version += 1
        review.save(update_fields=["score", "submitted_at", "version", "updated_at"])
        if was_submitted:
            history.record(
                review,
                "review_resubmitted",
                actor,
                to_state=Review.State.SUBMITTED,
                score=review.score,
            )
        else:
            # The machine checks who may submit and records `review_submitted`.
            REVIEW_WORKFLOW.fire(review, "submit", actor, score=review.score)
        return SaveResult(review, saved=True, submitted=True)


def _store(
    assignment, actor, review, stored, wanted, comments, differences, create=False
) -> Review | None:
    """Write what differs; the version counts each change. No review is created for nothing,
    unless `create` (a submission)."""
    if review is None and not differences and not create:
        return None
    if review is None:
        review = Review.objects.create(assignment=assignment, version=1, **comments)
        history.record(review, "review_started", actor)
    elif differences:
        review.comment_for_committee = comments["comment_for_committee"]
        review.comment_for_applicant = comments["comment_for_applicant"]
        review.version += 1
        review.save(
            update_fields=[
                "comment_for_committee",
                "comment_for_applicant",
                "version",
                "updated_at",
            ]
        )
    else:
        return review
    new, changed, removed = [], [], []
    existing = {s.criterion_id: s for s in review.scores.all()} if stored else {}
    for criterion_id, value in wanted.items():
        score = existing.get(criterion_id)
        if value is None:
            if score is not None:
                removed.append(score.pk)
        elif score is None:
            new.append(ReviewScore(review=review, criterion_id=criterion_id, value=value))
        elif score.value != value:
            score.value = value
            changed.append(score)
    if new:
        ReviewScore.objects.bulk_create(new)
    if changed:
        ReviewScore.objects.bulk_update(changed, ["value"])
    if removed:
        ReviewScore.objects.filter(pk__in=removed).delete()
    return review
