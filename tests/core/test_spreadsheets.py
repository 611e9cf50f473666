"""The one rule of every export opened in a spreadsheet (tremplin.core.spreadsheets): a cell
starting with = + - @, a tab or a carriage return, or the full-width = + - @, even after
spaces, gets a leading apostrophe so that no spreadsheet runs it as a formula; the CSV and
XLSX writers apply it to every cell, header included. Each export path is tested with
hostile values in its own app's tests (applications, selection ranking, catalogue open data)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tremplin.core.spreadsheets import csv_chunks, neutralise, write_xlsx


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example","x")',
        "+33 1 02 03",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1",
        "\r=1",
        "  =cmd|' /C calc'!A0",
        "\n@SUM(A1)",
        "\u00a0\u3000+1",  # no-break and ideographic spaces
        "\uff1d1+1",
        "\uff0b1",
        "\uff0d1",
        "\uff20SUM(A1)",
    ],
)
def test_what_a_spreadsheet_would_run_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Un texte avec = dedans", "Un texte avec = dedans"),
        ("", ""),
        (None, ""),
        (12, "12"),
        (-3, "'-3"),
        ("   ", "   "),
    ],
)
def test_other_values_are_kept_as_text(value, expected):
    assert neutralise(value) == expected


def test_the_csv_and_xlsx_writers_neutralise_every_cell_and_the_header():
    header, rows = ["=title", "name"], [["  =1+1", "Jardins"], ["\uff20x", None]]
    text = b"".join(csv_chunks(header, rows)).decode("utf-8-sig")
    assert text.splitlines() == ["'=title,name", "'  =1+1,Jardins", "'\uff20x,"]
    buffer = io.BytesIO()
    assert write_xlsx(buffer, header, rows, sheet="Sheet") == 2
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["'=title", "name"],
        ["'  =1+1", "Jardins"],
        ["'\uff20x", None],
    ]
