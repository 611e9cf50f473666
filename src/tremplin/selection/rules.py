"""Who may do what in the selection committee. Deny by default. A member never sees an
application they are in conflict with: every permission on an application checks it."""

import rules

from tremplin.accounts.rules import READ_ONLY_STAFF, is_accelerator_staff, is_committee_member
from tremplin.core import four_eyes
from tremplin.core.rules import admin_module, admin_permissions

from . import membership, visibility
from .models import CommitteeMember


@rules.predicate
def sits_on(user, call) -> bool:
    return membership.seat(user, call) is not None


@rules.predicate
def chairs(user, call) -> bool:
    seat = membership.seat(user, call)
    return seat is not None and seat.role == CommitteeMember.Role.CHAIR


@rules.predicate
def observes(user, call) -> bool:
    seat = membership.seat(user, call)
    return seat is not None and seat.role == CommitteeMember.Role.OBSERVER


@rules.predicate
def reviews_for(user, call) -> bool:
    seat = membership.seat(user, call)
    return seat is not None and seat.reviews


@rules.predicate
def bidding_open(user, call) -> bool:
    settings = getattr(call, "selection_settings", None)
    return bool(settings and settings.bidding_open)


@rules.predicate
def assigned_to(user, application) -> bool:
    seat = membership.seat(user, application.call)
    return seat is not None and seat.assignments.filter(application=application).exists()


@rules.predicate
def conflicted(user, application) -> bool:
    return membership.is_conflicted(user, application)


@rules.predicate
def sees_reviews_of(user, application) -> bool:
    """May read the reviews of the application (names, scores, comments): visibility.py."""
    return visibility.sight(user, application.call).reviews(application.pk)


@rules.predicate
def sees_scores_of(user, application) -> bool:
    """May see the figures drawn from its reviews (the mean...): visibility.py."""
    return visibility.sight(user, application.call).scores(application.pk)


@rules.predicate
def chairs_its_call(user, application) -> bool:
    return chairs(user, application.call)


@rules.predicate
def observes_its_call(user, application) -> bool:
    return observes(user, application.call)


# Anywhere: the link to one's committees (adding a member grants the committee role).
rules.add_perm("selection.view_committee_seats", is_committee_member)

# On a call
rules.add_perm("selection.manage_committee", is_accelerator_staff)
rules.add_perm("selection.run_assignment", is_accelerator_staff)
rules.add_perm("selection.manage_review_form", is_accelerator_staff)
rules.add_perm("selection.view_committee", sits_on | is_accelerator_staff)
rules.add_perm("selection.bid", reviews_for & bidding_open)
rules.add_perm("selection.review", reviews_for)
rules.add_perm("selection.view_ranking", chairs | observes | is_accelerator_staff)
rules.add_perm("selection.run_meeting", chairs | is_accelerator_staff)
rules.add_perm("selection.attend_meeting", sits_on | is_accelerator_staff)
rules.add_perm("selection.decide", chairs | is_accelerator_staff)
rules.add_perm("selection.send_decisions", is_accelerator_staff)

# On an application
rules.add_perm("selection.review_application", assigned_to & ~conflicted)
rules.add_perm(
    "selection.view_application_in_committee",
    (assigned_to | chairs_its_call | observes_its_call | is_accelerator_staff) & ~conflicted,
)
rules.add_perm("selection.declare_conflict", assigned_to)
# Who sees which reviews, and when: the one rule is visibility.py (pages showing many
# applications read it once through visibility.sight).
rules.add_perm("selection.view_reviews", sees_reviews_of)
rules.add_perm("selection.view_scores", sees_scores_of)

# The committee's decisions on an application (the transitions of its workflow that
# applications/workflow.py guards with this permission): staff, or the chair of the call's
# committee unless conflicted; never on one's own application (four eyes).
four_eyes.add_perm(
    "applications.decide_application",
    is_accelerator_staff | (chairs_its_call & ~conflicted),
)

# The Django admin: the whole selection (seats, conflicts, assignments, criteria, meetings,
# settings), members' own work and the committee's decisions are written on their pages and
# read here.
for _model in (
    "selection.selectionsettings",
    "selection.committeemember",
    "selection.conflict",
    "selection.assignment",
    "selection.reviewcriterion",
    "selection.meeting",
    "selection.bid",
    "selection.review",
    "selection.decision",
):
    admin_permissions(_model, **READ_ONLY_STAFF)
admin_module("selection", is_accelerator_staff)
