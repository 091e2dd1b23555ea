"""Quentli webhook events already received, so a redelivered event takes effect once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.store.audit import strip_links
from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    from_db_time,
    load_json,
    to_db_time,
    utc_now,
)

__all__ = ["EventRepo", "WebhookEvent"]


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """A remembered event (payload without link keys)."""

    event_id: str
    event_type: str
    received_at: datetime
    payload: Any


def _event(row: Row) -> WebhookEvent:
    return WebhookEvent(
        event_id=row["event_id"],
        event_type=row["event_type"],
        received_at=from_db_time(row["received_at"]),
        payload=load_json(row["payload"]),
    )


class EventRepo:
    """The ``webhook_events`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def remember(self, event_id: str, event_type: str, payload: Mapping[str, Any]) -> bool:
        """Record an event the first time it is seen.

        Args:
            event_id: Quentli's ``eventId``.
            event_type: e.g. ``"INVOICE_PAID"``.
            payload: the event body (stored without link keys, like the audit log).

        Returns:
            True the first time; False when ``event_id`` was seen before (ignore it).
        """
        changed = await self._db.execute(
            "INSERT INTO webhook_events (event_id, event_type, received_at, payload)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, event_type, to_db_time(self._now()), dump_json(strip_links(payload))),
        )
        return changed == 1

    async def forget(self, event_id: str) -> bool:
        """Drop a remembered event so that a redelivery is processed again (use when handling
        it failed). Returns False when it was not remembered."""
        return (
            await self._db.execute("DELETE FROM webhook_events WHERE event_id = ?", (event_id,))
            == 1
        )

    async def get(self, event_id: str) -> WebhookEvent | None:
        """The remembered event ``event_id`` or ``None``."""
        row = await self._db.fetchone(
            "SELECT * FROM webhook_events WHERE event_id = ?", (event_id,)
        )
        return None if row is None else _event(row)
