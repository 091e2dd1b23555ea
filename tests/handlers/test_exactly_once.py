"""One tap, one effect: Confirm buttons run their write once, whatever happens around them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.store import OperationState
from tests.handlers.staffchat import button, confirm, posts, raw_press, say, staff_user
from tests.harness import STAFF_ID, BotUnderTest


async def _invoice_summary(bot: BotUnderTest, staff: Any) -> Any:
    bot.state.add_customer("Lucía García López", "A-1029")
    due = date.today() + timedelta(days=20)
    summary = await say(bot, staff, f"/cobrar A-1029 1500 Colegiatura vence {due:%d/%m/%Y}")
    assert "Revisa la solicitud" in summary.text
    return summary


def _op_id(bot: BotUnderTest, summary: Any) -> str:
    return button(bot, summary, "Confirmar").split(":")[1]


async def test_the_operation_is_recorded_before_the_summary_is_shown(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    op = await bot.infra.repos.operations.get(_op_id(bot, summary))
    assert op is not None and op.state == OperationState.PENDING
    assert op.created_by == STAFF_ID and op.kind == "invoice.create"
    assert op.payload["amount"] == 150000 and op.payload["description"] == "Colegiatura"
    assert all(len(b.value.encode()) <= 64 for b in bot.telegram.buttons(summary))


async def test_a_double_tap_creates_one_invoice(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    data = button(bot, summary, "Confirmar")
    bot.telegram.press_button(staff, summary, data)
    bot.telegram.press_button(staff, summary, data)  # before the first edit reached the phone
    await bot.telegram.settle()
    assert len(posts(bot, "/v1/invoices")) == 1
    assert len(bot.state.invoices) == 1
    last = bot.telegram.bot_messages(STAFF_ID)[-1]
    assert "ya se había hecho" in last.text and next(iter(bot.state.invoices)) in last.text


async def test_the_same_press_delivered_twice_creates_one_invoice(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    data = button(bot, summary, "Confirmar")
    query_id = raw_press(bot, staff, summary, data)
    raw_press(bot, staff, summary, data, query_id=query_id)  # Telegram delivers it again
    await bot.telegram.settle()
    assert len(posts(bot, "/v1/invoices")) == 1
    answers = [a for a in bot.telegram.callback_answers if a.callback_query_id == query_id]
    assert len(answers) == 1  # the second answer was refused by Telegram and ignored


async def test_a_restart_while_in_flight_never_sends_it_again(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    op_id = _op_id(bot, summary)
    # The bot started the write, then died before recording the answer.
    await bot.infra.repos.operations.begin(op_id)
    await bot.restart()
    bot.telegram.press_button(staff, summary, button(bot, summary, "Confirmar"))
    reply = await bot.telegram.next_reply(STAFF_ID)
    # The restart marked the interrupted write unknown: never sent again, and said so.
    assert "No sabemos si esta operación se aplicó" in reply.text
    assert "/alumno" in reply.text
    assert posts(bot) == []


async def test_a_restart_after_it_was_done_shows_the_result_again(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    data = button(bot, summary, "Confirmar")
    await confirm(bot, staff, summary)
    await bot.restart()
    raw_press(bot, staff, summary, data)
    reply = await bot.telegram.next_reply(STAFF_ID)
    assert "ya se había hecho" in reply.text
    assert len(posts(bot, "/v1/invoices")) == 1


async def test_cancel_then_confirm_sends_nothing(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    confirm_data = button(bot, summary, "Confirmar")
    bot.telegram.press_button(staff, summary, button(bot, summary, "Cancelar"))
    assert "Cancelado" in (await bot.telegram.next_reply(STAFF_ID)).text
    raw_press(bot, staff, summary, confirm_data)  # an old keyboard on another phone
    assert "se canceló" in (await bot.telegram.next_reply(STAFF_ID)).text
    assert posts(bot) == []
    op = await bot.infra.repos.operations.get(confirm_data.split(":")[1])
    assert op is not None and op.state == OperationState.CANCELLED


async def test_only_the_staff_member_who_prepared_it_can_confirm(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    colleague = await staff_user(bot, STAFF_ID + 1)
    query_id = raw_press(bot, colleague, summary, button(bot, summary, "Confirmar"))
    answer = await bot.telegram.wait_for(
        lambda: next(
            (a for a in bot.telegram.callback_answers if a.callback_query_id == query_id), None
        )
    )
    assert answer.show_alert and "Solo quien preparó" in (answer.text or "")
    assert posts(bot) == []


async def test_a_stranger_pressing_confirm_is_refused(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    stranger = bot.telegram.user(5555, "Pepe")
    query_id = raw_press(bot, stranger, summary, button(bot, summary, "Confirmar"))
    answer = await bot.telegram.wait_for(
        lambda: next(
            (a for a in bot.telegram.callback_answers if a.callback_query_id == query_id), None
        )
    )
    assert answer.show_alert and "solo para el personal" in (answer.text or "")
    assert posts(bot) == []


async def test_a_forged_operation_id_is_refused(bot: BotUnderTest) -> None:
    staff = await staff_user(bot)
    summary = await _invoice_summary(bot, staff)
    query_id = raw_press(bot, staff, summary, "op:AAAAAAAAAAAA:ok")
    answer = await bot.telegram.wait_for(
        lambda: next(
            (a for a in bot.telegram.callback_answers if a.callback_query_id == query_id), None
        )
    )
    assert "ya no es válido" in (answer.text or "")
    assert posts(bot) == []
