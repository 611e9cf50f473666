"""Writes of abuse reports: a reader reports a problem with a published record; a moderator
dismisses the report or takes the record offline. Each write leaves a history entry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.core import history

from .. import audit
from ..models import AbuseReport, Innovation
from .moderation import take_down


def report_abuse(innovation: Innovation, reporter, *, reason: str) -> AbuseReport:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tell us what the problem is."))
    if innovation.published_id is None:
        raise ValidationError(_("This innovation is not online."))
    reporter = reporter if getattr(reporter, "is_authenticated", False) else None
    with transaction.atomic():
        report = AbuseReport.objects.create(innovation=innovation, reporter=reporter, reason=reason)
        history.record(innovation, audit.ABUSE_REPORTED, reporter, report=report.pk)
    return report


def dismiss_report(report: AbuseReport, actor, *, note: str) -> AbuseReport:
    """Close a report and leave the record online, saying why."""
    if not actor.has_perm("catalogue.handle_reports", report):
        raise PermissionDenied(_("You are not allowed to do this."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note saying why the record stays online."))
    with transaction.atomic():
        updated = AbuseReport.objects.filter(pk=report.pk, handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=actor, outcome=note
        )
        if not updated:
            raise ValidationError(_("This report has already been handled."))
        history.record(report.innovation, audit.ABUSE_REPORT_DISMISSED, actor, report=report.pk)
    report.refresh_from_db()
    return report


def take_down_for_report(report: AbuseReport, actor, *, reason: str) -> AbuseReport:
    """Take the reported record offline; every open report on it is closed with the reason."""
    if not actor.has_perm("catalogue.handle_reports", report):
        raise PermissionDenied(_("You are not allowed to do this."))
    with transaction.atomic():
        if not AbuseReport.objects.filter(pk=report.pk, handled_at__isnull=True).exists():
            raise ValidationError(_("This report has already been handled."))
        take_down(report.innovation, actor, reason=reason)
        AbuseReport.objects.filter(innovation=report.innovation, handled_at__isnull=True).update(
            handled_at=timezone.now(),
            handled_by=actor,
            outcome=_("Taken offline: %(reason)s") % {"reason": reason.strip()},
        )
        history.record(report.innovation, audit.ABUSE_REPORT_UPHELD, actor, report=report.pk)
    report.refresh_from_db()
    return report
