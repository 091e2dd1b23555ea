"""Rule 9 for the other pushes: reminders and the office's reports reach each person in their
Telegram language when they never chose one with /language."""

from __future__ import annotations

from bot.sandbox.seed import seed_demo
from tests.collections.conftest import Clock, check, drained, due_in, parent
from tests.collections.test_office import OFFICE
from tests.handlers.staffchat import say, staff_user
from tests.harness import STAFF_ID, BotUnderTest
from tests.people.helpers import profile

MOM = 741_001


async def test_a_reminder_is_in_the_parents_telegram_language(
    reminding_bot: BotUnderTest, clock: Clock
) -> None:
    bot = reminding_bot
    sofia = bot.state.add_customer("Sofía García López", "A-1029")
    mom = await parent(bot, MOM, sofia, lang="en")
    await say(bot, mom, "/estado")  # any message: the bot learns her Telegram language
    await profile(bot, MOM, "Mamá")
    due_in(bot, sofia, 3, 485_000, "Colegiatura Mayo")

    clock.at(9, 30)
    await check(bot)

    reminder = await bot.telegram.next_reply(MOM)
    assert "A friendly reminder" in reminder.text and "Recordatorio" not in reminder.text


async def test_a_report_asked_for_in_the_office_group_comes_in_the_pressers_language(
    office_bot: BotUnderTest, clock: Clock
) -> None:
    bot = office_bot
    bot.telegram.group_chat(OFFICE, "Dirección y caja")
    await bot.services.languages.choose(OFFICE, "es")  # the office chose Spanish with /idioma
    seed_demo(bot.state)
    clock.at(19, 5)
    await check(bot)
    await drained(bot)
    [summary] = bot.telegram.bot_messages(OFFICE)
    assert "Resumen del día" in summary.text
    staff = await staff_user(bot, lang="en")
    await say(bot, staff, "/help")  # the bot learns her Telegram language
    await profile(bot, STAFF_ID, "Sofía")

    bot.telegram.press_button(staff, summary, "ovd:new")

    private = await bot.telegram.next_reply(STAFF_ID)
    assert "Overdue" in private.text and "Vencidos" not in private.text
