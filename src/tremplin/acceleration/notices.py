"""Every message the acceleration sends, declared once (messaging.registry): the reminders
before a milestone is due and before a scheduled check-in. The wording is the platform's
(staff may reword it on the staff page of the notices); who is reminded, and only once, is
the services' business (acceleration.services.journal).

The wordings are the gettext strings the reminders have always used (msgids unchanged:
format PERCENT)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from tremplin.core.urls_absolute import absolute
from tremplin.messaging.registry import PERCENT, Notice, register

APP = "acceleration"
MESSAGE_KIND = "acceleration"  # messaging.Message.kind of the reminders


def project_url(project) -> str:
    return absolute(reverse("acceleration:project", kwargs={"slug": project.slug}))


def milestone_values(milestone) -> dict:
    return {
        "milestone": milestone.title,
        "project": milestone.project.name,
        "phase": milestone.get_phase_display(),
        "date": formats.date_format(milestone.due_on, "DATE_FORMAT"),
        "deliverables": milestone.deliverables or "—",
        "url": project_url(milestone.project),
    }


def check_in_values(check_in) -> dict:
    return {
        "kind": check_in.get_kind_display(),
        "project": check_in.project.name,
        "date": formats.date_format(timezone.localtime(check_in.happens_at), "DATETIME_FORMAT"),
        "url": project_url(check_in.project),
    }


MILESTONE_DUE = register(
    Notice(
        kind="milestone_due",
        label=_("Reminder of a milestone due"),
        subject=_("Reminder: “%(milestone)s” is due on %(date)s"),
        body=_(
            "The milestone “%(milestone)s” of %(project)s (phase: %(phase)s) is due on "
            "%(date)s.\n\nDeliverables: %(deliverables)s\n\nFollow it on %(url)s"
        ),
        placeholders={
            "milestone": _("the milestone's title"),
            "project": _("the project's name"),
            "phase": _("the phase of the acceleration"),
            "date": _("the day it is due"),
            "deliverables": _("the deliverables expected"),
            "url": _("the address of the project"),
        },
        in_subject=frozenset({"milestone", "date"}),
        values=milestone_values,
        message_kind=MESSAGE_KIND,
        format=PERCENT,
    ),
    APP,
)
CHECK_IN_SOON = register(
    Notice(
        kind="check_in_soon",
        label=_("Reminder of a scheduled check-in"),
        subject=_("Reminder: %(kind)s for %(project)s on %(date)s"),
        body=_(
            "A %(kind)s of %(project)s is scheduled on %(date)s.\n\nThe follow-up journal: %(url)s"
        ),
        placeholders={
            "kind": _("the kind of check-in (meeting, check-in...)"),
            "project": _("the project's name"),
            "date": _("the day and time it is scheduled"),
            "url": _("the address of the project"),
        },
        in_subject=frozenset({"kind", "project", "date"}),
        values=check_in_values,
        message_kind=MESSAGE_KIND,
        format=PERCENT,
    ),
    APP,
)
