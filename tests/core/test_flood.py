"""A user who types fast slows only their own chat, and Telegram never answers 429."""

from __future__ import annotations

from tests.harness import BotUnderTest

FAST, OTHER = 7101, 7102


async def test_a_fast_typist_does_not_earn_429s_or_hold_up_others(
    paced_bot: BotUnderTest,
) -> None:
    tg = paced_bot.telegram
    tg.enforce_rate_limits = True
    fast, other = tg.user(FAST), tg.user(OTHER)
    for _ in range(8):
        tg.send_message(fast, "hola")
    tg.send_command(other, "/ayuda")
    await tg.next_reply(OTHER, timeout=10)
    # The other chat was answered while the fast chat's replies were still being paced.
    assert len(tg.bot_messages(FAST)) < 8
    await tg.wait_for(lambda: len(tg.bot_messages(FAST)) == 8, timeout=20)
    assert [c for c in tg.failed_calls if c.status == 429] == []


async def test_a_reply_telegram_answers_with_429_is_sent_after_the_wait(bot: BotUnderTest) -> None:
    """The flood limiter reads RetryAfter as production does (PTB_TIMEDELTA, set in bot/):
    a deprecation warning there would be an error here and the reply would not go out."""
    tg = bot.telegram
    tg.fail_next("sendMessage", 429, retry_after=1)
    tg.send_command(tg.user(OTHER), "/ayuda")
    reply = await tg.next_reply(OTHER)
    assert reply.text is not None and "/pagar" in reply.text
    assert [c.status for c in tg.calls_to("sendMessage")] == [429, 200]
