"""/corte with a day and month but no year: the last such day, since a cut is of the past."""

from __future__ import annotations

from datetime import timedelta

from babel.dates import format_date

from tests.collections.conftest import TODAY
from tests.handlers.staffchat import say, staff_user
from tests.harness import BotUnderTest


async def test_a_day_without_a_year_is_the_last_such_day(reminding_bot: BotUnderTest) -> None:
    bot = reminding_bot
    staff = await staff_user(bot)
    day = TODAY - timedelta(days=2)
    title = f"Corte del {format_date(day, format='long', locale='es')}"

    numeric = await say(bot, staff, f"/corte {day:%d/%m}")
    assert "todavía no llega" not in numeric.text
    assert title in numeric.text

    spelled = format_date(day, "d 'de' MMMM", locale="es")
    words = await say(bot, staff, f"/corte {spelled}")
    assert title in words.text

    # a full date in the future is still refused
    later = TODAY + timedelta(days=3)
    assert "todavía no llega" in (await say(bot, staff, f"/corte {later:%d/%m/%Y}")).text
