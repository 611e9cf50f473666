"""Exports of the filtered list: CSV and XLSX, one row per application, one column per
question in form order, labels in the staff member's language, formulas neutralised."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.applications.builders import apply, attach, move_to
from tremplin.applications.models import State
from tremplin.core import spreadsheets

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FIXED = [
    "Reference",
    "Status",
    "Started",
    "Submitted",
    "Applicant",
    "Applicant's e-mail address",
    "Organisation",
    "Kind of organisation",
    "Region",
]


def export_url(call, fmt, **params):
    from urllib.parse import urlencode

    address = reverse("applications:call_export", args=[call.slug, fmt])
    return address + ("?" + urlencode(params, doseq=True) if params else "")


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def xlsx_rows(content: bytes) -> list[list[str]]:
    """The cells of the first sheet, read from the XML (shared or inline strings)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
        # Our own output, not untrusted input.
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    rows = []
    for row in sheet.iter(f"{{{NS['m']}}}row"):
        cells = {}
        for cell in row.findall("m:c", NS):
            column = "".join(ch for ch in cell.get("r") if ch.isalpha())
            index = 0
            for ch in column:
                index = index * 26 + (ord(ch) - 64)
            if cell.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{{{NS['m']}}}t"))
            elif cell.get("t") == "s":
                text = shared[int(cell.find("m:v", NS).text)]
            else:
                value = cell.find("m:v", NS)
                text = value.text if value is not None else ""
            cells[index - 1] = text
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


@pytest.fixture
def exported(call):
    gardens = apply(
        call,
        title="Jardins partagés",
        region="FR-BRE",
        kind="association",
        stage="pilot",
        audiences=("seniors", "migrants"),
        lines=("disability", "elderly"),
        budget="12000",
        need='Des potagers, "partagés", entre générations\net voisins.',
        submit=False,
    )
    attach(gardens, "présentation.pdf")
    from tremplin.applications import services

    services.submit(gardens, gardens.applicant)
    hostile = apply(
        call,
        title='=HYPERLINK("http://evil.example","clic")',
        organisation="+33 1 02 03",
        region="FR-IDF",
        need="\uff1d1+1",
        budget="5",
    )
    eligible = move_to(
        apply(call, title="-2+3", region="FR-IDF", need="@SUM(A1:A9)"), State.ELIGIBLE
    )
    draft = apply(call, title="Brouillon", need="Un brouillon pas fini", submit=False)
    return {"gardens": gardens, "hostile": hostile, "eligible": eligible, "draft": draft}


def by_reference(rows):
    return {row[0]: row for row in rows[1:]}


def question_columns(call):
    return [str(q.label) for q in call.questions.select_related("step")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_row_per_application_one_column_per_question(staff_client, call, exported, fmt):
    response = staff_client.get(export_url(call, fmt))
    assert response.status_code == 200
    if fmt == "csv":
        rows = csv_rows(response)
    else:
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        assert 'attachment; filename="entrepreneurs-s4-' in response["Content-Disposition"]
        rows = xlsx_rows(b"".join(response.streaming_content))
    from django.utils import translation

    with translation.override("en"):
        labels = question_columns(call)
    assert rows[0] == FIXED + labels
    # Questions in form order: the system questions first, then the second step's.
    assert labels.index("Question need (en)") < labels.index("Question deck (en)")
    rows_by_reference = by_reference(rows)
    # Drafts are left out, as in the list.
    assert set(rows_by_reference) == {
        exported[name].reference for name in ("gardens", "hostile", "eligible")
    }
    gardens = dict(zip(rows[0], rows_by_reference[exported["gardens"].reference], strict=False))
    assert gardens["Status"] == "Submitted"
    assert gardens["Organisation"] == "Association"
    assert gardens["Kind of organisation"] == "Association"
    with translation.override("en"):
        assert gardens["Region"] == exported["gardens"].region.display_name
    assert gardens["Applicant's e-mail address"] == exported["gardens"].applicant.email
    # Choices by their labels in the staff member's language (English here).
    assert gardens["Question stage (en)"] == "Pilot"
    assert gardens["Question audiences (en)"] == "Older people, Migrants"
    assert gardens["Question lines (en)"] == "Disability, Elderly people"
    assert gardens["Question need (en)"] == (
        'Des potagers, "partagés", entre générations\net voisins.'
    )
    # Files by name.
    assert gardens["Question deck (en)"] == "présentation.pdf"
    assert gardens["Submitted"][:4].isdigit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_injection_is_neutralised(staff_client, call, exported, fmt):
    response = staff_client.get(export_url(call, fmt))
    content = b"".join(response.streaming_content) if fmt == "xlsx" else None
    rows = xlsx_rows(content) if fmt == "xlsx" else csv_rows(response)
    hostile = dict(zip(rows[0], by_reference(rows)[exported["hostile"].reference], strict=False))
    cells = list(hostile.values())
    assert '\'=HYPERLINK("http://evil.example","clic")' in cells
    assert "'+33 1 02 03" in cells
    assert "'\uff1d1+1" in cells  # a full-width "=", which spreadsheets read as "="
    minus = dict(zip(rows[0], by_reference(rows)[exported["eligible"].reference], strict=False))
    assert "'-2+3" in minus.values()
    assert "'@SUM(A1:A9)" in minus.values()
    for row in rows:
        for cell in row:
            assert not cell.lstrip().startswith(FORMULA_STARTS), cell
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_export_follows_the_filters_and_the_order(staff_client, call, exported):
    rows = csv_rows(staff_client.get(export_url(call, "csv", region="FR-IDF", sort="title")))
    assert [row[0] for row in rows[1:]] == [
        exported["eligible"].reference,
        exported["hostile"].reference,
    ]
    rows = csv_rows(staff_client.get(export_url(call, "csv", status="draft")))
    assert [row[0] for row in rows[1:]] == [exported["draft"].reference]
    draft = dict(zip(rows[0], rows[1], strict=True))
    # A draft has no submitted copy: its live answers are exported.
    assert draft["Question need (en)"] == "Un brouillon pas fini"
    assert draft["Submitted"] == ""
    rows = csv_rows(staff_client.get(export_url(call, "csv", q="potagers")))
    assert [row[0] for row in rows[1:]] == [exported["gardens"].reference]


def test_the_export_of_every_call_has_the_call_and_no_question_columns(
    staff_client, call, exported
):
    response = staff_client.get(reverse("applications:export", args=["csv"]))
    rows = csv_rows(response)
    assert rows[0] == [FIXED[0], "Call", *FIXED[1:]]
    assert {row[1] for row in rows[1:]} == {call.title["en"]}
    assert len(rows) == 4


def test_an_unknown_format_is_not_found(staff_client, call):
    assert staff_client.get(export_url(call, "pdf")).status_code == 404


def test_large_exports_stream_in_chunks():
    rows = ([str(i), "=x"] for i in range(1000))
    chunks = list(spreadsheets.csv_chunks(["a", "b"], rows))
    assert len(chunks) > 3
    text = b"".join(chunks).decode()
    assert text.count("'=x") == 1000
    target = io.BytesIO()
    assert (
        spreadsheets.write_xlsx(target, ["a", "b"], ([str(i), "-1"] for i in range(1000)), "S")
        == 1000
    )
    parsed = xlsx_rows(target.getvalue())
    assert len(parsed) == 1001 and parsed[1000] == ["999", "'-1"]
