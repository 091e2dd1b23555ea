"""/bulk (/masivo): a spreadsheet checked, previewed, written exactly once, reported."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from bot.parsing.dates import today
from bot.services.bulk import BulkRow, RowState
from bot.services.bulk.writing import row_input
from tests.faketelegram import SentMessage
from tests.handlers.staffchat import (
    button,
    linked_parent,
    posts,
    press,
    raw_press,
    say,
    staff_user,
)
from tests.harness import BotUnderTest, bot_under_test
from tests.parents.conftest import WEBHOOK_SECRET, point_sandbox_webhooks

SCHOOL_TZ = ZoneInfo("America/Mexico_City")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _due(days: int = 40) -> date:
    return today(SCHOOL_TZ) + timedelta(days=days)


def _students(bot: BotUnderTest, count: int) -> list[dict[str, Any]]:
    return [bot.state.add_customer(f"Alumno {n:02d} Pérez", f"A-{2000 + n}") for n in range(count)]


def _csv(
    lines: list[list[str]], sep: str = ",", header: str = "alumno,concepto,monto,vence"
) -> str:
    return "\n".join([header.replace(",", sep)] + [sep.join(line) for line in lines]) + "\n"


async def _send(
    bot: BotUnderTest, staff: Any, name: str, content: bytes, mime: str = "text/csv"
) -> SentMessage:
    """Send a file; returns the bot's answer after "Revisando…" (the preview or an error)."""
    bot.telegram.send_document(staff, name, content, mime_type=mime)
    first = await bot.telegram.next_reply(staff["id"])
    if "Revisando" not in (first.text or "") and "Checking" not in (first.text or ""):
        return first
    return await bot.telegram.next_reply(staff["id"], timeout=20)


async def _confirm(bot: BotUnderTest, staff: Any, preview: SentMessage, label: str) -> None:
    """Press Confirm and wait for the report; later replies start after it."""
    bot.telegram.press_button(staff, preview, button(bot, preview, label))
    await _finished(bot, staff["id"])


async def _finished(bot: BotUnderTest, chat_id: int, timeout: float = 20) -> None:
    def reported() -> bool:
        return any(m.document for m in bot.telegram.unread(chat_id))

    await bot.telegram.wait_for(reported, timeout=timeout)
    await bot.telegram.settle()
    bot.telegram.state.cursors[chat_id] = len(bot.telegram.bot_messages(chat_id))


def _report(bot: BotUnderTest, chat_id: int) -> list[tuple[Any, ...]]:
    [doc] = [
        m
        for m in bot.telegram.bot_messages(chat_id)
        if m.document is not None and "report" in str(m.document.get("file_name"))
    ]
    content = bot.telegram.file_content(doc.document["file_id"])  # type: ignore[index]
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


async def test_thirty_rows_three_bad_preview_confirm_twice_report_and_one_message_per_chat(
    bot: BotUnderTest,
) -> None:
    students = _students(bot, 30)
    # One parent with two children in the file, one with one child.
    await linked_parent(bot, students[0], 7001)
    await bot.infra.repos.links.link(7001, students[1]["id"], students[1]["name"], "staff", None)
    await linked_parent(bot, students[2], 7002)
    staff = await staff_user(bot)
    due = _due()
    lines = [[s["username"], "Excursión 3er grado", "350", f"{due:%d/%m/%Y}"] for s in students]
    lines[4][0] = "Z-9999"  # row 6: nobody
    lines[9][2] = "1.500"  # row 11: ambiguous amount
    lines[19][3] = "31/02/2027"  # row 21: no such day
    content = _csv(lines).encode()

    preview = await _send(bot, staff, "excursion.csv", content)

    assert "Filas válidas: 27" in preview.text
    assert "$9,450.00 MXN" in preview.text  # 27 x $350
    assert "Fila 6:" in preview.text and "Z-9999" in preview.text
    assert "Fila 11:" in preview.text and "Fila 21:" in preview.text
    assert "&lt;" not in preview.text  # the reasons' markup is not escaped twice
    assert preview.text.count("• Fila") == 3
    assert posts(bot, "/v1/invoices") == []
    # students were looked up in one list call, not one per row
    lookups = bot.quentli_requests("GET", "/v1/customers")
    assert len(lookups) <= 4

    data = button(bot, preview, "Crear 27")
    raw_press(bot, staff, preview, data)
    raw_press(bot, staff, preview, data)  # a double tap
    await _finished(bot, staff["id"])

    created = posts(bot, "/v1/invoices")
    assert len(created) == 27
    keys = [
        next(m["value"] for m in p.body["input"]["metadata"] if m["key"] == "bulkRow")
        for p in created
    ]
    assert len(set(keys)) == 27
    texts = [m.text or "" for m in bot.telegram.bot_messages(staff["id"])]
    assert any("ya se está creando" in t or "ya se creó" in t for t in texts)
    assert any("Lote terminado" in t and "Creadas: 27" in t for t in texts)

    report = _report(bot, staff["id"])
    assert report[0] == ("fila", "alumno", "concepto", "monto", "solicitud de pago", "error")
    assert len(report) == 31
    by_row = {row[0]: row for row in report[1:]}
    assert by_row[6][4] in (None, "") and "Z-9999" in str(by_row[6][5])
    assert str(by_row[2][4]).startswith("inv_") and by_row[2][5] in (None, "")

    await bot.telegram.wait_for(lambda: bot.telegram.bot_messages(7002), timeout=10)
    await bot.telegram.settle()
    [siblings] = bot.telegram.bot_messages(7001)
    assert "Alumno 00" in siblings.text and "Alumno 01" in siblings.text
    assert len([b for b in bot.telegram.buttons(siblings) if b.value.startswith("pay:")]) == 2
    [single] = bot.telegram.bot_messages(7002)
    assert "Nuevas solicitudes de pago" in single.text


async def test_one_valid_row_is_singular_and_an_ambiguous_amount_says_to_fix_the_file(
    bot: BotUnderTest,
) -> None:
    students = _students(bot, 3)
    staff = await staff_user(bot)
    lines = [
        [students[0]["username"], "Colegiatura", "1500", ""],
        [students[1]["username"], "Colegiatura", "1 200", ""],
        [students[2]["username"], "Colegiatura", "2.500", ""],
    ]

    preview = await _send(bot, staff, "uno.csv", _csv(lines).encode())

    assert "¿Creo 1 solicitud de pago?" in preview.text
    assert "solicitudes" not in preview.text
    # the file's preview has no amount buttons: the row says to fix the cell
    assert "Toca" not in preview.text
    assert "«1 200» se puede leer de más de una forma: en el archivo" in preview.text
    assert "<code>1200</code>" in preview.text
    assert "«2.500» se puede leer de dos formas" in preview.text
    assert "<code>2500</code> o <code>2.50</code>" in preview.text
    assert "✅ Crear 1" in [b.text for b in bot.telegram.buttons(preview)]

    only_bad = await _send(bot, staff, "malo.csv", _csv(lines[1:2]).encode())
    assert "El archivo tiene 1 fila y no se puede cobrar" in only_bad.text


async def test_latin1_semicolon_csv_and_the_same_file_twice(bot: BotUnderTest) -> None:
    bot.state.add_customer("Iñaki Núñez", "B-1")
    bot.state.add_customer("José Peña", "B-2")
    staff = await staff_user(bot)
    due = _due()
    text = _csv(
        [
            ["B-1", "Inscripción", "1,500.50", f"{due:%d/%m/%Y}"],
            ["B-2", "Año escolar", "$2000", ""],
        ],
        sep=";",
        header="Matrícula,Concepto,Importe,Vencimiento",
    )
    content = text.encode("latin-1")

    preview = await _send(bot, staff, "inscripcion.csv", content)
    assert "Filas válidas: 2" in preview.text and "$3,500.50 MXN" in preview.text
    await _confirm(bot, staff, preview, "Crear 2")
    [first, second] = posts(bot, "/v1/invoices")
    assert first.body["input"]["items"][0]["concept"]["displayName"] == "Inscripción"
    assert second.body["input"]["items"][0]["concept"]["displayName"] == "Año escolar"

    again = await _send(bot, staff, "inscripcion (1).csv", content)
    assert "ya se envió" in again.text
    assert any("crear otra vez" in b.text for b in bot.telegram.buttons(again))


async def test_xlsx_with_english_headers(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot, lang="en")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Student", "Concept", "Amount", "Due date"])
    sheet.append(["A-1029", "Field trip", 350.5, _due()])
    sheet.append(["Lucía García", "Books", 1200, None])
    out = io.BytesIO()
    book.save(out)

    preview = await _send(bot, staff, "trip.xlsx", out.getvalue(), XLSX)

    assert "Valid rows: 2" in preview.text and "$1,550.50 MXN" in preview.text


async def test_a_file_too_big_or_without_the_columns_is_refused(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    big = b"alumno,concepto,monto\n" + b"A-1,Colegiatura,100\n" * 120_000
    answer = await _send(bot, staff, "grande.csv", big)
    assert "2 MB" in answer.text
    answer = await _send(bot, staff, "otra.csv", b"nombre,precio\nAna,100\n")
    assert "faltan columnas" in answer.text
    many = _csv([["A-1", "Colegiatura", "100", ""]] * 2001).encode()
    answer = await _send(bot, staff, "muchas.csv", many)
    assert "2,000 filas" in answer.text
    assert posts(bot) == []


async def test_template_and_usage(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    usage = await say(bot, staff, "/masivo")
    assert "alumno" in usage.text and "plantilla" in usage.text
    bot.telegram.send_command(staff, "/masivo plantilla")
    sent = await bot.telegram.next_reply(staff["id"])
    assert sent.document is not None
    content = bot.telegram.file_content(sent.document["file_id"])
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("alumno", "concepto", "monto", "vence")
    bot.telegram.send_command(staff, "/masivo plantila")  # a typo
    assert (await bot.telegram.next_reply(staff["id"])).document is not None
    unknown = await say(bot, staff, "/masivo borrar")
    assert "No conozco «borrar»" in unknown.text


async def test_a_parents_spreadsheet_is_not_taken_for_bulk(bot: BotUnderTest) -> None:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    parent = await linked_parent(bot, lucia)
    bot.telegram.send_document(parent, "lista.csv", b"alumno,concepto,monto\nA-1029,x,1\n")
    # not silence: the answer for a file that is not a proof of payment
    answer = await bot.telegram.next_reply(parent["id"])
    assert "Solo recibo comprobantes de pago como <b>foto</b> o <b>PDF</b>" in answer.text
    await bot.telegram.settle()
    texts = [m.text or "" for m in bot.telegram.bot_messages(parent["id"])]
    assert not any("Filas válidas" in t or "Revisando" in t for t in texts)
    assert Counter(r.method for r in bot.quentli_requests()).get("POST", 0) == 0
    stranger = bot.telegram.user(7_990, "Alguien")
    bot.telegram.private_chat(stranger)
    bot.telegram.send_document(stranger, "excursion.xlsx", b"PK\x03\x04 not really")
    assert (await bot.telegram.next_reply(7_990)).text  # answered, whatever it is


async def test_cancel_and_a_stale_preview_create_nothing(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    content = _csv([["A-1029", "Colegiatura", "100", ""]]).encode()
    preview = await _send(bot, staff, "uno.csv", content)
    cancelled = await press(bot, staff, preview, button(bot, preview, "Cancelar"))
    assert "No se creó ninguna" in cancelled.text

    preview = await _send(bot, staff, "uno.csv", content)
    await bot.infra.db.execute(
        "UPDATE bulk_batches SET created_at = '2020-01-01T00:00:00.000000Z' WHERE state = ?",
        ("preview",),
    )
    stale = await press(bot, staff, preview, button(bot, preview, "Crear 1"))
    assert "más de 30 minutos" in stale.text
    assert posts(bot) == []


async def test_writes_whose_answer_was_lost_are_looked_up_not_sent_again(
    fast_bot: BotUnderTest,
) -> None:
    bot = fast_bot
    students = _students(bot, 6)
    staff = await staff_user(bot)
    lines = [[s["username"], "Colegiatura", "100", ""] for s in students]
    preview = await _send(bot, staff, "seis.csv", _csv(lines).encode())
    # The first two invoices are created, but their answers come after the read timeout.
    bot.state.hang_next(2.0, count=2, path_prefix="/v1/invoices")
    await _confirm(bot, staff, preview, "Crear 6")

    assert len(posts(bot, "/v1/invoices")) == 6  # nothing sent twice
    keys = Counter((i.get("meta") or {}).get("bulkRow") for i in bot.state.invoices.values())
    assert len(keys) == 6 and set(keys.values()) == {1}
    looked_up = [
        r for r in bot.quentli_requests("GET", "/v1/invoices") if "bulkRow" in str(r.query)
    ]
    assert len(looked_up) == 2
    report = _report(bot, staff["id"])
    assert all(str(row[4]).startswith("inv_") for row in report[1:])


@pytest.fixture
async def hooked(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """The sandbox posts its webhooks (INVOICE_CREATED...) to the bot, without the grace."""

    def hook(bot: BotUnderTest) -> None:
        point_sandbox_webhooks(bot)
        bot.services.payment_events.created_grace = 0

    async for running in bot_under_test(
        tmp_path, on_start=hook, quentli_webhook_secret=WEBHOOK_SECRET
    ):
        yield running


async def test_quentlis_invoice_created_webhooks_do_not_add_messages(
    hooked: BotUnderTest,
) -> None:
    bot = hooked
    students = _students(bot, 3)
    await linked_parent(bot, students[0], 7001)
    await bot.infra.repos.links.link(7001, students[1]["id"], students[1]["name"], "staff", None)
    staff = await staff_user(bot)
    lines = [[s["username"], "Colegiatura", "100", ""] for s in students]
    preview = await _send(bot, staff, "tres.csv", _csv(lines).encode())
    await _confirm(bot, staff, preview, "Crear 3")
    # each INVOICE_CREATED event reached the bot, which re-read its invoice
    await bot.telegram.wait_for(lambda: len(bot.quentli_requests("GET", "/v1/invoices/")) >= 3)
    await bot.telegram.settle()

    [message] = bot.telegram.bot_messages(7001)
    assert "Alumno 00" in message.text and "Alumno 01" in message.text


async def test_a_bulk_rows_invoice_created_event_is_left_to_its_batch(
    hooked: BotUnderTest,
) -> None:
    """Were the bot to stop between creating a row's invoice and watching it, Quentli's
    INVOICE_CREATED must not tell the family apart: the resumed batch tells them once."""
    bot = hooked
    [student] = _students(bot, 1)
    await linked_parent(bot, student, 7001)
    row = BulkRow(
        "b1",
        2,
        "A-2000",
        student["id"],
        student["name"],
        "Colegiatura",
        100,
        _due(),
        RowState.PENDING,
        None,
        None,
        0,
    )
    invoice = await bot.infra.quentli.create_invoice(row_input(row, SCHOOL_TZ))
    await bot.telegram.wait_for(
        lambda: any(r.path == f"/v1/invoices/{invoice.id}" for r in bot.quentli_requests("GET"))
    )
    await bot.telegram.settle()
    assert bot.telegram.bot_messages(7001) == []


async def test_a_file_without_one_valid_row_says_why_and_offers_no_confirm(
    bot: BotUnderTest,
) -> None:
    staff = await staff_user(bot)
    content = _csv([["Z-1", "Colegiatura", "100", ""], ["Z-2", "Colegiatura", "abc", ""]])
    answer = await _send(bot, staff, "nadie.csv", content.encode())
    assert "Fila 2:" in answer.text and "Fila 3:" in answer.text
    assert "Ninguna de las 2 filas" in answer.text
    assert bot.telegram.buttons(answer) == []


async def test_a_refused_row_is_reported_and_a_5xx_row_is_looked_up_then_sent(
    bot: BotUnderTest,
) -> None:
    students = _students(bot, 3)
    staff = await staff_user(bot)
    lines = [[s["username"], "Colegiatura", "100", ""] for s in students]
    content = _csv(lines).encode()
    preview = await _send(bot, staff, "tres.csv", content)
    bot.state.fail_next(400, count=1, path_prefix="/v1/invoices")
    await _confirm(bot, staff, preview, "Crear 3")
    report = _report(bot, staff["id"])
    failed = [row for row in report[1:] if not row[4]]
    assert len(failed) == 1 and "Quentli no la creó" in str(failed[0][5])
    assert len(bot.state.invoices) == 2

    # The same file again: the earlier batch created invoices, so it is recognised.
    again = await _send(bot, staff, "tres.csv", content)
    assert "ya se envió" in again.text
    bot.state.fail_next(503, count=1, path_prefix="/v1/invoices")
    bot.telegram.press_button(staff, again, button(bot, again, "crear otra vez"))
    await _finished(bot, staff["id"])
    assert len(bot.state.invoices) == 5  # 2 + 3: the 503 row was looked up, then sent once


async def test_a_quentli_refusing_the_batch_look_up_still_finds_each_student(
    bot: BotUnderTest,
) -> None:
    students = _students(bot, 3)
    staff = await staff_user(bot)
    bot.state.fail_next(400, count=1, path_prefix="/v1/customers")  # the username-in call
    lines = [[s["username"], "Colegiatura", "100", ""] for s in students]
    preview = await _send(bot, staff, "tres.csv", _csv(lines).encode())
    assert "Filas válidas: 3" in preview.text
