"""Staff members: users an admin allowed to issue invoices and record payments.

Every update asks whether its sender is staff (their role), so the ids are kept in memory too
(loaded on first use); this repository is the table's only writer, so the copy stays exact and
a removed member loses their rights at once.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Clock, Database, Row, TableCopy, from_db_time, to_db_time, utc_now

__all__ = ["StaffMember", "StaffRepo"]


@dataclass(frozen=True, slots=True)
class StaffMember:
    """One staff member; ``how`` says how they became staff (e.g. ``"invite"``, ``"command"``)."""

    user_id: int
    added_by: int | None
    how: str
    added_at: datetime


def _member(row: Row) -> StaffMember:
    return StaffMember(
        user_id=row["user_id"],
        added_by=row["added_by"],
        how=row["how"],
        added_at=from_db_time(row["added_at"]),
    )


class StaffRepo:
    """The ``staff`` table, with an in-memory copy of its ids (one process owns the database).
    Admins are configuration, not rows here."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now
        self._ids = TableCopy(self._load)

    async def _load(self) -> set[int]:
        rows = await self._db.fetchall("SELECT user_id FROM staff")
        return {int(row["user_id"]) for row in rows}

    async def add(self, user_id: int, added_by: int | None, how: str) -> bool:
        """Make ``user_id`` staff.

        Args:
            user_id: the Telegram user id.
            added_by: the admin who added them (``None`` when unknown).
            how: how they were added, e.g. ``"invite"`` or ``"command"``.

        Returns:
            True when added, False when they already were staff (the row is left unchanged).
        """
        ids = await self._ids.get()
        changed = await self._db.execute(
            "INSERT INTO staff (user_id, added_by, how, added_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id, added_by, how, to_db_time(self._now())),
        )
        ids.add(user_id)
        return changed == 1

    async def remove(self, user_id: int) -> bool:
        """Remove ``user_id`` from staff; returns False when they were not staff."""
        ids = await self._ids.get()
        removed = await self._db.execute("DELETE FROM staff WHERE user_id = ?", (user_id,)) == 1
        ids.discard(user_id)
        return removed

    async def get(self, user_id: int) -> StaffMember | None:
        """Return the staff member ``user_id`` or ``None``."""
        row = await self._db.fetchone("SELECT * FROM staff WHERE user_id = ?", (user_id,))
        return None if row is None else _member(row)

    async def is_staff(self, user_id: int) -> bool:
        """True when ``user_id`` is staff (checked on every update: from memory)."""
        return user_id in await self._ids.get()

    async def list(self) -> builtins.list[StaffMember]:
        """Every staff member, oldest first."""
        rows = await self._db.fetchall("SELECT * FROM staff ORDER BY added_at, user_id")
        return [_member(row) for row in rows]
