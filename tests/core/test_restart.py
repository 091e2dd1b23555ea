"""What must survive a restart of the bot on the same database file: links and open flows."""

from __future__ import annotations

from tests.core.helpers import invite_via_chat, token_of
from tests.harness import ADMIN_ID, BotUnderTest

PARENT = 5001


async def test_links_survive_a_restart(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    parent = tg.user(PARENT)
    tg.send_command(parent, f"/start {await invite_via_chat(bot, 'A-1029')}")
    await tg.next_reply(PARENT)
    await bot.restart()
    tg.send_command(parent, "/start")
    assert "Lucía García López" in (await tg.next_reply(PARENT)).text


async def test_a_guided_flow_survives_a_restart(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    admin = tg.user(ADMIN_ID)
    tg.send_command(admin, "/invitar")
    assert "¿Para qué alumno" in (await tg.next_reply(ADMIN_ID)).text
    await bot.restart()
    tg.send_message(admin, "A-1029")
    link = await tg.next_reply(ADMIN_ID)
    assert "Lucía García López" in link.text
    assert token_of(link)


async def test_language_choice_survives_a_restart(bot: BotUnderTest) -> None:
    tg = bot.telegram
    user = tg.user(PARENT, language_code="es")
    tg.send_command(user, "/language en")
    await tg.next_reply(PARENT)
    await bot.restart()
    tg.send_command(user, "/help")
    assert "link this chat" in (await tg.next_reply(PARENT)).text
