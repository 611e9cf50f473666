"""The follow-up journal (check-ins and meetings: planned, held with notes, decisions and next
steps, or cancelled) and the reminders before a due milestone or a scheduled check-in."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tremplin.core import history
from tremplin.core.four_eyes import require
from tremplin.core.urls_absolute import absolute
from tremplin.messaging import services as messaging
from tremplin.messaging.models import Kind

from .. import audit
from ..models import CheckIn, LaureateProject, Milestone, Reminder
from ..workflow import CHECK_IN_WORKFLOW
from ._common import name_of

MILESTONE_NOTICE_DAYS = 3  # a milestone due within 3 days (and not done) is reminded
CHECK_IN_NOTICE_DAYS = 1  # a check-in scheduled tomorrow or today is reminded
REMINDER_KIND = Kind.ACCELERATION  # messaging.Message.kind of the reminders


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


def _project_url(project) -> str:
    return absolute(reverse("acceleration:project", kwargs={"slug": project.slug}))


def _send(recipient, write) -> None:
    messaging.notify(recipient, write, kind=REMINDER_KIND)


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

            def write(milestone=milestone):
                due = formats.date_format(milestone.due_on, "DATE_FORMAT")
                subject = _("Reminder: “%(milestone)s” is due on %(date)s") % {
                    "milestone": milestone.title,
                    "date": due,
                }
                body = _(
                    "The milestone “%(milestone)s” of %(project)s (phase: %(phase)s) is due on "
                    "%(date)s.\n\nDeliverables: %(deliverables)s\n\nFollow it on %(url)s"
                ) % {
                    "milestone": milestone.title,
                    "project": milestone.project.name,
                    "phase": milestone.get_phase_display(),
                    "date": due,
                    "deliverables": milestone.deliverables or "—",
                    "url": _project_url(milestone.project),
                }
                return subject, body

            _send(person, write)
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

            def write(check_in=check_in):
                when = formats.date_format(
                    timezone.localtime(check_in.happens_at), "DATETIME_FORMAT"
                )
                subject = _("Reminder: %(kind)s for %(project)s on %(date)s") % {
                    "kind": check_in.get_kind_display(),
                    "project": check_in.project.name,
                    "date": when,
                }
                body = _(
                    "A %(kind)s of %(project)s is scheduled on %(date)s.\n\nThe follow-up "
                    "journal: %(url)s"
                ) % {
                    "kind": check_in.get_kind_display(),
                    "project": check_in.project.name,
                    "date": when,
                    "url": _project_url(check_in.project),
                }
                return subject, body

            _send(person, write)
            sent["check_ins"] += 1
    return sent
