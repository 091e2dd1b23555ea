"""A Confirm sends exactly what its summary showed, or nothing (SPEC rule 2).

/charge and /markpaid re-read the invoice right before the write: if it changed in Quentli after
the summary (amount edited, paid, cancelled, moved to another customer, gone), nothing is sent
and the staff member is told what changed. A summary older than ``OP_TTL`` is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from bot.services.operations import OP_TTL
from bot.store import OperationState
from bot.store.db import to_db_time
from tests.handlers.staffchat import (
    PARENT,
    button,
    confirm,
    linked_parent,
    paid_summary,
    posts,
    press,
    say,
    staff_user,
)
from tests.harness import SHORT_READ_TIMEOUT, STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _invoice(bot: BotUnderTest, amount: int = 180000) -> tuple[dict[str, Any], dict[str, Any]]:
    lucia = bot.state.add_customer("Lucía García López", "A-1029", has_card=True)
    invoice = bot.state.add_invoice(lucia["id"], amount, "Colegiatura", today(TZ) + timedelta(5))
    return lucia, invoice


def _op_id(bot: BotUnderTest, summary: Any) -> str:
    return button(bot, summary, "Confirmar").split(":")[1]


async def _state(bot: BotUnderTest, op_id: str) -> OperationState:
    op = await bot.infra.repos.operations.get(op_id)
    assert op is not None
    return op.state


# --- the invoice changed in Quentli between the summary and Confirm ----------------------------


async def test_a_charge_whose_amount_changed_in_quentli_charges_nothing(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cargar {invoice['id']}")
    assert "$1,800.00 MXN" in summary.text
    bot.state.invoices[invoice["id"]]["totalAmount"] = 1_800_000  # edited in the dashboard

    result = await confirm(bot, staff, summary)

    assert "El monto de la solicitud" in result.text and "cambió en Quentli" in result.text
    assert "ahora es <b>$18,000.00 MXN</b>" in result.text and "$1,800.00 MXN" in result.text
    assert "No cobré nada" in result.text and f"/cargar {invoice['id']}" in result.text
    assert "Cobro exitoso" not in result.text
    assert posts(bot) == [] and bot.state.payments == {}
    assert bot.state.invoices[invoice["id"]]["isPaid"] is False
    op_id = _op_id(bot, summary)
    assert await _state(bot, op_id) == OperationState.FAILED  # nothing sent: not "unknown"
    [entry] = await bot.infra.repos.audit.recent()
    assert (entry.action, entry.outcome) == ("invoice.charge", "changed")
    # A second press does not send it either.
    again = await press(bot, staff, summary, f"op:{op_id}:ok", allow_stale=True)
    assert "ya falló antes y no se aplicó" in again.text
    assert posts(bot) == []


async def test_a_fresh_charge_reports_the_amount_quentli_charged(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    result = await confirm(bot, staff, await say(bot, staff, f"/cargar {invoice['id']}"))
    [payment] = bot.state.payments.values()
    assert payment["amount"] == 180000
    assert "Cobro exitoso" in result.text and "$1,800.00 MXN" in result.text
    # the re-read is a GET right before the one POST
    reads = bot.quentli_requests("GET", f"/v1/invoices/{invoice['id']}")
    assert [r.path for r in reads] == [f"/v1/invoices/{invoice['id']}"] * 2  # summary + re-read
    assert len(posts(bot)) == 1


async def test_a_mark_paid_whose_amount_changed_records_nothing(bot: BotUnderTest) -> None:
    lucia, invoice = _invoice(bot, 250000)
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']}")
    assert "$2,500.00 MXN" in summary.text
    bot.state.invoices[invoice["id"]]["totalAmount"] = 300000

    result = await confirm(bot, staff, summary)

    assert "cambió en Quentli" in result.text and "ahora es <b>$3,000.00 MXN</b>" in result.text
    assert "No registré el pago" in result.text and f"/pagado {invoice['id']}" in result.text
    assert posts(bot) == [] and bot.state.invoices[invoice["id"]]["isPaid"] is False
    assert await _state(bot, _op_id(bot, summary)) == OperationState.FAILED
    await bot.telegram.settle()
    assert bot.telegram.bot_messages(PARENT) == []  # no receipt with the stale amount
    assert await bot.infra.repos.outbox.pending_count() == 0


async def test_the_change_is_told_in_english_too(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot, 250000)
    staff = await staff_user(bot, lang="en")
    summary = await paid_summary(bot, staff, f"/markpaid {invoice['id']}", "Cash")
    bot.state.invoices[invoice["id"]]["totalAmount"] = 300000
    bot.telegram.press_button(staff, summary, button(bot, summary, "Confirm"))
    assert "Sending to Quentli" in (await bot.telegram.next_reply(STAFF_ID)).text
    result = await bot.telegram.next_reply(STAFF_ID)
    assert "changed in Quentli" in result.text and "it is now <b>$3,000.00 MXN</b>" in result.text
    assert "The payment was not recorded" in result.text
    assert f"/markpaid {invoice['id']}" in result.text
    assert posts(bot) == []


async def test_paid_cancelled_moved_or_deleted_meanwhile_sends_nothing(bot: BotUnderTest) -> None:
    lucia, _ = _invoice(bot)
    other = bot.state.add_customer("Pedro Ruiz", "B-7", has_card=True)
    staff = await staff_user(bot)

    def change_paid(inv: dict[str, Any]) -> None:
        bot.state.pay_invoice(inv["id"], emit=False)

    def change_cancelled(inv: dict[str, Any]) -> None:
        bot.state.invoices[inv["id"]]["canceledAt"] = "2025-01-01T06:00:00.000Z"

    def change_customer(inv: dict[str, Any]) -> None:
        bot.state.invoices[inv["id"]]["customerId"] = other["id"]

    def change_gone(inv: dict[str, Any]) -> None:
        del bot.state.invoices[inv["id"]]

    cases = [
        (change_paid, "ya quedó pagada en Quentli"),
        (change_cancelled, "se canceló en Quentli"),
        (
            change_customer,
            f"ya no es de <b>Lucía García López</b> en Quentli (ahora es de "
            f"<code>{other['id']}</code>)",
        ),
        (change_gone, "Quentli ya no encuentra la solicitud"),
    ]
    for change, expected in cases:
        for command, nothing in (("/cargar", "No cobré nada"), ("/pagado", "No registré")):
            inv = bot.state.add_invoice(lucia["id"], 99000, "Material", today(TZ) + timedelta(3))
            summary = await paid_summary(bot, staff, f"{command} {inv['id']}")
            change(inv)
            result = await confirm(bot, staff, summary)
            assert expected in result.text and nothing in result.text, (command, result.text)
            assert await _state(bot, _op_id(bot, summary)) == OperationState.FAILED
    assert posts(bot) == []


async def test_a_failed_re_read_changes_nothing(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cargar {invoice['id']}")
    # reads are retried: fail them all (the GET is retried 3 times)
    bot.state.fail_next(500, count=4, path_prefix=f"/v1/invoices/{invoice['id']}")
    result = await confirm(bot, staff, summary)
    assert "Quentli no respondió" in result.text and "No se cambió nada" in result.text
    assert "No cobré nada" in result.text and f"/cargar {invoice['id']}" in result.text
    assert posts(bot) == [] and bot.state.invoices[invoice["id"]]["isPaid"] is False
    assert await _state(bot, _op_id(bot, summary)) == OperationState.FAILED
    [entry] = await bot.infra.repos.audit.recent()
    assert entry.outcome == "error"


async def test_a_re_read_that_times_out_is_failed_not_unknown(fast_bot: BotUnderTest) -> None:
    bot = fast_bot
    _lucia, invoice = _invoice(bot, 250000)
    staff = await staff_user(bot)
    summary = await paid_summary(bot, staff, f"/pagado {invoice['id']}")
    bot.state.hang_next(
        SHORT_READ_TIMEOUT * 3, count=4, path_prefix=f"/v1/invoices/{invoice['id']}"
    )
    result = await confirm(bot, staff, summary)
    assert "Quentli no respondió" in result.text and "No registré el pago" in result.text
    assert "no sabemos si se aplicó" not in result.text
    assert posts(bot) == [] and bot.state.invoices[invoice["id"]]["isPaid"] is False
    assert await _state(bot, _op_id(bot, summary)) == OperationState.FAILED


# --- old summaries ------------------------------------------------------------------------------


async def _age(bot: BotUnderTest, op_id: str, age: timedelta) -> None:
    created = to_db_time(datetime.now(UTC) - age)
    await bot.infra.db.execute(
        "UPDATE operations SET created_at = ? WHERE op_id = ?", (created, op_id)
    )


async def test_an_expired_confirm_sends_nothing(bot: BotUnderTest) -> None:
    lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    charge = await say(bot, staff, f"/cargar {invoice['id']}")
    create = await say(bot, staff, f"/cobrar {lucia['username']} 1500 Colegiatura")
    for summary in (charge, create):
        op_id = _op_id(bot, summary)
        await _age(bot, op_id, OP_TTL + timedelta(minutes=1))
        result = await press(bot, staff, summary, f"op:{op_id}:ok")  # no "Enviando…" first
        assert "Este resumen ya venció" in result.text, result.text
        assert "no se envió nada a Quentli" in result.text
        assert "Vuelve a escribir el comando" in result.text
        assert await _state(bot, op_id) == OperationState.CANCELLED
        # Pressed again: the same answer (the message stays as it is), still nothing sent.
        bot.telegram.press_button(staff, summary, f"op:{op_id}:ok", allow_stale=True)
        await bot.telegram.settle()
        current = bot.telegram.current(summary)
        assert current is not None and "Este resumen ya venció" in current.text
    assert posts(bot) == [] and bot.state.invoices[invoice["id"]]["isPaid"] is False


async def test_a_confirm_just_inside_the_window_goes_through(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cargar {invoice['id']}")
    await _age(bot, _op_id(bot, summary), OP_TTL - timedelta(minutes=1))
    result = await confirm(bot, staff, summary)
    assert "Cobro exitoso" in result.text and len(posts(bot)) == 1


async def test_an_expired_summary_is_told_in_english(bot: BotUnderTest) -> None:
    _lucia, invoice = _invoice(bot)
    staff = await staff_user(bot, lang="en")
    summary = await say(bot, staff, f"/charge {invoice['id']}")
    op_id = _op_id_en(bot, summary)
    await _age(bot, op_id, timedelta(days=60))
    result = await press(bot, staff, summary, f"op:{op_id}:ok")
    assert "This summary has expired" in result.text and "nothing was sent" in result.text
    assert posts(bot) == []


def _op_id_en(bot: BotUnderTest, summary: Any) -> str:
    return button(bot, summary, "Confirm").split(":")[1]
