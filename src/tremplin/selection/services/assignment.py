"""Writes of the reviewer assignment: runs of the solver, pinned and forbidden pairs, assignments by hand. Each write checks who may do it, runs in one transaction and records the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.applications import services as applications
from tremplin.applications.models import AnswerChoice, Application, State
from tremplin.core import history
from tremplin.core.services import require
from tremplin.programmes.models import Question

from .. import affinity, conflicts, membership
from ..assignment import Instance, solve
from ..models import (
    Assignment,
    AssignmentRule,
    Bid,
    CommitteeMember,
    Review,
    SelectionSettings,
)
from ..queries import assignment as queries
from ..workflow import ASSIGNABLE_STATES
from . import settings_for
from ._common import MANAGE, RUN, CommitteeRefused
from .conflicts import Detection, detect_conflicts

# How much of the solver's diagnostics the history keeps (the page shows the first ones).
KEEP_IN_HISTORY = 50


# --- The assignment ----------------------------------------------------------------------------


@dataclass
class RunOutcome:
    status: str  # "optimal", "infeasible" or "empty" (no application to assign)
    created: int = 0
    removed: int = 0
    kept: int = 0
    moved: int = 0  # applications sent from eligible to in review
    objective: float | None = None
    detection: Detection | None = None


def _trim(diagnostics: dict) -> dict:
    """The solver's diagnostics, lists cut to what the page shows (they go in the history)."""
    result = {}
    for key, value in diagnostics.items():
        if isinstance(value, list):
            result[key] = value[:KEEP_IN_HISTORY]
            result[f"{key}_count"] = len(value)
        elif isinstance(value, dict):
            result[key] = {
                k: (v[:KEEP_IN_HISTORY] if isinstance(v, list) else v) for k, v in value.items()
            }
        else:
            result[key] = value
    return result


def run_assignment(call, actor) -> RunOutcome:
    """Detect conflicts, then give every eligible application k reviewers with the solver
    (selection/assignment.py) and replace the assignments that no review has started.

    Kept: reviews started or submitted, pinned pairs, assignments added by hand. Forbidden pairs
    and conflicts are never used. When the solver finds no assignment meeting every constraint,
    nothing is replaced and the run's diagnostics are stored in the history for the page to
    explain. The solver runs in the request: a call has at most a few thousand applications and
    a few dozen members (some 10^5 pairs), which it solves in well under a second."""
    require(actor, RUN, call)
    detection = detect_conflicts(call, actor) if actor.has_perm(MANAGE, call) else None
    with transaction.atomic():
        settings_for(call)
        # One run at a time per call.
        SelectionSettings.objects.select_for_update().get(call=call)
        prepared = queries.prepare(call)
        # Conflicted assignments whose review is not submitted are wrong whatever the result.
        Assignment.objects.filter(pk__in=prepared.released).delete()
        if not prepared.applications:
            history.record(call, queries.RUN_ACTION, actor, status="empty")
            return RunOutcome("empty", detection=detection)
        instance = Instance.from_arrays(
            [a["pk"] for a in prepared.applications],
            [m.pk for m in prepared.members],
            prepared.capacities,
            prepared.k,
            affinity=prepared.affinity,
            conflict=prepared.conflict,
            forced=prepared.forced,
        )
        result = solve(instance)
        common = {
            "status": result.status,
            "applications": len(prepared.applications),
            "reviewers": len(prepared.members),
            "reviews_per_application": prepared.k,
            "diagnostics": _trim(result.diagnostics),
            "message": result.message,
            "ignored_pins": [list(p) for p in prepared.ignored_pins],
            "over_covered": prepared.over_covered[:KEEP_IN_HISTORY],
            "seconds": result.solver.get("seconds"),
        }
        if result.status != "optimal":
            history.record(call, queries.RUN_ACTION, actor, **common)
            return RunOutcome("infeasible", detection=detection)

        index_a = {a["pk"]: i for i, a in enumerate(prepared.applications)}
        index_m = {m.pk: j for j, m in enumerate(prepared.members)}
        chosen = {(a, m) for a, m in result.assignment}
        removed = [pk for pair, pk in prepared.replaceable.items() if pair not in chosen]
        Assignment.objects.filter(pk__in=removed).delete()
        new = [
            Assignment(
                member_id=m,
                application_id=a,
                source=Assignment.Source.SOLVER,
                affinity=float(prepared.affinity[index_a[a], index_m[m]]),
                created_by=actor,
            )
            for a, m in sorted(chosen - prepared.existing)
        ]
        Assignment.objects.bulk_create(new)
        # Affinities change with bids and expertise: the kept pairs get today's.
        kept = list(
            Assignment.objects.filter(
                member__call=call,
                application_id__in=list(index_a),
                member_id__in=list(index_m),
            ).exclude(pk__in=[a.pk for a in new if a.pk])
        )
        for assignment in kept:
            pair = (assignment.application_id, assignment.member_id)
            if pair in chosen:
                assignment.affinity = float(prepared.affinity[index_a[pair[0]], index_m[pair[1]]])
        Assignment.objects.bulk_update(kept, ["affinity"], batch_size=500)
        moved = 0
        for application in Application.objects.filter(
            pk__in={a for a, _m in chosen}, state=State.ELIGIBLE
        ).select_related("call"):
            applications.transition(application, actor, "start_review")
            moved += 1
        history.record(
            call,
            queries.RUN_ACTION,
            actor,
            **common,
            objective=result.objective,
            created=len(new),
            removed=len(removed),
            kept=len(chosen) - len(new),
            moved=moved,
        )
    return RunOutcome(
        "optimal",
        created=len(new),
        removed=len(removed),
        kept=len(chosen) - len(new),
        moved=moved,
        objective=result.objective,
        detection=detection,
    )


def _check_pair(call, member: CommitteeMember, application: Application) -> None:
    if member.call_id != call.pk or application.call_id != call.pk:
        raise CommitteeRefused(_("This member or this application is not part of this call."))
    if not member.reviews:
        raise CommitteeRefused(
            _("%(name)s is an observer: observers do not review.") % {"name": member.person_name}
        )
    if application.state not in ASSIGNABLE_STATES:
        raise CommitteeRefused(
            _(
                "This application is %(state)s: only eligible applications or those in review are assigned."
            )
            % {"state": application.get_state_display()}
        )


def _conflicted(member: CommitteeMember, application: Application) -> bool:
    membership.forget_cached(member)
    return application.pk in membership.conflicted_application_ids(member)


def set_rule(call, actor, member: CommitteeMember, application: Application, kind: str):
    """Pin (always assign) or forbid (never assign) a pair for the next runs. Forbidding a pair
    removes its assignment if no review has started."""
    require(actor, RUN, call)
    _check_pair(call, member, application)
    if kind not in AssignmentRule.Kind.values:
        raise CommitteeRefused(_("Choose whether to pin or to forbid the pair."))
    names = {"name": member.person_name, "application": application}
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_related("review")
            .filter(member=member, application=application)
            .first()
        )
        started = assignment is not None and hasattr(assignment, "review")
        if kind == AssignmentRule.Kind.PIN:
            if _conflicted(member, application):
                raise CommitteeRefused(
                    _("%(name)s is in conflict with “%(application)s”: the pair cannot be pinned.")
                    % names
                )
            k = settings_for(call).reviews_per_application
            fixed = _fixed_pairs(call, application=application)
            fixed.discard((application.pk, member.pk))
            if len(fixed) >= k:
                raise CommitteeRefused(
                    _(
                        "“%(application)s” already has %(count)s reviewers kept by every run "
                        "(pinned, added by hand or started), for %(k)s asked."
                    )
                    % {"application": application, "count": len(fixed), "k": k}
                )
            load = Assignment.objects.filter(member=member).exclude(application=application).count()
            if load >= member.capacity:
                raise CommitteeRefused(
                    _(
                        "%(name)s already has %(load)s reviews for a capacity of %(capacity)s: "
                        "raise their capacity first."
                    )
                    % {"name": member.person_name, "load": load, "capacity": member.capacity}
                )
        elif started:
            raise CommitteeRefused(
                _(
                    "%(name)s has started reviewing “%(application)s”: the pair cannot be "
                    "forbidden. If there is a conflict of interest, record it instead."
                )
                % names
            )
        rule, _created = AssignmentRule.objects.update_or_create(
            member=member,
            application=application,
            defaults={"kind": kind, "created_by": actor},
        )
        if kind == AssignmentRule.Kind.FORBID and assignment is not None:
            assignment.delete()
        history.record(
            call,
            "assignment_rule_set",
            actor,
            member=member.pk,
            application=application.pk,
            kind=kind,
        )
    return rule


def _fixed_pairs(call, *, application=None) -> set[tuple[int, int]]:
    """Pairs every run keeps: pinned, added by hand, or with a review started."""
    assignments = Assignment.objects.filter(member__call=call)
    rules = AssignmentRule.objects.filter(member__call=call, kind=AssignmentRule.Kind.PIN)
    if application is not None:
        assignments = assignments.filter(application=application)
        rules = rules.filter(application=application)
    pairs = {
        (a, m)
        for a, m, source, state in assignments.values_list(
            "application_id", "member_id", "source", "review__state"
        )
        if state or source == Assignment.Source.MANUAL
    }
    return pairs | set(rules.values_list("application_id", "member_id"))


def remove_rule(rule: AssignmentRule, actor) -> None:
    call = rule.member.call
    require(actor, RUN, call)
    with transaction.atomic():
        history.record(
            call,
            "assignment_rule_removed",
            actor,
            member=rule.member_id,
            application=rule.application_id,
            kind=rule.kind,
        )
        rule.delete()


def assign_by_hand(call, actor, member: CommitteeMember, application: Application) -> Assignment:
    """Add an assignment by hand (kept by later runs, like a pin), checking conflicts, forbidden
    pairs and the member's capacity. An eligible application goes to review."""
    require(actor, RUN, call)
    _check_pair(call, member, application)
    names = {"name": member.person_name, "application": application}
    with transaction.atomic():
        locked = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        if _conflicted(member, application):
            raise CommitteeRefused(
                _("%(name)s is in conflict with “%(application)s”: they cannot review it.") % names
            )
        if AssignmentRule.objects.filter(
            member=member, application=application, kind=AssignmentRule.Kind.FORBID
        ).exists():
            raise CommitteeRefused(
                _(
                    "The pair %(name)s – “%(application)s” is forbidden: remove the rule first if "
                    "you want it."
                )
                % names
            )
        if Assignment.objects.filter(member=member, application=application).exists():
            raise CommitteeRefused(_("%(name)s already reviews “%(application)s”.") % names)
        load = Assignment.objects.filter(member=member).count()
        if load >= locked.capacity:
            raise CommitteeRefused(
                _(
                    "%(name)s already has %(load)s reviews for a capacity of %(capacity)s: raise "
                    "their capacity first, or remove one of their assignments."
                )
                % {"name": member.person_name, "load": load, "capacity": locked.capacity}
            )
        assignment = Assignment.objects.create(
            member=member,
            application=application,
            source=Assignment.Source.MANUAL,
            affinity=pair_affinity(member, application),
            created_by=actor,
        )
        if application.state == State.ELIGIBLE:
            applications.transition(application, actor, "start_review")
        history.record(
            call,
            "assignment_added",
            actor,
            member=member.pk,
            application=application.pk,
        )
    return assignment


def unassign(assignment: Assignment, actor) -> None:
    """Remove an assignment by hand; refused once the review has started (nothing typed is
    lost). A pin on the pair goes with it, so that the next run does not put it back."""
    call = assignment.member.call
    require(actor, RUN, call)
    with transaction.atomic():
        if Review.objects.filter(assignment=assignment).exists():
            raise CommitteeRefused(
                _(
                    "%(name)s has started this review: the assignment cannot be removed. If they "
                    "are in conflict, record the conflict: a submitted review then stops counting."
                )
                % {"name": assignment.member.person_name}
            )
        AssignmentRule.objects.filter(
            member_id=assignment.member_id,
            application_id=assignment.application_id,
            kind=AssignmentRule.Kind.PIN,
        ).delete()
        history.record(
            call,
            "assignment_removed",
            actor,
            member=assignment.member_id,
            application=assignment.application_id,
        )
        assignment.delete()


def pair_affinity(member: CommitteeMember, application: Application) -> float:
    """The affinity of one pair, as the run computes it (a handful of queries)."""
    lines = AnswerChoice.objects.filter(
        application=application, question__kind=Question.Kind.BUSINESS_LINE
    ).values_list("value", flat=True)
    bid = (
        Bid.objects.filter(member=member, application=application)
        .values_list("preference", flat=True)
        .first()
    )
    language = (
        Application.objects.filter(pk=application.pk)
        .values_list("applicant__preferred_language", flat=True)
        .first()
    )
    profile = affinity.MemberProfile.build(
        business_lines=member.business_lines.values_list("code", flat=True),
        regions=member.regions.values_list("pk", flat=True),
        themes=member.themes,
        languages=member.languages or [],
    )
    target = affinity.ApplicationProfile.build(
        business_lines=list(lines),
        region=application.region_id,
        texts=[application.title, *conflicts.answer_texts(application.frozen_answers)],
        language=language,
    )
    return affinity.affinity(profile, target, bid)
