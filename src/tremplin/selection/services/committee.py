"""Writes of a call's committee: members, the selection settings, conflicts of interest
(declared and detected), bids, and the reviewer assignment (runs of the solver, pinned and
forbidden pairs, assignments by hand). Each write checks who may do it, runs in one
transaction and records the history."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.accounts.models import Person, Role
from tremplin.applications import services as applications
from tremplin.applications.models import Application, State
from tremplin.core import history

from .. import affinity, conflicts, membership
from .. import queries_committee as queries
from ..assignment import Instance, solve
from ..models import (
    Assignment,
    AssignmentRule,
    Bid,
    CommitteeMember,
    Conflict,
    Review,
    SelectionSettings,
)
from . import settings_for

MANAGE = "selection.manage_committee"
RUN = "selection.run_assignment"
# How much of the solver's diagnostics the history keeps (the page shows the first ones).
KEEP_IN_HISTORY = 50


class CommitteeRefused(ValidationError):
    """A refused action, with a message for the person."""


def _require(actor, permission: str, call) -> None:
    if actor is None or not actor.has_perm(permission, call):
        raise PermissionDenied(_("You are not allowed to do this."))


def _forget_cached_conflicts(member: CommitteeMember) -> None:
    member.__dict__.pop("_conflicted_ids", None)
    person = member.person if member.person_id else None
    if person is not None:
        person.__dict__.pop("_committee_seats", None)


# --- Members -----------------------------------------------------------------------------------


def add_member(call, actor, person, *, role=CommitteeMember.Role.REVIEWER, capacity=None):
    """Seat `person` on the call's committee; the capacity defaults to the call's. Reviewers and
    chairs get the committee role, which requires two-factor authentication. The new member's
    conflicts are detected at once, before they see anything."""
    _require(actor, MANAGE, call)
    if role not in CommitteeMember.Role.values:
        raise CommitteeRefused(_("Choose a role."))
    with transaction.atomic():
        if CommitteeMember.objects.filter(call=call, person=person).exists():
            raise CommitteeRefused(_("%(name)s already sits on this committee.") % {"name": person})
        options = settings_for(call)
        member = CommitteeMember.objects.create(
            call=call,
            person=person,
            person_name=str(person),
            role=role,
            capacity=options.default_capacity if capacity is None else capacity,
            languages=[person.preferred_language] if person.preferred_language else [],
        )
        if member.reviews:
            from tremplin.accounts.services import grant_role

            # The seat is the authority; the role only makes two-factor compulsory for them.
            grant_role(person, Role.COMMITTEE)
        history.record(
            call,
            "committee_member_added",
            actor,
            member=member.pk,
            person=person.pk,
            role=role,
            capacity=member.capacity,
        )
        _sync_detected(call, actor)
    return member


def update_member(
    member: CommitteeMember,
    actor,
    *,
    role,
    capacity,
    business_lines=(),
    regions=(),
    themes="",
    languages=(),
) -> CommitteeMember:
    call = member.call
    _require(actor, MANAGE, call)
    with transaction.atomic():
        current = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        if (
            role == CommitteeMember.Role.OBSERVER
            and current.reviews
            and current.assignments.exists()
        ):
            raise CommitteeRefused(
                _(
                    "%(name)s has applications to review: remove their assignments before "
                    "making them an observer."
                )
                % {"name": current.person_name}
            )
        before = {
            "role": current.role,
            "capacity": current.capacity,
            "themes": current.themes,
            "languages": list(current.languages or []),
        }
        current.role, current.capacity = role, capacity
        current.themes = (themes or "").strip()
        current.languages = list(languages or [])
        current.full_clean(exclude=["person", "call"])
        current.save()
        current.business_lines.set(business_lines)
        current.regions.set(regions)
        if current.reviews and current.person_id:
            from tremplin.accounts.services import grant_role

            grant_role(current.person, Role.COMMITTEE)
        changed = sorted(k for k, v in before.items() if getattr(current, k) != v)
        history.record(
            call,
            "committee_member_changed",
            actor,
            member=current.pk,
            fields=changed,
            role=current.role,
            capacity=current.capacity,
        )
    return current


def remove_member(member: CommitteeMember, actor) -> None:
    """Take a member off the committee. Refused once they have started a review: their work is
    kept (set their capacity to what they did instead)."""
    call = member.call
    _require(actor, MANAGE, call)
    with transaction.atomic():
        current = CommitteeMember.objects.select_for_update().get(pk=member.pk)
        started = Review.objects.filter(assignment__member=current).count()
        if started:
            raise CommitteeRefused(
                _(
                    "%(name)s has started or submitted %(count)s review(s): they stay on the "
                    "committee so that their work is kept. Lower their capacity to stop new "
                    "assignments."
                )
                % {"name": current.person_name, "count": started}
            )
        history.record(
            call,
            "committee_member_removed",
            actor,
            member=current.pk,
            person=current.person_id,
            name=current.person_name,
        )
        current.delete()


def update_settings(call, actor, **values) -> SelectionSettings:
    """Change the call's selection settings. Opening the bidding detects conflicts first, so
    that nobody bids on an application they are in conflict with."""
    _require(actor, MANAGE, call)
    with transaction.atomic():
        settings_for(call)
        current = SelectionSettings.objects.select_for_update().get(call=call)
        before = {name: getattr(current, name) for name in values}
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean(exclude=["call"])
        current.save()
        changed = sorted(name for name in values if before[name] != getattr(current, name))
        if changed:
            history.record(call, "selection_settings_changed", actor, fields=changed)
        if current.bidding_open and not before.get("bidding_open", True):
            _sync_detected(call, actor)
    call.selection_settings = current
    return current


# --- Conflicts ---------------------------------------------------------------------------------


@dataclass
class Released:
    """What a conflict did to assignments: removed (not submitted), kept out of the ranking
    (submitted)."""

    removed: int = 0
    kept: int = 0


@dataclass
class Detection:
    added: int
    removed: int
    released: Released


def declare_conflict(
    member: CommitteeMember,
    actor,
    *,
    application=None,
    organisation=None,
    person=None,
    email: str = "",
    reason: str = "",
) -> Released:
    """A conflict declared by the member (or recorded by staff for them), on an application, an
    organisation or a person (an account, or any e-mail address); at any time. An assignment it
    touches is removed if its review is not submitted; a submitted review is kept but no longer
    counts (see queries_committee.in_conflict), and the application shows as short of a
    reviewer on the assignment page until a re-run or staff give it another.

    A declaration by e-mail address is stored with the address, whatever exists behind it,
    and matched when conflicts are read (membership.person_with_address): it covers the
    person's applications now and later, as lead applicant or co-applicant, even if they sign
    up afterwards. The account it names today, if any, is noted for staff; what is returned
    to the member's page must not depend on it (see views.committee._declare)."""
    call = member.call
    is_self = actor is not None and member.person_id == getattr(actor, "pk", None)
    if not is_self:
        _require(actor, MANAGE, call)
    email = (email or "").strip().lower()
    targets = [t for t in (application, organisation, person, email or None) if t is not None]
    if len(targets) != 1:
        raise CommitteeRefused(
            _("Say what the conflict is about: an application, an organisation or a person.")
        )
    if application is not None and application.call_id != call.pk:
        raise CommitteeRefused(_("This application is not part of this call."))
    reason = (reason or "").strip()[:300]
    with transaction.atomic():
        lookup = {"member": member}
        extra = {}
        if application is not None:
            lookup["application"] = application
        elif organisation is not None:
            lookup.update(organisation=organisation, application=None, person=None)
        elif email:
            lookup.update(email=email, application=None, organisation=None)
            extra["person"] = Person.objects.filter(email__iexact=email).first()
        else:
            lookup.update(person=person, application=None, organisation=None)
        conflict = Conflict.objects.filter(**lookup).first()
        if conflict is None:
            conflict = Conflict.objects.create(
                source=Conflict.Source.DECLARED, reason=reason, **lookup, **extra
            )
            history.record(
                member,
                "conflict_declared",
                actor,
                conflict=conflict.pk,
                application=getattr(application, "pk", None),
                organisation=getattr(organisation, "pk", None),
                person=conflict.person_id,
                email=email,
            )
        _forget_cached_conflicts(member)
        fresh = CommitteeMember.objects.get(pk=member.pk)
        affected = membership.conflicted_application_ids(fresh)
        released = _release(call, {(member.pk, a) for a in affected}, actor)
    _forget_cached_conflicts(member)
    return released


def remove_conflict(conflict: Conflict, actor) -> None:
    """Staff remove a conflict recorded by mistake. A detected one comes back at the next
    detection if it still holds."""
    call = conflict.member.call
    _require(actor, MANAGE, call)
    with transaction.atomic():
        history.record(
            conflict.member,
            "conflict_removed",
            actor,
            conflict=conflict.pk,
            source=conflict.source,
            application=conflict.application_id,
            organisation=conflict.organisation_id,
            person=conflict.person_id,
            email=conflict.email,
        )
        conflict.delete()
    _forget_cached_conflicts(conflict.member)


def detect_conflicts(call, actor) -> Detection:
    """Detect the conflicts of the whole committee (conflicts.py) and store them: new ones
    added, those that no longer hold removed; assignments they touch are released."""
    _require(actor, MANAGE, call)
    with transaction.atomic():
        return _sync_detected(call, actor)


def _sync_detected(call, actor) -> Detection:
    found = {(f.member_id, f.application_id, f.kind): f for f in conflicts.detect(call)}
    existing = {}
    stale = []
    for row in Conflict.objects.filter(member__call=call, source=Conflict.Source.DETECTED):
        parsed = conflicts.parse_reason(row.reason)
        key = (row.member_id, row.application_id, parsed[0] if parsed else "")
        if key in found and key not in existing:
            existing[key] = row
            if row.reason != found[key].reason:
                row.reason = found[key].reason
                row.save(update_fields=["reason"])
        else:
            stale.append(row.pk)
    Conflict.objects.filter(pk__in=stale).delete()
    new = [
        Conflict(
            member_id=f.member_id,
            application_id=f.application_id,
            source=Conflict.Source.DETECTED,
            reason=f.reason,
        )
        for key, f in found.items()
        if key not in existing
    ]
    Conflict.objects.bulk_create(new)
    released = _release(call, {(c.member_id, c.application_id) for c in new}, actor)
    if new or stale:
        history.record(
            call,
            "conflicts_detected",
            actor,
            added=len(new),
            removed=len(stale),
            assignments_removed=released.removed,
            reviews_kept_out=released.kept,
        )
    return Detection(added=len(new), removed=len(stale), released=released)


def _release(call, pairs: set[tuple[int, int]], actor) -> Released:
    """Remove the assignments of conflicted (member, application) pairs whose review is not
    submitted (a draft goes with them); keep submitted reviews, which stop counting."""
    released = Released()
    if not pairs:
        return released
    member_ids = {m for m, _a in pairs}
    application_ids = {a for _m, a in pairs}
    rows = Assignment.objects.filter(
        member_id__in=member_ids, application_id__in=application_ids
    ).values_list("pk", "member_id", "application_id", "review__state")
    to_delete = []
    for pk, member_id, application_id, state in rows:
        if (member_id, application_id) not in pairs:
            continue
        if state == Review.State.SUBMITTED:
            released.kept += 1
        else:
            to_delete.append(pk)
            history.record(
                call,
                "assignment_released",
                actor,
                member=member_id,
                application=application_id,
                review=state or "",
            )
    Assignment.objects.filter(pk__in=to_delete).delete()
    # A pin on a conflicted pair would be ignored by every run: it goes.
    pins = AssignmentRule.objects.filter(
        kind=AssignmentRule.Kind.PIN, member_id__in=member_ids, application_id__in=application_ids
    ).values_list("pk", "member_id", "application_id")
    AssignmentRule.objects.filter(pk__in=[pk for pk, m, a in pins if (m, a) in pairs]).delete()
    released.removed = len(to_delete)
    return released


# --- Bids --------------------------------------------------------------------------------------


def save_bids(member: CommitteeMember, actor, preferences: dict[int, int | None]) -> int:
    """Save the member's preferences for the applications of one page (None clears one).
    Applications they may not bid on (conflicted, no longer eligible) are skipped. Returns how
    many bids changed."""
    call = member.call
    if actor is None or member.person_id != actor.pk or not actor.has_perm("selection.bid", call):
        raise PermissionDenied(_("You are not allowed to do this."))
    allowed_values = set(Bid.Preference.values)
    for value in preferences.values():
        if value is not None and value not in allowed_values:
            raise CommitteeRefused(_("Choose one of the preferences offered."))
    _forget_cached_conflicts(member)
    hidden = membership.conflicted_application_ids(member)
    allowed = set(
        Application.objects.filter(
            call=call, state__in=queries.ASSIGNABLE_STATES, pk__in=list(preferences)
        )
        .exclude(pk__in=hidden)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        current = {
            bid.application_id: bid
            for bid in Bid.objects.select_for_update().filter(
                member=member, application_id__in=allowed
            )
        }
        to_create, to_update, to_delete = [], [], []
        for application_id in allowed:
            value = preferences[application_id]
            bid = current.get(application_id)
            if value is None:
                if bid is not None:
                    to_delete.append(bid.pk)
            elif bid is None:
                to_create.append(
                    Bid(member=member, application_id=application_id, preference=value)
                )
            elif bid.preference != value:
                bid.preference = value
                to_update.append(bid)
        Bid.objects.bulk_create(to_create)
        Bid.objects.bulk_update(to_update, ["preference", "updated_at"])
        Bid.objects.filter(pk__in=to_delete).delete()
        changed = len(to_create) + len(to_update) + len(to_delete)
        if changed:
            history.record(member, "bids_saved", actor, changed=changed)
    return changed


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
    _require(actor, RUN, call)
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
    if application.state not in queries.ASSIGNABLE_STATES:
        raise CommitteeRefused(
            _(
                "This application is %(state)s: only eligible applications or those in review are assigned."
            )
            % {"state": application.get_state_display()}
        )


def _conflicted(member: CommitteeMember, application: Application) -> bool:
    _forget_cached_conflicts(member)
    return application.pk in membership.conflicted_application_ids(member)


def set_rule(call, actor, member: CommitteeMember, application: Application, kind: str):
    """Pin (always assign) or forbid (never assign) a pair for the next runs. Forbidding a pair
    removes its assignment if no review has started."""
    _require(actor, RUN, call)
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
    _require(actor, RUN, call)
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
    _require(actor, RUN, call)
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
    _require(actor, RUN, call)
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
    from tremplin.applications.models import AnswerChoice
    from tremplin.programmes.models import Question

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
