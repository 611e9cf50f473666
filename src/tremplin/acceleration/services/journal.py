"""The follow-up journal (check-ins and meetings: planned, held with notes, decisions and next
steps, or cancelled) and the reminders before a due milestone or a scheduled check-in."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from tremplin.core import history
from tremplin.core.four_eyes import require
from tremplin.messaging.services import send

from .. import audit, notices
from ..models import CheckIn, LaureateProject, Milestone, Reminder
from ..workflow import CHECK_IN_WORKFLOW
from ._common import name_of

MILESTONE_NOTICE_DAYS = 3  # a milestone due within 3 days (and not done) is reminded
CHECK_IN_NOTICE_DAYS = 1  # a check-in scheduled tomorrow or today is reminded


def _check_participants(project: LaureateProject, participants) -> list:
    return list(participants or [])


def write_check_in(
    project: LaureateProject,
    actor,
    *,
    kind,
    happens_at,
    participants=(),
    participants_text="",
    notes="",
    decisions="",
    next_steps="",
    check_in: CheckIn | None = None,
) -> CheckIn:
    """Plan a check-in (in the future, without notes) or record one (with notes); with
    `check_in`, change it. A scheduled check-in whose notes are written becomes held."""
    require(actor, "acceleration.write_journal", project)
    with transaction.atomic():
        creating = check_in is None
        if creating:
            check_in = CheckIn(project=project, author=actor, author_name=name_of(actor))
        check_in.kind, check_in.happens_at = kind, happens_at
        check_in.participants_text = participants_text.strip()
        check_in.notes, check_in.decisions = notes.strip(), decisions.strip()
        check_in.next_steps = next_steps.strip()
        check_in.save()
        check_in.participants.set(_check_participants(project, participants))
        history.record(
            project,
            audit.CHECK_IN_WRITTEN if creating else "acceleration:check_in_changed",
            actor,
            check_in=check_in.pk,
        )
        has_notes = bool(check_in.notes or check_in.decisions or check_in.next_steps)
        if check_in.state == CheckIn.State.SCHEDULED and has_notes:
            CHECK_IN_WORKFLOW.fire(check_in, "hold", actor)
    return check_in


def cancel_check_in(check_in: CheckIn, actor, reason: str = "") -> CheckIn:
    return CHECK_IN_WORKFLOW.fire(check_in, "cancel", actor, reason=reason)


# --- Reminders ----------------------------------------------------------------------------


def _claim(recipient, due: date, **target) -> bool:
    """Record the reminder first: the unique constraint makes a second run (or a concurrent
    one) send nothing."""
    try:
        with transaction.atomic():
            Reminder.objects.create(recipient=recipient, due=due, **target)
    except IntegrityError:
        return False
    return True


def _milestone_recipients(milestone: Milestone):
    people = {p.pk: p for p in milestone.project.team.all()}
    if milestone.owner_id:
        people = {milestone.owner_id: milestone.owner}
    if milestone.project.referent_id:
        people.setdefault(milestone.project.referent_id, milestone.project.referent)
    return [p for p in people.values() if p.is_active]


def _check_in_recipients(check_in: CheckIn):
    project = check_in.project
    people = {p.pk: p for p in project.team.all()}
    people.update({p.pk: p for p in check_in.participants.all()})
    if project.referent_id:
        people[project.referent_id] = project.referent
    return [p for p in people.values() if p.is_active]


def send_reminders(today: date | None = None) -> dict[str, int]:
    """E-mail each person concerned, once, in their language: milestones due within
    MILESTONE_NOTICE_DAYS days and not done; check-ins scheduled within CHECK_IN_NOTICE_DAYS
    days. Safe to run as often as wished."""
    today = today or timezone.localdate()
    sent = {"milestones": 0, "check_ins": 0}
    milestones = (
        Milestone.objects.filter(
            state__in=Milestone.OPEN_STATES,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=MILESTONE_NOTICE_DAYS),
            project__state=LaureateProject.State.ACCELERATING,
        )
        .select_related("project__referent", "owner")
        .prefetch_related("project__team")
    )
    for milestone in milestones:
        for person in _milestone_recipients(milestone):
            if not _claim(
                person, milestone.due_on, milestone=milestone, kind=Reminder.Kind.MILESTONE_DUE
            ):
                continue

            send(notices.MILESTONE_DUE, person, obj=milestone)
            sent["milestones"] += 1
    now = timezone.now()
    check_ins = (
        CheckIn.objects.filter(
            state=CheckIn.State.SCHEDULED,
            happens_at__gte=now,
            happens_at__date__lte=today + timedelta(days=CHECK_IN_NOTICE_DAYS),
        )
        .select_related("project__referent")
        .prefetch_related("project__team", "participants")
    )
    for check_in in check_ins:
        day = timezone.localtime(check_in.happens_at).date()
        for person in _check_in_recipients(check_in):
            if not _claim(person, day, check_in=check_in, kind=Reminder.Kind.CHECK_IN):
                continue

            send(notices.CHECK_IN_SOON, person, obj=check_in)
            sent["check_ins"] += 1
    return sent
