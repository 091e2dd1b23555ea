"""One slow family must not hold up the others, and each chat's updates stay in order."""

from __future__ import annotations

from tests.harness import ADMIN_ID, BotUnderTest

OTHER = 7001


async def test_a_slow_quentli_call_holds_only_its_own_chat(bot: BotUnderTest) -> None:
    bot.state.add_customer("Lucía García López", "A-1029")
    tg = bot.telegram
    admin, other = tg.user(ADMIN_ID), tg.user(OTHER)
    bot.state.hang_next(1.5, path_prefix="/v1/customers")
    tg.send_command(admin, "/alumno A-1029")  # waits 1.5 s on Quentli
    tg.send_command(admin, "/ayuda")  # same chat: must wait its turn
    tg.send_command(other, "/ayuda")  # another chat: answered meanwhile

    await tg.next_reply(OTHER, timeout=5)
    assert tg.bot_messages(ADMIN_ID) == []  # the admin's chat is still on its first update

    first = await tg.next_reply(ADMIN_ID, timeout=10)
    second = await tg.next_reply(ADMIN_ID, timeout=10)
    assert "Lucía García López" in first.text
    assert "/cobrar" in second.text  # the help came after, in the order it was sent
