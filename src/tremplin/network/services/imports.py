"""Importing a list of sites: the upload is checked and kept (the dry run); applying it checks
it again inside one transaction and writes only if no row is rejected. The file is read and its
rows checked by the plain `importing` module; this module is its loader: it looks up the
reference lists, the contacts and the sites already known, translates the messages and writes.
A SiteImport goes from checked to applied once, by SITE_IMPORT_WORKFLOW."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from tremplin.accounts.models import Person
from tremplin.core import uploads
from tremplin.core.services import require
from tremplin.reference.models import BusinessLine, Department, Region

from .. import importing
from ..importing import FileProblem, Plan, References
from ..models import ExperimentationSite, SiteImport
from ..workflow import SITE_IMPORT_WORKFLOW


def upload(filename: str, content: bytes, actor) -> SiteImport:
    """Check the file and keep it with its report; nothing else changes. Raises
    ValidationError when the file cannot be read."""
    require(actor, "network.import_sites")
    try:
        report, _plan = check(filename, content)
    except FileProblem as problem:
        raise ValidationError(translated(problem.message)) from problem
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
    require(actor, "network.import_sites")
    rejected = None
    with transaction.atomic():
        locked = SiteImport.objects.select_for_update().get(pk=site_import.pk)
        if locked.state == SiteImport.State.APPLIED:
            raise ValidationError(_("This file is already imported."))
        try:
            report, plan = check(locked.filename, bytes(locked.content))
        except FileProblem as problem:
            raise ValidationError(translated(problem.message)) from problem
        locked.report = report
        if report["rejected"]:
            rejected = report
            locked.save(update_fields=["report"])
        else:
            for row in plan.creates:
                _create(row)
            for row, site in plan.updates:
                _update(site, row)
            locked.applied_at = timezone.now()
            locked.save(update_fields=["report", "applied_at"])
            locked = SITE_IMPORT_WORKFLOW.fire(
                locked,
                "apply",
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


# --- The dry run ------------------------------------------------------------------------------


def translated(message: importing.Message | str) -> str:
    """A message of the plain parser in the active language (a text is already translated)."""
    if isinstance(message, str):
        return message
    text = gettext(message.text)
    return text % message.values if message.values else text


def _upload_check(filename: str, content: bytes, expected: str) -> None:
    """The shared check of every upload (core.uploads): the content must be what the name
    says, and a spreadsheet is refused if it is a zip bomb or lies about its contents."""
    try:
        uploads.check(
            io.BytesIO(content),
            name=filename,
            max_mb=importing.MAX_BYTES / uploads.MB,
            accepted=(expected,),
            limits=uploads.ArchiveLimits(unzipped_bytes=importing.MAX_UNZIPPED_BYTES),
        )
    except uploads.UploadRefused as refused:
        if refused.code != "type":
            raise FileProblem(str(refused)) from refused
        if expected == "xlsx":
            raise FileProblem(
                _("This file is not a valid XLSX spreadsheet; open it and save it again as .xlsx.")
            ) from refused
        raise FileProblem(
            _(
                "This file is not text encoded in UTF-8 (it may be UTF-16 or a spreadsheet "
                "saved with a .csv name). Save it as “CSV UTF-8” and send it again."
            )
        ) from refused


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def references(emails: set[str]) -> References:
    normalise = importing.normalise
    regions = {}
    for region in Region.objects.all():
        regions[region.code.upper()] = region
        regions[region.code.upper().removeprefix("FR-")] = region
        regions[normalise(region.name)] = region
    departments = {}
    for department in Department.objects.select_related("region"):
        departments[department.code.upper()] = department
        departments[normalise(department.name)] = department
    lines = {}
    for line in BusinessLine.objects.all():
        lines[line.code.lower()] = line
        for text in (line.name or {}).values() if isinstance(line.name, dict) else []:
            lines[normalise(text)] = line
        lines.setdefault(normalise(str(line)), line)
    people = {
        person.email.lower(): person
        for person in Person.objects.filter(email__in=emails, is_active=True)
    }
    return References(regions, departments, lines, people, _is_email)


def shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "display_name"):
        return value.display_name
    return str(value)


def check(filename: str, content: bytes) -> tuple[dict, Plan]:
    """The dry run: the report (JSON-ready, in the active language) and the plan. Raises
    FileProblem when the file cannot be read at all."""
    sheet = importing.read(filename, content, _upload_check)
    emails = {
        (cells.get("contact_email") or "").lower()
        for _n, cells, _p in sheet.rows
        if cells.get("contact_email")
    }
    refs = references(emails)
    codes = {(cells.get("code") or "").strip() for _n, cells, _p in sheet.rows} - {""}
    existing = {
        site.code: site
        for site in ExperimentationSite.objects.filter(code__in=codes)
        .select_related("region", "department", "contact")
        .prefetch_related("business_lines")
    }
    line_names = {line.pk: str(line) for line in BusinessLine.objects.all()}
    labels = {
        f.name: str(f.verbose_name)
        for f in ExperimentationSite._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    report = {
        "filename": filename,
        "rows": 0,
        "added": [],
        "changed": [],
        "unchanged": 0,
        "rejected": [],
    }
    plan = Plan()
    seen: dict[str, int] = {}
    for number, cells, problems in sheet.rows:
        if not any(cells.get(c) for c in cells if c) and not problems:
            continue  # an empty row
        report["rows"] += 1
        row = importing.parse_row(number, cells, problems, refs)
        if row.code and row.code in seen:
            row.errors.append(
                _("the code %(code)s is already on row %(row)d")
                % {"code": row.code, "row": seen[row.code]}
            )
        elif row.code:
            seen[row.code] = number
        site = existing.get(row.code)
        if site is None:
            missing = [c for c in importing.REQUIRED_FOR_NEW if c not in row.values]
            if missing and row.code:
                row.errors.append(
                    _("a new site needs %(columns)s") % {"columns": ", ".join(missing)}
                )
            if "region_only" in row.values:
                row.errors.append(_("a new site needs its department, not only its region"))
        elif "region_only" in row.values and row.values["region_only"].pk != site.region_id:
            row.errors.append(
                _("region %(region)s does not match the site's department %(department)s")
                % {"region": row.values["region_only"].code, "department": site.department.code}
            )
        if row.errors:
            reasons = [translated(error) for error in row.errors]
            report["rejected"].append({"row": number, "code": row.code, "reasons": reasons})
            continue
        row.values.pop("region_only", None)
        if site is None:
            plan.creates.append(row)
            report["added"].append(
                {"row": number, "code": row.code, "name": row.values.get("name", "")}
            )
            continue
        changes = []
        for name in importing.SITE_FIELDS:
            if name in row.values and row.values[name] != getattr(site, name):
                changes.append(
                    {
                        "field": labels.get(name, name),
                        "old": shown(getattr(site, name)),
                        "new": shown(row.values[name]),
                    }
                )
        if "business_lines" in row.values:
            current = sorted(line.pk for line in site.business_lines.all())
            if current != row.values["business_lines"]:
                changes.append(
                    {
                        "field": labels["business_lines"],
                        "old": ", ".join(n for pk, n in line_names.items() if pk in current) or "—",
                        "new": ", ".join(
                            n for pk, n in line_names.items() if pk in row.values["business_lines"]
                        )
                        or "—",
                    }
                )
        if changes:
            plan.updates.append((row, site))
            report["changed"].append(
                {"row": number, "code": row.code, "name": site.name, "fields": changes}
            )
        else:
            report["unchanged"] += 1
    if not report["rows"]:
        raise FileProblem(_("This file has no site: only its header row, or nothing."))
    return report, plan
