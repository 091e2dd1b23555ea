"""Quentli webhook events received, kept until handled, so each takes effect once and none is lost.

An event is remembered (``remember``) when it arrives, before Quentli gets its 200, and marked
``processed`` once handled. One whose handling failed (Quentli did not confirm it) or was cut
short (a crash, a shutdown) stays unprocessed: the poller retries it (``unprocessed``).
"""

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

MAX_ERROR_LENGTH = 500


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    """A remembered event (payload without link keys); ``processed_at`` is None until handled."""

    event_id: str
    event_type: str
    received_at: datetime
    payload: Any
    processed_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None


def _event(row: Row) -> WebhookEvent:
    processed_at = row["processed_at"]
    return WebhookEvent(
        event_id=row["event_id"],
        event_type=row["event_type"],
        received_at=from_db_time(row["received_at"]),
        payload=load_json(row["payload"]),
        processed_at=None if processed_at is None else from_db_time(processed_at),
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


class EventRepo:
    """The ``webhook_events`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def remember(self, event_id: str, event_type: str, payload: Mapping[str, Any]) -> bool:
        """Record an event the first time it is seen (unprocessed).

        Args:
            event_id: Quentli's ``eventId``.
            event_type: e.g. ``"INVOICE_PAID"``.
            payload: the event body (stored without link keys, like the audit log).

        Returns:
            True the first time; False when ``event_id`` was seen before.
        """
        changed = await self._db.execute(
            "INSERT INTO webhook_events (event_id, event_type, received_at, payload)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, event_type, to_db_time(self._now()), dump_json(strip_links(payload))),
        )
        return changed == 1

    async def mark_processed(self, event_id: str, error: str | None = None) -> bool:
        """The event was handled (or given up, with ``error`` saying why): never retry it.

        Returns:
            False when it is unknown or was processed already.
        """
        return (
            await self._db.execute(
                "UPDATE webhook_events SET processed_at = ?, last_error = ?"
                " WHERE event_id = ? AND processed_at IS NULL",
                (
                    to_db_time(self._now()),
                    None if error is None else error[:MAX_ERROR_LENGTH],
                    event_id,
                ),
            )
            == 1
        )

    async def mark_failed(self, event_id: str, error: str) -> bool:
        """Handling the event failed: count the attempt; it stays unprocessed (retried).

        Returns:
            False when it is unknown or processed already.
        """
        return (
            await self._db.execute(
                "UPDATE webhook_events SET attempts = attempts + 1, last_error = ?"
                " WHERE event_id = ? AND processed_at IS NULL",
                (error[:MAX_ERROR_LENGTH], event_id),
            )
            == 1
        )

    async def unprocessed(self, limit: int = 100) -> list[WebhookEvent]:
        """Events not handled yet, oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM webhook_events WHERE processed_at IS NULL"
            " ORDER BY received_at, event_id LIMIT ?",
            (limit,),
        )
        return [_event(row) for row in rows]

    async def forget(self, event_id: str) -> bool:
        """Drop a remembered event, so that a redelivery is taken as new.

        Returns False when it was not remembered.
        """
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
