"""Importing a list of sites: the upload is checked and kept (the dry run); applying it checks
it again inside one transaction and writes only if no row is rejected."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tremplin.core import history

from .. import importing
from ..models import ExperimentationSite, SiteImport


def upload(filename: str, content: bytes, actor) -> SiteImport:
    """Check the file and keep it with its report; nothing else changes. Raises
    ValidationError when the file cannot be read."""
    if not actor.has_perm("network.import_sites"):
        raise PermissionDenied(_("You are not allowed to do this."))
    try:
        report, _plan = importing.check(filename, content)
    except importing.FileProblem as problem:
        raise ValidationError(str(problem)) from problem
    return SiteImport.objects.create(
        filename=filename[:200], content=content, report=report, uploaded_by=actor
    )


class Rejected(ValidationError):
    """Applying found rejected rows: nothing was written; `report` is the new dry run."""

    def __init__(self, report):
        super().__init__(_("Some rows are rejected: nothing was imported."))
        self.report = report


def apply(site_import: SiteImport, actor) -> dict:
    """Apply the checked file: all rows or none. The file is checked again first (the sites
    may have changed since the dry run)."""
    if not actor.has_perm("network.import_sites"):
        raise PermissionDenied(_("You are not allowed to do this."))
    rejected = None
    with transaction.atomic():
        locked = SiteImport.objects.select_for_update().get(pk=site_import.pk)
        if locked.state == SiteImport.State.APPLIED:
            raise ValidationError(_("This file is already imported."))
        try:
            report, plan = importing.check(locked.filename, bytes(locked.content))
        except importing.FileProblem as problem:
            raise ValidationError(str(problem)) from problem
        locked.report = report
        if report["rejected"]:
            rejected = report
            locked.save(update_fields=["report"])
        else:
            for row in plan.creates:
                _create(row)
            for row, site in plan.updates:
                _update(site, row)
            locked.state = SiteImport.State.APPLIED
            locked.applied_at = timezone.now()
            locked.save(update_fields=["report", "state", "applied_at"])
            history.record(
                locked,
                "sites_imported",
                actor,
                added=len(report["added"]),
                changed=len(report["changed"]),
                unchanged=report["unchanged"],
            )
    if rejected is not None:
        site_import.report = rejected
        raise Rejected(rejected)
    site_import.state, site_import.report = locked.state, locked.report
    return report


def _create(row) -> ExperimentationSite:
    values = dict(row.values)
    lines = values.pop("business_lines", [])
    site = ExperimentationSite.objects.create(code=row.code, **values)
    if lines:
        site.business_lines.set(lines)
    return site


def _update(site: ExperimentationSite, row) -> None:
    values = dict(row.values)
    lines = values.pop("business_lines", None)
    for name, value in values.items():
        setattr(site, name, value)
    site.save()
    if lines is not None:
        site.business_lines.set(lines)
