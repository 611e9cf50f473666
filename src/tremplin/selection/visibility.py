"""Who sees which reviews of an application, and when: the one rule that every page, export and
partial showing reviews, scores, reviewers' names or comments applies (the review page, the
meeting's agenda, the page of an item, the minutes, the ranking and its export). Pages ask
`sight(person, call)` once and read `of(application_id)` per application; single checks go
through the `selection.view_reviews` and `selection.view_scores` permissions (rules.py).

What a person may see of the reviews of one application, from most to least:

- REVIEWS: every counted review (below) with its reviewer's name, the scores per criterion, the
  weighted score and both comments; and the figures drawn from them (mean, range...).
- SCORES: the figures drawn from the reviews (mean, number of reviews, the ranking's
  statistics), never a review, a reviewer's name next to a score, nor a comment.
- NOTHING: no score at all, not even the mean: with two reviews, the mean and one's own score
  give the other's; before one's own review, any figure anchors it.

The rule, in this order:

1. A member in conflict with the application sees NOTHING of it, whatever their role (chair and
   staff with a seat included); the pages do not even list it (membership.py).
2. Staff and the chair of the call see REVIEWS: they run the selection and the meeting.
3. Anybody else without a seat on the call's committee sees NOTHING.
4. A member (reviewer or observer) sees what the call's `reviews_visibility` allows, once the
   reviews are *released* to them:
   - "always": REVIEWS, at any time;
   - "after one's own" (the default): REVIEWS once released, NOTHING before;
   - "never": SCORES once released, NOTHING before; reviews stay between their author, the
     chair and staff.

The reviews of an application are *released* to a member when:

- they submitted their own review of it; or
- the committee has decided on it (reviews are closed then: nothing can be anchored); or
- they do not owe a review of it (they were not asked to review it, or they observe) and the
  committee deliberates on it: the application is on the agenda of a meeting in session or
  closed. The meeting is where the committee shares its reviews; a member who was not asked to
  review the application discusses it and votes on it with the others.

Why the meeting's state and not only one's own review: while a meeting is only planned the
reviewing is still going on, and a member who sees the scores could be anchored by them, or
pass them on to one who still reviews; a planned meeting therefore releases nothing. Once the
meeting is in session the committee discusses the application with its reviews (and the
minutes record them); a member who still owes a review of it is the exception: their review
must stay independent, so they see nothing of it until they submit (or the decision closes
reviewing). A closed meeting keeps what the session showed, so that the minutes read the same
to the same person afterwards.

Which reviews count: submitted ones (never a draft) whose author is not in conflict with the
application now (a conflict declared after submitting keeps the review but takes it out of
every page and figure, as in the ranking: membership.in_conflict).

Queries: `sight` reads the settings, the seat and its conflicts (cached per request), and for a
member under "after one's own" or "never" their assignments and the applications under
deliberation: at most five, whatever the number of applications."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from django.utils.translation import gettext as _

from tremplin.accounts.rules import is_accelerator_staff
from tremplin.applications.models import Application

from . import membership
from .models import CommitteeMember, Meeting, Review, SelectionSettings


class Sight(IntEnum):
    NOTHING = 0
    SCORES = 1
    REVIEWS = 2


# Meetings whose agenda the committee deliberates on (or did).
DELIBERATING = (Meeting.State.OPEN, Meeting.State.CLOSED)


@dataclass
class ReviewSight:
    """What one person sees of the reviews of each application of one call."""

    everything: bool  # staff or the chair (conflicts apart)
    member: bool  # sits on the committee
    visibility: str
    hidden: set[int] = field(default_factory=set)  # in conflict: nothing, ever
    submitted: set[int] = field(default_factory=set)  # their own review is submitted
    owed: set[int] = field(default_factory=set)  # asked to review, not submitted yet
    deliberated: set[int] = field(default_factory=set)  # at a meeting in session or closed
    decided: set[int] = field(default_factory=set)

    def released(self, application_id: int) -> bool:
        if application_id in self.submitted or application_id in self.decided:
            return True
        return application_id in self.deliberated and application_id not in self.owed

    def of(self, application_id: int) -> Sight:
        if application_id in self.hidden:
            return Sight.NOTHING
        if self.everything:
            return Sight.REVIEWS
        if not self.member:
            return Sight.NOTHING
        if self.visibility == SelectionSettings.Visibility.ALWAYS:
            return Sight.REVIEWS
        if not self.released(application_id):
            return Sight.NOTHING
        if self.visibility == SelectionSettings.Visibility.NEVER:
            return Sight.SCORES
        return Sight.REVIEWS

    def reviews(self, application_id: int) -> bool:
        return self.of(application_id) == Sight.REVIEWS

    def scores(self, application_id: int) -> bool:
        return self.of(application_id) >= Sight.SCORES

    @property
    def every_review(self) -> bool:
        """Whether the person may read every review of the call (their conflicts apart): what
        a table across applications drawn from individual reviews needs (the reviewers'
        severity in the ranking)."""
        return self.everything or (
            self.member and self.visibility == SelectionSettings.Visibility.ALWAYS
        )

    def reason(self, application_id: int) -> str:
        """Why the reviews are not shown, worded for the person ("" when they are)."""
        level = self.of(application_id)
        if level == Sight.REVIEWS or application_id in self.hidden or not self.member:
            return ""
        never = self.visibility == SelectionSettings.Visibility.NEVER
        if level == Sight.SCORES:
            return _("In this call, members do not see each other's reviews, only the mean.")
        if application_id in self.owed:
            if never:
                return _(
                    "In this call, members do not see each other's reviews. You will see the "
                    "mean once you have submitted your own review."
                )
            return _("You will see the reviews once you have submitted your own review.")
        if never:
            return _(
                "In this call, members do not see each other's reviews. The mean is shown when "
                "the committee deliberates on the application (the meeting is in session)."
            )
        return _(
            "The reviews are shown when the committee deliberates on the application (the "
            "meeting is in session)."
        )


def settings_of(call) -> SelectionSettings:
    """The call's settings (read once and kept on the call), or the defaults."""
    try:
        return call.selection_settings
    except SelectionSettings.DoesNotExist:
        return SelectionSettings(call=call)


def sight(person, call) -> ReviewSight:
    """What `person` sees of the reviews of each application of `call`."""

    seat = membership.seat(person, call)
    options = settings_of(call)
    # Conflicts for a member; one's own applications for anyone (four eyes), staff included.
    hidden = membership.hidden_application_ids(person, call)
    staff = bool(is_accelerator_staff(person))
    chair = seat is not None and seat.role == CommitteeMember.Role.CHAIR
    result = ReviewSight(
        everything=staff or chair,
        member=seat is not None,
        visibility=options.reviews_visibility,
        hidden=set(hidden),
    )
    if (
        result.everything
        or seat is None
        or options.reviews_visibility == SelectionSettings.Visibility.ALWAYS
    ):
        return result
    for application_id, state in seat.assignments.values_list("application_id", "review__state"):
        if state == Review.State.SUBMITTED:
            result.submitted.add(application_id)
        else:
            result.owed.add(application_id)

    result.deliberated = set(
        Application.objects.filter(
            call=call, agenda_items__meeting__state__in=DELIBERATING
        ).values_list("pk", flat=True)
    )
    result.decided = set(
        Application.objects.filter(call=call, decision__isnull=False).values_list("pk", flat=True)
    )
    return result


def counted_reviews():
    """The reviews that count, of any call: submitted, their author not in conflict with the
    application now."""
    return Review.objects.filter(state=Review.State.SUBMITTED).exclude(
        membership.in_conflict("assignment__")
    )


def readable_reviews(who: ReviewSight, application_ids):
    """The counted reviews of `application_ids` that the person may read in full."""
    shown = [pk for pk in application_ids if who.reviews(pk)]
    return counted_reviews().filter(assignment__application_id__in=shown)
