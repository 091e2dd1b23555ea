"""Quentli hanging: a read changed nothing; a write of unknown fate says how to check it."""

from __future__ import annotations

from datetime import date, timedelta

from tests.handlers.staffchat import button, confirm, posts, raw_press, say, staff_user
from tests.harness import SHORT_READ_TIMEOUT, STAFF_ID, BotUnderTest

HANG = SHORT_READ_TIMEOUT * 3


async def test_a_create_that_times_out_is_unknown_and_never_repeated(
    fast_bot: BotUnderTest,
) -> None:
    bot = fast_bot
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    staff = await staff_user(bot)
    summary = await say(bot, staff, "/cobrar A-1029 1500 Colegiatura")
    bot.state.hang_next(HANG, path_prefix="/v1/invoices")
    result = await confirm(bot, staff, summary)
    assert "no sabemos si se aplicó" in result.text
    assert f"/alumno {lucia['id']}" in result.text
    raw_press(bot, staff, summary, button(bot, summary, "Confirmar"))
    again = await bot.telegram.next_reply(STAFF_ID)
    assert "No sabemos si esta operación se aplicó" in again.text
    # The invoice did land (the sandbox processed it before hanging) and was sent once.
    assert len(posts(bot, "/v1/invoices")) == 1 and len(bot.state.invoices) == 1


async def test_a_lookup_that_times_out_changes_nothing(fast_bot: BotUnderTest) -> None:
    bot = fast_bot
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    invoice = bot.state.add_invoice(lucia["id"], 150000, "Colegiatura", _soon())
    staff = await staff_user(bot)
    bot.state.hang_next(HANG, count=4, path_prefix="/v1/invoices")
    answer = await say(bot, staff, f"/pagado {invoice['id']}")
    assert "Quentli no respondió" in answer.text and "no se cambió nada" in answer.text
    assert posts(bot) == []


async def test_a_charge_that_times_out_is_unknown(fast_bot: BotUnderTest) -> None:
    bot = fast_bot
    lucia = bot.state.add_customer("Lucía García López", "A-1029", has_card=True)
    invoice = bot.state.add_invoice(lucia["id"], 150000, "Colegiatura", _soon())
    staff = await staff_user(bot)
    summary = await say(bot, staff, f"/cargar {invoice['id']}")
    bot.state.hang_next(HANG, path_prefix=f"/v1/invoices/{invoice['id']}/try-payment")
    result = await confirm(bot, staff, summary)
    assert "no sabemos si se aplicó" in result.text
    assert len(posts(bot)) == 1


def _soon() -> date:
    return date.today() + timedelta(days=10)
