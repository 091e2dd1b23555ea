"""Links between Telegram chats and Quentli customers (many-to-many).

A chat may be linked to several customers (siblings) and a customer to several chats (both
parents). Links are never deleted: unlinking or a blocked bot deactivates them, so staff can still
see that a customer had chats, and linking again reactivates the same row.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from bot.store.db import Clock, Database, Row, TableCopy, from_db_time, to_db_time, utc_now

__all__ = ["UNLINKED_BY_USER", "Link", "LinkHow", "LinkRepo"]

LinkHow = Literal["token", "phone", "staff"]
_HOWS: frozenset[str] = frozenset(get_args(LinkHow))

UNLINKED_BY_USER = "unlinked"
"""``deactivated_reason`` of links removed with /unlink."""


@dataclass(frozen=True, slots=True)
class Link:
    """One chat-customer link."""

    chat_id: int
    customer_id: str
    customer_name: str
    how: LinkHow
    by_user_id: int | None
    created_at: datetime
    active: bool
    deactivated_reason: str | None
    deactivated_at: datetime | None


def _link(row: Row) -> Link:
    deactivated_at = row["deactivated_at"]
    return Link(
        chat_id=row["chat_id"],
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        how=row["how"],
        by_user_id=row["by_user_id"],
        created_at=from_db_time(row["created_at"]),
        active=bool(row["active"]),
        deactivated_reason=row["deactivated_reason"],
        deactivated_at=None if deactivated_at is None else from_db_time(deactivated_at),
    )


class LinkRepo:
    """The ``chat_customer_links`` table.

    Every update asks whether its chat is linked (the sender's role), and most chats that
    write are not: the ids of the chats that may have an active link are kept in memory
    (loaded on first use), so an unlinked chat's answer costs no trip to the database. This
    repository is the table's only writer; a chat is added before it is linked and removed
    after its links are deactivated (one write at a time), so the set never misses a linked
    chat: at worst it holds one that is not, and the table answers.
    """

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now
        self._linked_chats = TableCopy(self._load_linked_chats)
        self._writing = asyncio.Lock()

    async def _load_linked_chats(self) -> set[int]:
        rows = await self._db.fetchall(
            "SELECT DISTINCT chat_id FROM chat_customer_links WHERE active = 1"
        )
        return {int(row["chat_id"]) for row in rows}

    async def link(
        self,
        chat_id: int,
        customer_id: str,
        customer_name: str,
        how: LinkHow,
        by_user_id: int | None,
    ) -> bool:
        """Link ``chat_id`` to ``customer_id`` (or reactivate an inactive link).

        Args:
            chat_id: the Telegram chat.
            customer_id: the Quentli customer id.
            customer_name: the customer's name, for listing without calling Quentli.
            how: ``"token"`` (invite link), ``"phone"`` (shared contact) or ``"staff"``.
            by_user_id: the Telegram user who made the link.

        Returns:
            True when a link was created or reactivated; False when it already was active
            (nothing changes).

        Raises:
            ValueError: ``how`` is not one of the three kinds.
        """
        if how not in _HOWS:
            raise ValueError(f"unknown link kind {how!r}")
        linked = await self._linked_chats.get()
        async with self._writing:
            linked.add(chat_id)
            changed = await self._db.execute(
                "INSERT INTO chat_customer_links"
                " (chat_id, customer_id, customer_name, how, by_user_id, created_at, active)"
                " VALUES (?, ?, ?, ?, ?, ?, 1)"
                " ON CONFLICT (chat_id, customer_id) DO UPDATE SET"
                "  customer_name = excluded.customer_name, how = excluded.how,"
                "  by_user_id = excluded.by_user_id, created_at = excluded.created_at, active = 1,"
                "  deactivated_reason = NULL, deactivated_at = NULL"
                " WHERE active = 0",
                (chat_id, customer_id, customer_name, how, by_user_id, to_db_time(self._now())),
            )
        return changed == 1

    async def deactivate_chat(self, chat_id: int, reason: str) -> int:
        """Deactivate every active link of ``chat_id`` (e.g. the chat blocked the bot).

        Returns:
            How many links were deactivated.
        """
        linked = await self._linked_chats.get()
        async with self._writing:
            deactivated = await self._db.execute(
                "UPDATE chat_customer_links"
                " SET active = 0, deactivated_reason = ?, deactivated_at = ?"
                " WHERE chat_id = ? AND active = 1",
                (reason, to_db_time(self._now()), chat_id),
            )
            linked.discard(chat_id)
        return deactivated

    async def unlink_chat(self, chat_id: int) -> int:
        """Remove this chat's links (/unlink): they are deactivated with reason ``"unlinked"``.

        Returns:
            How many active links the chat had.
        """
        return await self.deactivate_chat(chat_id, UNLINKED_BY_USER)

    async def customers_for_chat(self, chat_id: int, active_only: bool = True) -> list[Link]:
        """The links of ``chat_id``, in the order they were made."""
        if active_only and chat_id not in await self._linked_chats.get():
            return []
        rows = await self._db.fetchall(
            "SELECT * FROM chat_customer_links WHERE chat_id = ? AND (active = 1 OR ? = 0)"
            " ORDER BY created_at, customer_id",
            (chat_id, int(active_only)),
        )
        return [_link(row) for row in rows]

    async def chats_for_customer(self, customer_id: str, active_only: bool = True) -> list[Link]:
        """The links of ``customer_id``, in the order they were made."""
        rows = await self._db.fetchall(
            "SELECT * FROM chat_customer_links WHERE customer_id = ? AND (active = 1 OR ? = 0)"
            " ORDER BY created_at, chat_id",
            (customer_id, int(active_only)),
        )
        return [_link(row) for row in rows]

    async def is_linked(self, chat_id: int, customer_id: str) -> bool:
        """True when ``chat_id`` has an active link to ``customer_id``."""
        row = await self._db.fetchone(
            "SELECT 1 FROM chat_customer_links"
            " WHERE chat_id = ? AND customer_id = ? AND active = 1",
            (chat_id, customer_id),
        )
        return row is not None

    async def count_for_customer(self, customer_id: str) -> tuple[int, int]:
        """How many chats are linked to ``customer_id``: ``(active, inactive)``."""
        row = await self._db.fetchone(
            "SELECT COALESCE(SUM(active), 0), COUNT(*) - COALESCE(SUM(active), 0)"
            " FROM chat_customer_links WHERE customer_id = ?",
            (customer_id,),
        )
        if row is None:  # pragma: no cover - an aggregate always returns a row
            return (0, 0)
        return (int(row[0]), int(row[1]))
