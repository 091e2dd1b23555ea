"""/void (/anular): cancel an unpaid invoice once, tell the family, stop watching it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from tests.handlers.staffchat import (
    PARENT,
    button,
    confirm,
    linked_parent,
    press,
    raw_press,
    say,
    staff_user,
)
from tests.harness import STAFF_ID, BotUnderTest

TZ = ZoneInfo("America/Mexico_City")


def _setup(bot: BotUnderTest) -> tuple[dict[str, Any], dict[str, Any]]:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 250000, "Colegiatura", today(TZ) + timedelta(5))
    return lucia, invoice


def _deletes(bot: BotUnderTest) -> list[Any]:
    return bot.quentli_requests("DELETE", "/v1/invoices/")


async def test_void_cancels_once_tells_the_parent_and_stops_watching(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    await linked_parent(bot, lucia)
    await bot.infra.repos.watches.watch(invoice["id"], lucia["id"], STAFF_ID)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/anular {invoice['id']}")
    assert "¿Anular esta solicitud de pago?" in summary.text
    assert "✅ Confirmar la anula; ✖️ Cancelar la deja como está." in summary.text
    assert "Lucía García López" in summary.text and "$2,500.00 MXN" in summary.text
    assert _deletes(bot) == []

    result = await confirm(bot, staff, summary)

    [sent] = _deletes(bot)
    assert sent.path == f"/v1/invoices/{invoice['id']}"
    assert "Solicitud cancelada" in result.text and "Colegiatura" in result.text
    assert bot.state.invoices[invoice["id"]]["canceledAt"] is not None
    notice = await bot.telegram.next_reply(PARENT)
    assert "Se canceló un cobro" in notice.text and "$2,500.00 MXN" in notice.text
    assert bot.telegram.buttons(notice) == []  # nothing left to pay
    watch = await bot.infra.repos.watches.get(invoice["id"])
    assert watch is not None and watch.settled_at is not None
    [entry] = await bot.infra.repos.audit.recent(customer_id=lucia["id"])
    assert (entry.action, entry.outcome) == ("invoice.void", "ok")


async def test_a_double_tap_sends_one_delete(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/void {invoice['id']}")
    data = button(bot, summary, "Confirmar")
    bot.telegram.press_button(staff, summary, data)
    bot.telegram.press_button(staff, summary, data)
    await bot.telegram.settle()
    assert len(_deletes(bot)) == 1
    notices = [m for m in bot.telegram.bot_messages(PARENT) if "Se canceló" in (m.text or "")]
    assert len(notices) == 1


async def test_a_restart_between_summary_and_confirm_sends_one_delete(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/anular {invoice['id']}")
    data = button(bot, summary, "Confirmar")
    await bot.restart()
    result = await confirm(bot, staff, summary)
    assert "Solicitud cancelada" in result.text
    await bot.restart()
    raw_press(bot, staff, summary, data)  # the same keyboard, pressed again after a restart
    assert "ya se había hecho" in (await bot.telegram.next_reply(STAFF_ID)).text
    assert len(_deletes(bot)) == 1
    assert "Se canceló un cobro" in (await bot.telegram.next_reply(PARENT)).text


async def test_an_invoice_paid_after_the_summary_is_not_cancelled(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/anular {invoice['id']}")
    bot.state.pay_invoice(invoice["id"], emit=False)
    bot.telegram.press_button(staff, summary, button(bot, summary, "Confirmar"))
    await bot.telegram.next_reply(STAFF_ID)  # "Enviando a Quentli…"
    answer = await bot.telegram.next_reply(STAFF_ID)
    assert "No cancelé nada" in answer.text
    assert _deletes(bot) == []


async def test_bad_input_and_closed_invoices_are_explained(bot: BotUnderTest) -> None:
    _lucia, invoice = _setup(bot)
    staff = await staff_user(bot)
    assert "Uso: <code>/anular" in (await say(bot, staff, "/anular")).text
    # not an invoice id: looked up as a student (and nobody has that name or number)
    assert "No encontré a nadie" in (await say(bot, staff, "/anular 12345")).text
    bot.state.pay_invoice(invoice["id"], emit=False)
    paid = await say(bot, staff, f"/anular {invoice['id']}")
    assert "Confirmar" not in str(paid.reply_markup)
    assert _deletes(bot) == []


async def test_parents_cannot_void(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    parent = await linked_parent(bot, lucia)
    await say(bot, parent, f"/anular {invoice['id']}")
    assert _deletes(bot) == []


async def test_void_by_student_name_and_from_the_card(bot: BotUnderTest) -> None:
    lucia, invoice = _setup(bot)
    other = bot.state.add_invoice(lucia["id"], 90000, "Uniforme", today(TZ) + timedelta(9))
    await linked_parent(bot, lucia)
    staff = await staff_user(bot)

    # /anular <student>: her unpaid invoices as buttons, then the summary of the one tapped
    picker = await say(bot, staff, "/anular lucia")
    assert "anulamos" in picker.text
    summary = await press(bot, staff, picker, button(bot, picker, "Uniforme"))
    assert "¿Anular esta solicitud de pago?" in summary.text and "Uniforme" in summary.text
    await confirm(bot, staff, summary)
    assert [r.path for r in _deletes(bot)] == [f"/v1/invoices/{other['id']}"]

    # the card's ✖️ Anular reaches the same summary for the invoice on its row
    card = await say(bot, staff, "/alumno Lucía")
    cancel = button(bot, card, "Anular")
    summary = await press(bot, staff, card, cancel)
    assert "¿Anular esta solicitud de pago?" in summary.text and "Colegiatura" in summary.text
    await confirm(bot, staff, summary)
    assert [r.path for r in _deletes(bot)][-1] == f"/v1/invoices/{invoice['id']}"
