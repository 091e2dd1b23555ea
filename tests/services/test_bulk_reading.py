"""Reading bulk files: encodings, separators, headers, limits (bot.services.bulk.reading)."""

from __future__ import annotations

import pytest

from bot.parsing import InputError
from bot.services.bulk.reading import read_sheet


@pytest.mark.parametrize(
    "content",
    [
        'alumno,concepto,monto\nA-1,Inscripción,"1,500.00"\n'.encode(),
        '\ufeffalumno,concepto,monto\nA-1,Inscripción,"1,500.00"\n'.encode(),
        "Alumno;Concepto;Monto\nA-1;Inscripción;1,500.00\n".encode("latin-1"),
        "STUDENT\tConcept\tAmount\nA-1\tInscripción\t1,500.00\n".encode("cp1252"),
    ],
)
def test_encodings_and_separators(content: bytes) -> None:
    [row] = read_sheet("alumnos.csv", content)
    assert (row.row_no, row.student, row.concept, row.amount, row.due) == (
        2,
        "A-1",
        "Inscripción",
        "1,500.00",
        "",
    )


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers() -> None:
    rows = read_sheet(
        "x.csv", b"\nalumno,concepto,monto,vence\nA-1,X,1,\n,,,\nA-2,Y,2,01/12/2026\n"
    )
    assert [(r.row_no, r.student, r.due) for r in rows] == [
        (3, "A-1", ""),
        (5, "A-2", "01/12/2026"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("x.csv", b"", "bulk.file.empty"),
        ("x.csv", b"alumno,concepto,monto\n", "bulk.file.no_rows"),
        ("x.csv", b"nombre,monto\nAna,1\n", "bulk.file.columns"),
        ("x.xls", b"\xd0\xcf\x11\xe0", "bulk.file.kind"),
        ("x.xlsx", b"PK\x03\x04 not a zip", "bulk.file.unreadable"),
        ("x.csv", b"a" * (2 * 1024 * 1024 + 1), "bulk.file.too_big"),
    ],
)
def test_bad_files_say_what_is_wrong(name: str, content: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_sheet(name, content)
    assert caught.value.reason == reason
