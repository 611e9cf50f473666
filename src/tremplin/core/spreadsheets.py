"""Writing a table (a header and rows of cells) to CSV, streamed, and to XLSX, written row by
row: both in constant memory whatever the number of rows, and safe to open in a spreadsheet
(a cell that would start a formula is prefixed with a quote). neutralise() is the one rule of
every export that people open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO

import xlsxwriter

# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), with the
# full-width forms that some spreadsheets read as the same signs; tab and carriage return too,
# which some spreadsheets strip before looking at the next character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CSV_ROWS_PER_CHUNK = 200
XLSX_MAX_CELL = 32767  # characters a spreadsheet cell holds


def neutralise(value) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet would take it for a formula:
    when it starts with one of FORMULA_STARTS, even after spaces (which spreadsheets skip)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """A file-like object whose write() returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(header: list[str], rows: Iterable[Iterable]) -> Iterator[bytes]:
    """The CSV file in UTF-8 chunks. It starts with a byte-order mark so that spreadsheets
    read the accents right."""
    writer = csv.writer(_Line())
    yield ("\ufeff" + writer.writerow([neutralise(cell) for cell in header])).encode()
    lines: list[str] = []
    for row in rows:
        lines.append(writer.writerow([neutralise(cell) for cell in row]))
        if len(lines) >= CSV_ROWS_PER_CHUNK:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()


def write_xlsx(
    target: IO[bytes] | str, header: list[str], rows: Iterable[Iterable], sheet: str
) -> int:
    """Write the table to an XLSX workbook; rows are flushed as they are written, so memory
    stays flat. Every cell is written as text: nothing is ever read as a formula or a link.
    Returns the number of rows written (header excluded)."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    worksheet = workbook.add_worksheet(sheet[:31] or "Sheet1")
    bold = workbook.add_format({"bold": True})
    for column, title in enumerate(header):
        worksheet.write_string(0, column, neutralise(title)[:XLSX_MAX_CELL], bold)
    worksheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, cell in enumerate(row):
            text = neutralise(cell)
            if text:
                worksheet.write_string(count, column, text[:XLSX_MAX_CELL])
    if header:
        worksheet.autofilter(0, 0, count, len(header) - 1)
    workbook.close()
    return count
