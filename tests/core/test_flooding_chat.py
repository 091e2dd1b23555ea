"""One chat flooding the bot with invite attempts slows only itself."""

from __future__ import annotations

import secrets

from tests.harness import BotUnderTest

FLOODER = 5101
NEIGHBOUR = 5102


async def test_a_chat_flooding_invite_attempts_is_throttled_and_others_are_answered(
    bot: BotUnderTest,
) -> None:
    tg = bot.telegram
    flooder = tg.user(FLOODER, "Bot malo")
    for _ in range(1500):
        tg.send_command(flooder, f"/start {secrets.token_urlsafe(24)}")
    neighbour = tg.user(NEIGHBOUR, "Marta")
    tg.send_command(neighbour, "/ayuda")

    assert "/pagar" in (await tg.next_reply(NEIGHBOUR, timeout=20)).text
    await tg.wait_for(lambda: tg.state.delivered_up_to >= tg.state.last_update_id, timeout=30)
    await tg.settle(quiet=1.0)
    replies = [m.text for m in tg.bot_messages(FLOODER)]
    # five attempts a minute are looked at ("not valid"), then one "too many", then silence
    assert replies.count(replies[0]) == 5 and "no es válida" in replies[0]
    assert len(replies) == 6 and "Demasiados intentos" in replies[-1]
