"""Chats that blocked the bot: nothing is delivered to them until they write again.

A block turns delivery off, not the links: a parent who blocks the bot for a while and comes
back is still linked, and what was queued meanwhile (a receipt) is delivered then. The set is
small and read on every update, so it is kept in memory too (loaded on first use).
"""

from __future__ import annotations

import time

from bot.store.db import Clock, Database, TableCopy, to_db_time, utc_now

__all__ = ["ChatBlockRepo"]


class ChatBlockRepo:
    """The ``chat_blocks`` table, with an in-memory copy (one process owns the database)."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now
        self._ids = TableCopy(self._load)
        # When each chat last came back (time.monotonic()): a refusal of a send begun before
        # that is stale and must not block the chat again.
        self._returned: dict[int, float] = {}

    async def _load(self) -> set[int]:
        rows = await self._db.fetchall("SELECT chat_id FROM chat_blocks")
        return {int(row["chat_id"]) for row in rows}

    async def is_blocked(self, chat_id: int) -> bool:
        """Whether ``chat_id`` blocked the bot and has not written since."""
        return chat_id in await self._ids.get()

    async def blocked(self) -> set[int]:
        """Every blocked chat."""
        return set(await self._ids.get())

    async def block(self, chat_id: int) -> bool:
        """Record that ``chat_id`` blocked the bot. Returns False when it already was."""
        ids = await self._ids.get()
        if chat_id in ids:
            return False
        await self._db.execute(
            "INSERT OR IGNORE INTO chat_blocks (chat_id, blocked_at) VALUES (?, ?)",
            (chat_id, to_db_time(self._now())),
        )
        ids.add(chat_id)
        return True

    async def unblock(self, chat_id: int) -> bool:
        """The chat wrote again: deliver to it. Returns False (and writes nothing) when it was
        not blocked, which is almost always: this runs on every update."""
        ids = await self._ids.get()
        if chat_id not in ids:
            return False
        await self._db.execute("DELETE FROM chat_blocks WHERE chat_id = ?", (chat_id,))
        ids.discard(chat_id)
        self._returned[chat_id] = time.monotonic()
        return True

    def returned_since(self, chat_id: int, moment: float) -> bool:
        """Whether ``chat_id`` came back (was unblocked) after ``moment`` (time.monotonic())."""
        return self._returned.get(chat_id, float("-inf")) >= moment
