"""Payment reminders: who may get them, and what was sent (so nothing is sent twice).

- ``reminders_sent``: one row per (invoice, day offset, chat) queued, with the school's day it was
  queued on. A reminder is sent at most once across restarts, and a chat gets one reminder
  message a day.
- ``reminder_prefs``: /notifications per chat (no row: on).
- ``family_reminders``: staff's /remind, at most once a day per family.

Days are the school's calendar days (``date``), stored as ``YYYY-MM-DD``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    execute_in,
    from_db_time,
    to_db_time,
    utc_now,
)

__all__ = ["FamilyReminder", "LinkedCustomer", "ReminderRepo", "SentReminder"]


@dataclass(frozen=True, slots=True)
class LinkedCustomer:
    """A customer an active link ties to a chat whose reminders are on."""

    chat_id: int
    customer_id: str
    customer_name: str


@dataclass(frozen=True, slots=True)
class SentReminder:
    """One (invoice, day offset) queued for a chat."""

    invoice_id: str
    day_offset: int
    chat_id: int


@dataclass(frozen=True, slots=True)
class FamilyReminder:
    """Staff reminded a family on ``day``; ``chats`` is how many chats it was queued for."""

    customer_id: str
    day: date
    by_user_id: int | None
    chats: int
    at: datetime


def _family(row: Row) -> FamilyReminder:
    return FamilyReminder(
        customer_id=row["customer_id"],
        day=date.fromisoformat(row["local_day"]),
        by_user_id=row["by_user_id"],
        chats=row["chats"],
        at=from_db_time(row["at"]),
    )


class ReminderRepo:
    """The ``reminders_sent``, ``reminder_prefs`` and ``family_reminders`` tables."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    # -- /notifications ---------------------------------------------------------------------

    async def set_enabled(self, chat_id: int, enabled: bool) -> None:
        """Turn reminders on or off for ``chat_id`` (receipts are not affected)."""
        await self._db.execute(
            "INSERT INTO reminder_prefs (chat_id, enabled, changed_at) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET"
            "  enabled = excluded.enabled, changed_at = excluded.changed_at",
            (chat_id, int(enabled), to_db_time(self._now())),
        )

    async def is_enabled(self, chat_id: int) -> bool:
        """True unless ``chat_id`` turned reminders off."""
        row = await self._db.fetchone(
            "SELECT enabled FROM reminder_prefs WHERE chat_id = ?", (chat_id,)
        )
        return row is None or bool(row["enabled"])

    async def enabled_chats(self, chat_ids: Iterable[int]) -> set[int]:
        """Which of ``chat_ids`` have reminders on."""
        wanted = list(dict.fromkeys(chat_ids))
        rows = await self._db.fetchall(
            "SELECT chat_id FROM reminder_prefs WHERE enabled = 0"
            " AND chat_id IN (SELECT value FROM json_each(?))",
            (dump_json(wanted),),
        )
        off = {row["chat_id"] for row in rows}
        return {chat_id for chat_id in wanted if chat_id not in off}

    async def reminder_targets(self) -> list[LinkedCustomer]:
        """Every active chat-customer link whose chat has reminders on and has not blocked the
        bot, by chat."""
        rows = await self._db.fetchall(
            "SELECT l.chat_id, l.customer_id, l.customer_name FROM chat_customer_links l"
            " LEFT JOIN reminder_prefs p ON p.chat_id = l.chat_id"
            " WHERE l.active = 1 AND COALESCE(p.enabled, 1) = 1"
            " AND NOT EXISTS (SELECT 1 FROM chat_blocks b WHERE b.chat_id = l.chat_id)"
            " ORDER BY l.chat_id, l.created_at, l.customer_id"
        )
        return [LinkedCustomer(r["chat_id"], r["customer_id"], r["customer_name"]) for r in rows]

    # -- the once-only ledger ---------------------------------------------------------------

    async def chats_reminded_on(self, day: date) -> set[int]:
        """The chats that were queued a reminder on ``day``."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT chat_id FROM reminders_sent WHERE local_day = ?", (day.isoformat(),)
        )
        return {row["chat_id"] for row in rows}

    async def sent_for(self, invoice_ids: Iterable[str]) -> set[SentReminder]:
        """What was ever queued for these invoices (any day, any chat)."""
        rows = await self._db.fetchall(
            "SELECT invoice_id, day_offset, chat_id FROM reminders_sent"
            " WHERE invoice_id IN (SELECT value FROM json_each(?))",
            (dump_json(list(dict.fromkeys(invoice_ids))),),
        )
        return {SentReminder(r["invoice_id"], r["day_offset"], r["chat_id"]) for r in rows}

    async def record_sent(
        self, chat_id: int, day: date, reminders: Sequence[tuple[str, int]]
    ) -> int:
        """Remember that ``(invoice_id, day_offset)`` pairs were queued for ``chat_id`` on
        ``day``, in one transaction; pairs already recorded are left as they are.

        Returns:
            How many pairs were new.
        """
        now = to_db_time(self._now())
        added = 0
        async with self._db.transaction() as conn:
            for invoice_id, offset in reminders:
                added += await execute_in(
                    conn,
                    "INSERT INTO reminders_sent"
                    " (invoice_id, day_offset, chat_id, local_day, queued_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (invoice_id, offset, chat_id, day.isoformat(), now),
                )
        return added

    # -- staff's /remind ----------------------------------------------------------------------

    async def family_reminded(self, customer_id: str, day: date) -> FamilyReminder | None:
        """Staff's reminder of ``customer_id`` on ``day``, if there was one."""
        row = await self._db.fetchone(
            "SELECT * FROM family_reminders WHERE customer_id = ? AND local_day = ?",
            (customer_id, day.isoformat()),
        )
        return None if row is None else _family(row)

    async def record_family(
        self, customer_id: str, day: date, by_user_id: int | None, chats: int
    ) -> bool:
        """Remember staff's reminder of ``customer_id`` on ``day``.

        Returns:
            False when one was already recorded for that day (left unchanged).
        """
        changed = await self._db.execute(
            "INSERT INTO family_reminders (customer_id, local_day, by_user_id, chats, at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (customer_id, day.isoformat(), by_user_id, chats, to_db_time(self._now())),
        )
        return changed == 1
