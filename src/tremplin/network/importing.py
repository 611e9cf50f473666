"""Reading a list of sites (CSV or XLSX) and checking each row, in plain Python: no Django, no
model. The loader, `services.imports`, looks up the reference lists and the sites already known,
makes the dry run's report and applies it.

Rules for the file: the first row names the columns (English or French names, any case); the
column `code` is required; a new site needs kind, name, department and town. An empty cell
leaves the field as it is (for a new site: its default); a single "-" clears an optional text.
Cells that are formulas are refused (the values must be pasted as values).

The messages are written here as `_("…") % {…}`, so that makemessages finds them, but `_` only
keeps the text and its values (a `Message`): the loader translates them, in the language of the
request, with `services.imports.translated`."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tremplin.core.text import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # an XLSX that inflates beyond this is refused
CLEAR = "-"
# canonical column -> accepted header names (normalised: lower case, no accents, "_")
COLUMNS = {
    "code": {"code", "code_site", "site_code", "identifiant", "id"},
    "kind": {"kind", "type", "nature"},
    "name": {"name", "nom", "site", "nom_du_site"},
    "region": {"region", "code_region"},
    "department": {"department", "departement", "dept", "code_departement"},
    "town": {"town", "city", "commune", "ville"},
    "postal_code": {"postal_code", "postcode", "zip", "code_postal", "cp"},
    "address": {"address", "adresse"},
    "business_lines": {"business_lines", "business_line", "metiers", "metier", "lines"},
    "capacity": {"capacity", "capacite", "experiments_at_once", "experimentations"},
    "willing_to_host": {"willing_to_host", "willing", "volontaire", "accueil", "accepte"},
    "contact_name": {"contact_name", "contact", "nom_du_contact", "nom_contact"},
    "contact_email": {"contact_email", "email", "e_mail", "courriel", "email_contact"},
    "contact_phone": {"contact_phone", "phone", "telephone", "tel", "telephone_contact"},
}
TEXT_LIMITS = {
    "name": 200,
    "town": 120,
    "address": 255,
    "contact_name": 150,
    "contact_phone": 30,
    "code": 40,
}
OPTIONAL_TEXT = {"address", "postal_code", "contact_name", "contact_email", "contact_phone"}
REQUIRED_FOR_NEW = ("kind", "name", "department", "town")
KINDS = {
    "local_unit": "local_unit",
    "local unit": "local_unit",
    "unite locale": "local_unit",
    "ul": "local_unit",
    "establishment": "establishment",
    "etablissement": "establishment",
    "etab": "establishment",
}
YES = {"yes", "oui", "y", "o", "true", "vrai", "1", "x", "si", "sí"}
NO = {"no", "non", "n", "false", "faux", "0"}
POSTAL_CODE = re.compile(r"^\d{5}$")
LINE_SEPARATORS = re.compile(r"[|;,\n]")


@dataclass(frozen=True)
class Message:
    """A message to translate later: its English text and the values of its placeholders."""

    text: str
    values: dict[str, Any] = field(default_factory=dict)

    def __mod__(self, values: dict[str, Any]) -> Message:
        return Message(self.text, values)


def _(text: str) -> Message:
    return Message(text)


class FileProblem(Exception):
    """The file as a whole cannot be read: nothing is checked row by row."""

    def __init__(self, message: Message | str):  # a text: already translated by the loader
        super().__init__(message if isinstance(message, str) else message.text)
        self.message = message


def normalise(text: str) -> str:
    """Folded (lower case, no accents), every run of other characters than a-z and 0-9 one
    space: "Unité  locale" -> "unite locale"."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text))).strip()


def _header_key(text: str) -> str:
    return normalise(text).replace(" ", "_")


# --- Reading ----------------------------------------------------------------------------------


@dataclass
class Sheet:
    columns: list[str]  # canonical names, in the file's order
    rows: list[tuple[int, dict[str, str], list[str]]]  # (row number, values, cell problems)


def read(filename: str, content: bytes, check: Callable[[str, bytes, str], None]) -> Sheet:
    """The file's columns and rows. `check(filename, content, "csv" or "xlsx")` is the shared
    check of every upload (the loader passes core.uploads'): it raises FileProblem when the
    content is not what the name says, or a zip bomb."""
    if len(content) > MAX_BYTES:
        raise FileProblem(
            _("This file is too large (%(size)s MB): at most 5 MB, about 20,000 sites.")
            % {"size": f"{len(content) / 1024 / 1024:.1f}"}
        )
    if not content.strip():
        raise FileProblem(_("This file is empty."))
    if filename.lower().endswith(".xlsx"):
        check(filename, content, "xlsx")
        header, raw = _read_xlsx(content)
    elif filename.lower().endswith(".csv"):
        check(filename, content, "csv")
        header, raw = _read_csv(content)
    else:
        raise FileProblem(_("Send a .csv or .xlsx file."))
    return Sheet(
        _columns(header), [(n, dict(zip(_columns(header), v, strict=False)), p) for n, v, p in raw]
    )


def _columns(header: list[str]) -> list[str]:
    aliases = {alias: name for name, names in COLUMNS.items() for alias in names}
    columns, unknown = [], []
    for cell in header:
        key = _header_key(cell)
        if not key:
            columns.append("")  # an unnamed column: its cells are ignored
            continue
        if key not in aliases:
            unknown.append(str(cell))
            columns.append("")
            continue
        columns.append(aliases[key])
    if unknown:
        raise FileProblem(
            _("Unknown columns: %(unknown)s. The columns are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise FileProblem(
            _("Columns given twice: %(columns)s.") % {"columns": ", ".join(duplicated)}
        )
    if "code" not in columns:
        raise FileProblem(
            _("The column “code” is missing: every site needs its code, which updates it later.")
        )
    return columns


def _read_csv(content: bytes):
    if b"\x00" in content[:4096]:
        raise FileProblem(
            _(
                "This file is not text encoded in UTF-8 (it may be UTF-16 or a spreadsheet "
                "saved with a .csv name). Save it as “CSV UTF-8” and send it again."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise FileProblem(
            _(
                "This file is not encoded in UTF-8 (line %(line)d cannot be read). Save it as "
                "“CSV UTF-8” from your spreadsheet and send it again."
            )
            % {"line": line}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        raw = []
        for number, values in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise FileProblem(
                    _("This file has more than %(max)d rows: split it.") % {"max": MAX_ROWS}
                )
            problems = [
                _("cell %(cell)s looks like a formula (%(value)s): write the value itself")
                % {"cell": _cell_name(index, number), "value": value[:40]}
                for index, value in enumerate(values)
                if value.startswith("=")
            ]
            raw.append((number, [v.strip() for v in values], problems))
    except csv.Error as error:
        raise FileProblem(
            _("This CSV file cannot be read (%(error)s).") % {"error": error}
        ) from error
    return header, raw


def _cell_name(index: int, row: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook  # noqa: PLC0415 (slow import)

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise FileProblem(
            _("This file is not a valid XLSX spreadsheet; open it and save it again as .xlsx.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows()
        header_cells = next(rows, ())
        header = [_xlsx_text(cell.value) for cell in header_cells]
        raw = []
        for number, cells in enumerate(rows, start=2):
            if number - 1 > MAX_ROWS:
                raise FileProblem(
                    _("This file has more than %(max)d rows: split it.") % {"max": MAX_ROWS}
                )
            values, problems = [], []
            for index, cell in enumerate(cells):
                value = cell.value
                if getattr(cell, "data_type", None) == "f" or (
                    isinstance(value, str) and value.startswith("=")
                ):
                    problems.append(
                        _("cell %(cell)s is a formula (%(value)s): paste its value instead")
                        % {"cell": _cell_name(index, number), "value": str(value)[:40]}
                    )
                    values.append("")
                else:
                    values.append(_xlsx_text(value))
            raw.append((number, values, problems))
    finally:
        workbook.close()
    return header, raw


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Checking a row ---------------------------------------------------------------------------


@dataclass
class References:
    """What the loader looked up for the rows (any objects with the attributes read here:
    regions and departments have `pk`/`code`, a department its `region` and `region_id`)."""

    regions: dict  # code and normalised name -> Region
    departments: dict  # code and normalised name -> Department
    lines: dict  # code and normalised names -> BusinessLine
    people: dict  # lower-case e-mail -> Person (active accounts)
    is_email: Callable[[str], bool]  # the platform's check of an e-mail address


@dataclass
class RowResult:
    number: int
    code: str
    values: dict = field(default_factory=dict)  # field -> parsed value (only the cells given)
    errors: list[Message | str] = field(default_factory=list)  # a text: translated


def parse_row(number: int, cells: dict, problems: list, refs: References) -> RowResult:
    """One row's values, parsed and checked against the reference lists; every reason to
    reject it is in `errors`."""
    result = RowResult(number, (cells.get("code") or "").strip())
    result.errors.extend(problems)
    if not result.code:
        result.errors.append(_("the code is empty"))
    for check in (_texts, _contact, _kind, _place, _business_lines, _capacity, _willing):
        check(cells, refs, result.values, result.errors)
    return result


def _texts(cells, refs, values, errors) -> None:
    for name, limit in TEXT_LIMITS.items():
        text = cells.get(name) or ""
        if len(text) > limit:
            errors.append(
                _("%(column)s is longer than %(limit)d characters")
                % {"column": name, "limit": limit}
            )
    for name in ("name", "town"):
        if cells.get(name):
            values[name] = cells[name]
    for name in OPTIONAL_TEXT:
        text = cells.get(name) or ""
        if text == CLEAR:
            values[name] = ""
        elif text:
            values[name] = text
    if values.get("postal_code") and not POSTAL_CODE.match(values["postal_code"]):
        errors.append(
            _("postal code “%(value)s” is not five digits") % {"value": values["postal_code"]}
        )


def _contact(cells, refs, values, errors) -> None:
    if values.get("contact_email"):
        if refs.is_email(values["contact_email"]):
            values["contact_email"] = values["contact_email"].lower()
        else:
            errors.append(
                _("“%(value)s” is not an e-mail address") % {"value": values["contact_email"]}
            )
    if "contact_email" in values:
        values["contact"] = refs.people.get(values["contact_email"])


def _kind(cells, refs, values, errors) -> None:
    kind = cells.get("kind") or ""
    if not kind:
        return
    if normalise(kind) in KINDS:
        values["kind"] = KINDS[normalise(kind)]
    elif kind in KINDS:
        values["kind"] = KINDS[kind]
    else:
        errors.append(_("unknown kind “%(value)s” (local_unit or establishment)") % {"value": kind})


def _place(cells, refs, values, errors) -> None:
    department = None
    if cells.get("department"):
        raw = cells["department"]
        key = raw.zfill(2) if raw.isdigit() else raw.upper()
        department = refs.departments.get(key) or refs.departments.get(normalise(raw))
        if department is None:
            errors.append(_("unknown department “%(value)s”") % {"value": raw})
        else:
            values["department"] = department
            values["region"] = department.region
    if not cells.get("region"):
        return
    raw = cells["region"]
    region = refs.regions.get(raw.upper()) or refs.regions.get(normalise(raw))
    if region is None:
        errors.append(
            _("unknown region “%(value)s” (give its code, such as FR-PAC)") % {"value": raw}
        )
    elif department is not None and department.region_id != region.pk:
        errors.append(
            _("department %(department)s is not in region %(region)s")
            % {"department": department.code, "region": region.code}
        )
    elif department is None and "department" not in values:
        values["region_only"] = region


def _business_lines(cells, refs, values, errors) -> None:
    if not cells.get("business_lines"):
        return
    found, unknown = [], []
    for part in LINE_SEPARATORS.split(cells["business_lines"]):
        part = part.strip()
        if not part:
            continue
        line = refs.lines.get(part.lower()) or refs.lines.get(normalise(part))
        (found if line else unknown).append(line or part)
    if unknown:
        errors.append(_("unknown business lines: %(values)s") % {"values": ", ".join(unknown)})
    else:
        values["business_lines"] = sorted({line.pk for line in found})


def _capacity(cells, refs, values, errors) -> None:
    if not cells.get("capacity"):
        return
    raw = cells["capacity"]
    if raw.isdigit() and int(raw) <= 999:
        values["capacity"] = int(raw)
    else:
        errors.append(
            _("capacity “%(value)s” is not a whole number between 0 and 999") % {"value": raw}
        )


def _willing(cells, refs, values, errors) -> None:
    if not cells.get("willing_to_host"):
        return
    raw = normalise(cells["willing_to_host"])
    if raw in YES:
        values["willing_to_host"] = True
    elif raw in NO:
        values["willing_to_host"] = False
    else:
        errors.append(
            _("willing to host “%(value)s” is neither yes nor no")
            % {"value": cells["willing_to_host"]}
        )


# --- Comparing with the sites known -----------------------------------------------------------

SITE_FIELDS = (
    "kind",
    "name",
    "region",
    "department",
    "town",
    "postal_code",
    "address",
    "capacity",
    "willing_to_host",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact",
)


@dataclass
class Plan:
    """What applying the file would do: a list of (row, site or None, values)."""

    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
