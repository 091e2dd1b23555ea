"""Reading a staff member's spreadsheet: CSV (UTF-8, UTF-8 with BOM or Latin-1; comma or
semicolon) or XLSX, with Spanish or English headers. Also the template and the report files.

Nothing is checked against Quentli here: :func:`read_sheet` returns the cells of each line as
text, with the spreadsheet's own row numbers (the header is row 1), or raises
:class:`~bot.parsing.InputError` with a ``bulk.file.*`` key saying what is wrong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot.parsing import InputError, echo
from bot.services.customers import fold

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "SheetRow",
    "is_spreadsheet",
    "read_sheet",
    "report_xlsx",
    "template_xlsx",
]

#: Files over this size are refused before they are read.
MAX_BYTES = 2 * 1024 * 1024
#: Lines (not counting the header) a batch may have.
MAX_ROWS = 2000

#: The columns, by their English name, and every header that names them (accents and case are
#: ignored). ``due`` may be left out: the due date is then the end of this month.
COLUMNS: dict[str, frozenset[str]] = {
    "student": frozenset(
        {"alumno", "matricula", "student", "student id", "estudiante", "username", "id alumno"}
    ),
    "concept": frozenset({"concepto", "concept", "descripcion", "description"}),
    "amount": frozenset({"monto", "importe", "amount", "cantidad", "total"}),
    "due": frozenset(
        {"vence", "vencimiento", "due", "due date", "fecha de vencimiento", "fecha limite"}
    ),
}
_REQUIRED = ("student", "concept", "amount")

_CSV_SUFFIXES = (".csv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_OTHER_SHEETS = (".xls", ".ods", ".numbers")
_CSV_TYPES = {"text/csv", "text/comma-separated-values", "application/csv"}
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One line of the file: its row number and its cells by column name (``""`` if empty)."""

    row_no: int
    student: str
    concept: str
    amount: str
    due: str


def is_spreadsheet(file_name: str | None, mime_type: str | None) -> bool:
    """Whether a document looks like a spreadsheet (one a staff member may mean for /bulk)."""
    name = (file_name or "").lower()
    return name.endswith(_CSV_SUFFIXES + _XLSX_SUFFIXES + _OTHER_SHEETS) or (
        mime_type or ""
    ) in _CSV_TYPES | {_XLSX_TYPE, "application/vnd.ms-excel"}


def read_sheet(file_name: str, content: bytes) -> list[SheetRow]:
    """The lines of a CSV or XLSX file, empty lines left out.

    Raises:
        InputError: ``bulk.file.too_big``, ``bulk.file.too_many``, ``bulk.file.kind``,
            ``bulk.file.unreadable``, ``bulk.file.empty`` or ``bulk.file.columns``.
    """
    if len(content) > MAX_BYTES:
        raise InputError("bulk.file.too_big", size=_megabytes(len(content)), max="2 MB")
    name = file_name.lower()
    if name.endswith(_XLSX_SUFFIXES) or content[:2] == b"PK":
        cells = _xlsx_cells(content)
    elif name.endswith(_OTHER_SHEETS):
        raise InputError("bulk.file.kind", name=echo(file_name))
    else:
        cells = _csv_cells(content)
    return _rows(cells)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _decode(content: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Latin-1 as Windows writes it (cp1252), else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _csv_cells(content: bytes) -> Iterable[Sequence[Any]]:
    text = _decode(content)
    if "\x00" in text:
        raise InputError("bulk.file.unreadable")
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ""
    # Headers hold no separators of their own: a delimiter the header line does not use was
    # a wrong guess (amounts like "1,500.00" in a semicolon file can mislead the sniffer).
    if delimiter not in first or not delimiter:
        delimiter = max(",;\t", key=first.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_cells(content: bytes) -> Iterable[Sequence[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # lazily: start-up time

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError("bulk.file.unreadable") from exc
    try:
        sheet = book.worksheets[0]
        lines: list[Sequence[Any]] = []
        filled = 0
        for values in sheet.iter_rows(values_only=True):
            lines.append(values)
            filled += any(v is not None and str(v).strip() for v in values)
            if filled > MAX_ROWS + 1:  # the header and one row too many: enough to refuse
                break
        return lines
    finally:
        book.close()


def _text(value: Any) -> str:
    """A cell as text: days as ``YYYY-MM-DD``, numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float ("1500.5")
        return format(Decimal(repr(value)), "f")
    return " ".join(str(value).split())


def _folded(text: str) -> str:
    """A header as compared: lower case, no accents, ``_`` as a space, single spaces."""
    return " ".join(fold(text).replace("_", " ").split())


def _header(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        folded = _folded(cell)
        for column, names in COLUMNS.items():
            if folded in names and column not in found:
                found[column] = index
    return found


def _rows(lines: Iterable[Sequence[Any]]) -> list[SheetRow]:
    rows: list[SheetRow] = []
    columns: dict[str, int] | None = None
    for number, values in enumerate(lines, start=1):
        cells = [_text(v) for v in values]
        if not any(cells):
            continue
        if columns is None:
            columns = _header(cells)
            missing = [c for c in _REQUIRED if c not in columns]
            if missing:
                raise InputError(
                    "bulk.file.columns",
                    missing=", ".join(missing),
                    found=echo(" | ".join(c for c in cells if c)),
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError("bulk.file.too_many", max=f"{MAX_ROWS:,}")

        rows.append(
            SheetRow(
                number,
                _cell(cells, columns, "student"),
                _cell(cells, columns, "concept"),
                _cell(cells, columns, "amount"),
                _cell(cells, columns, "due"),
            )
        )
    if columns is None:
        raise InputError("bulk.file.empty")
    if not rows:
        raise InputError("bulk.file.no_rows")
    return rows


def _cell(cells: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    return cells[index] if index is not None and index < len(cells) else ""


def _xlsx(header: Sequence[str], lines: Iterable[Sequence[Any]], widths: Sequence[int]) -> bytes:
    from openpyxl import Workbook  # lazily: start-up time
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(list(line))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_xlsx(header: Sequence[str], example: Sequence[Sequence[Any]]) -> bytes:
    """The template staff fill in: the header (in their language) and example lines."""
    return _xlsx(header, example, (18, 30, 12, 14))


def report_xlsx(header: Sequence[str], lines: Iterable[Sequence[Any]]) -> bytes:
    """The report of a batch: one line per row of the file."""
    return _xlsx(header, lines, (8, 30, 30, 14, 26, 50))
