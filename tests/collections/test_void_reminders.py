"""An invoice cancelled with /anular is never reminded again."""

from __future__ import annotations

from tests.collections.conftest import Clock, check, due_in
from tests.collections.conftest import sofia as sofia_of
from tests.handlers.staffchat import confirm, say, staff_user
from tests.harness import BotUnderTest

MOM = 731_101


async def test_a_voided_invoice_gets_no_reminder(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = await sofia_of(bot, MOM)
    voided = due_in(bot, sofia, 3, 120_000, "Transporte")
    kept = due_in(bot, sofia, 3, 485_000, "Colegiatura")
    staff = await staff_user(bot)
    clock.at(8, 0)  # before the window: the void happens first
    await confirm(bot, staff, await say(bot, staff, f"/anular {voided}"))
    assert "Se canceló un cobro" in (await bot.telegram.next_reply(MOM)).text

    clock.at(9, 30)
    await check(bot)
    reminder = await bot.telegram.next_reply(MOM)
    assert "Colegiatura" in reminder.text and "Transporte" not in reminder.text
    assert [b.value for b in bot.telegram.buttons(reminder)] == [f"pay:{kept}"]
