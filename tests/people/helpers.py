"""Steps the people tests share: a chat's texts, a profile once it is kept."""

from __future__ import annotations

import asyncio

from bot.store import Person
from tests.harness import BotUnderTest


def texts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [m.text or "" for m in bot.telegram.bot_messages(chat_id)]


async def profile(bot: BotUnderTest, user_id: int, name: str) -> Person:
    """The profile of ``user_id`` once it reads ``name`` (it is kept beside the update)."""
    for _ in range(200):
        person = await bot.infra.repos.people.get(user_id)
        if person is not None and person.name == name:
            return person
        await asyncio.sleep(0.01)
    raise AssertionError(f"no profile named {name!r}")
