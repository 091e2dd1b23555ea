"""Invoices the bot issued and still watches until they are paid or cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Clock, Database, Row, from_db_time, to_db_time, utc_now

__all__ = ["Watch", "WatchRepo"]


@dataclass(frozen=True, slots=True)
class Watch:
    """One watched invoice; ``settled_at`` is set once it is paid or cancelled."""

    invoice_id: str
    customer_id: str
    issued_by: int | None
    created_at: datetime
    settled_at: datetime | None


def _watch(row: Row) -> Watch:
    settled_at = row["settled_at"]
    return Watch(
        invoice_id=row["invoice_id"],
        customer_id=row["customer_id"],
        issued_by=row["issued_by"],
        created_at=from_db_time(row["created_at"]),
        settled_at=None if settled_at is None else from_db_time(settled_at),
    )


class WatchRepo:
    """The ``invoice_watches`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def watch(self, invoice_id: str, customer_id: str, issued_by: int | None) -> bool:
        """Start watching ``invoice_id``, or record its issuer on a watch that has none.

        A webhook or a parent's /pay may watch an invoice (without issuer) before the staff
        member who issued it does: their later call still records them as the issuer, so they
        get its notices. An issuer already recorded is never replaced.

        Returns:
            True when added or when ``issued_by`` was recorded now; False when it was already
            watched (left unchanged).
        """
        changed = await self._db.execute(
            "INSERT INTO invoice_watches (invoice_id, customer_id, issued_by, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (invoice_id) DO UPDATE"
            " SET issued_by = COALESCE(invoice_watches.issued_by, excluded.issued_by)"
            " WHERE invoice_watches.issued_by IS NULL AND excluded.issued_by IS NOT NULL",
            (invoice_id, customer_id, issued_by, to_db_time(self._now())),
        )
        return changed == 1

    async def watch_all(self, invoices: Sequence[tuple[str, str]]) -> None:
        """Watch every ``(invoice_id, customer_id)`` not watched yet, without issuer, in one
        statement per 300 (a parent's /pay shows several); a watch already there is left
        unchanged."""
        now = to_db_time(self._now())
        for start in range(0, len(invoices), 300):
            chunk = invoices[start : start + 300]
            # Only placeholders are joined into the statement; values go through them.
            await self._db.execute(
                "INSERT INTO invoice_watches (invoice_id, customer_id, issued_by, created_at)"  # noqa: S608
                " VALUES "
                + ", ".join(["(?, ?, NULL, ?)"] * len(chunk))
                + " ON CONFLICT (invoice_id) DO NOTHING",
                tuple(v for invoice, customer in chunk for v in (invoice, customer, now)),
            )

    async def open_watches(self) -> list[Watch]:
        """Watches not settled yet, oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM invoice_watches WHERE settled_at IS NULL"
            " ORDER BY created_at, invoice_id"
        )
        return [_watch(row) for row in rows]

    async def settle(self, invoice_id: str) -> bool:
        """Mark ``invoice_id`` settled. Returns False when unknown or already settled."""
        return (
            await self._db.execute(
                "UPDATE invoice_watches SET settled_at = ?"
                " WHERE invoice_id = ? AND settled_at IS NULL",
                (to_db_time(self._now()), invoice_id),
            )
            == 1
        )

    async def settle_unreachable(self) -> int:
        """Settle the open watches nobody would be told about: no issuer, and no active link
        between their customer and a chat. Returns how many were settled."""
        return await self._db.execute(
            "UPDATE invoice_watches SET settled_at = ?"
            " WHERE settled_at IS NULL AND issued_by IS NULL AND NOT EXISTS ("
            "   SELECT 1 FROM chat_customer_links AS l"
            "   WHERE l.customer_id = invoice_watches.customer_id AND l.active = 1)",
            (to_db_time(self._now()),),
        )

    async def get(self, invoice_id: str) -> Watch | None:
        """The watch of ``invoice_id`` or ``None``."""
        row = await self._db.fetchone(
            "SELECT * FROM invoice_watches WHERE invoice_id = ?", (invoice_id,)
        )
        return None if row is None else _watch(row)
