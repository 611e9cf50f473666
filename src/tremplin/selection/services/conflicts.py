"""Writes of the conflicts of interest: declared by a member, removed by staff, detected from the applications; a new conflict releases the assignments it touches."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tremplin.accounts.models import Person
from tremplin.core import history
from tremplin.core.services import require

from .. import conflicts, membership
from ..models import (
    Assignment,
    AssignmentRule,
    CommitteeMember,
    Conflict,
    Review,
)
from ..queries import conflicts as queries
from ._common import MANAGE, CommitteeRefused

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
    counts (see membership.in_conflict), and the application shows as short of a
    reviewer on the assignment page until a re-run or staff give it another.

    A declaration by e-mail address is stored with the address, whatever exists behind it,
    and matched when conflicts are read (membership.person_with_address): it covers the
    person's applications now and later, as lead applicant or co-applicant, even if they sign
    up afterwards. The account it names today, if any, is noted for staff; what is returned
    to the member's page must not depend on it (see views.committee._declare)."""
    call = member.call
    is_self = actor is not None and member.person_id == getattr(actor, "pk", None)
    if not is_self:
        require(actor, MANAGE, call)
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
        membership.forget_cached(member)
        fresh = CommitteeMember.objects.get(pk=member.pk)
        affected = membership.conflicted_application_ids(fresh)
        released = _release(call, {(member.pk, a) for a in affected}, actor)
    membership.forget_cached(member)
    return released


def remove_conflict(conflict: Conflict, actor) -> None:
    """Staff remove a conflict recorded by mistake. A detected one comes back at the next
    detection if it still holds."""
    call = conflict.member.call
    require(actor, MANAGE, call)
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
    membership.forget_cached(conflict.member)


def detect_conflicts(call, actor) -> Detection:
    """Detect the conflicts of the whole committee (conflicts.py) and store them: new ones
    added, those that no longer hold removed; assignments they touch are released."""
    require(actor, MANAGE, call)
    with transaction.atomic():
        return sync_detected(call, actor)


def sync_detected(call, actor) -> Detection:
    """Store what detection finds now (inside the caller's transaction; the caller has checked
    that the actor manages the committee): new conflicts added, those no longer found removed,
    the assignments they touch released."""
    found = {(f.member_id, f.application_id, f.kind): f for f in queries.detect(call)}
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
