"""`📣 Avisamos a N chats`: only the chats that received the notice are counted."""

from __future__ import annotations

from typing import Any

from tests.handlers.staffchat import confirm, say, staff_user
from tests.harness import BotUnderTest

MOM, DAD, GRANDMA = 750_001, 750_002, 750_003


async def _family_of_three(bot: BotUnderTest) -> dict[str, Any]:
    lucia = bot.state.add_customer("Lucía García López", "A-1029")
    for chat_id in (MOM, DAD, GRANDMA):
        bot.telegram.private_chat(bot.telegram.user(chat_id, "Familia"))
        await bot.infra.repos.links.link(chat_id, lucia["id"], lucia["name"], "staff", None)
    return lucia


async def test_a_chat_that_blocked_the_bot_is_not_counted(bot: BotUnderTest) -> None:
    lucia = await _family_of_three(bot)
    bot.telegram.block(DAD)
    staff = await staff_user(bot)

    result = await confirm(bot, staff, await say(bot, staff, "/cobrar A-1029 1500 Colegiatura"))

    assert "Avisamos a 2 chats de la familia." in result.text
    assert "3 chats" not in result.text
    # the blocked chat is now known: delivery to it is off (its links stay, its messages wait)
    assert await bot.infra.repos.blocks.is_blocked(DAD)
    assert await bot.infra.repos.links.count_for_customer(lucia["id"]) == (3, 0)


async def test_one_chat_reads_in_the_singular(bot: BotUnderTest) -> None:
    await _family_of_three(bot)
    bot.telegram.block(DAD)
    bot.telegram.block(GRANDMA)
    staff = await staff_user(bot)

    result = await confirm(bot, staff, await say(bot, staff, "/cobrar A-1029 1500 Colegiatura"))

    assert "Avisamos a 1 chat de la familia." in result.text


async def test_nobody_reachable_says_so(bot: BotUnderTest) -> None:
    await _family_of_three(bot)
    for chat_id in (MOM, DAD, GRANDMA):
        bot.telegram.block(chat_id)
    staff = await staff_user(bot)

    result = await confirm(bot, staff, await say(bot, staff, "/cobrar A-1029 1500 Colegiatura"))

    assert "Avisamos" not in result.text
    assert "No pudimos avisar a nadie de esta familia" in result.text
    assert "bloquearon el bot" in result.text


def test_no_text_counts_with_parentheses() -> None:
    from bot.texts.catalog import CATALOG, forms

    for key, entry in CATALOG.items():
        for template in entry.values():
            for form in forms(template):
                assert "(s)" not in form and "(es)" not in form, key
