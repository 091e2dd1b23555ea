"""A small JSON key-value store in namespaces (used by the PTB persistence)."""

from __future__ import annotations

from typing import Any

from bot.store.db import Database, dump_json, load_json

__all__ = ["KeyValueRepo"]


class KeyValueRepo:
    """The ``kv`` table: ``(namespace, key) -> JSON value``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get_json(self, namespace: str, key: str) -> Any | None:
        """The value stored under ``(namespace, key)``, or ``None`` when there is none."""
        row = await self._db.fetchone(
            "SELECT value FROM kv WHERE namespace = ? AND key = ?", (namespace, key)
        )
        return None if row is None else load_json(row["value"])

    async def set_json(self, namespace: str, key: str, value: Any) -> None:
        """Store ``value`` (JSON-serialisable) under ``(namespace, key)``, replacing any.

        Raises:
            TypeError: ``value`` cannot be serialised to JSON (datetimes included: they would
                not come back as datetimes).
            ValueError: NaN or infinity.
        """
        await self._db.execute(
            "INSERT INTO kv (namespace, key, value) VALUES (?, ?, ?)"
            " ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value",
            (namespace, key, dump_json(value, strict=True)),
        )

    async def delete(self, namespace: str, key: str) -> bool:
        """Remove ``(namespace, key)``; returns False when it was not there."""
        return (
            await self._db.execute(
                "DELETE FROM kv WHERE namespace = ? AND key = ?", (namespace, key)
            )
            == 1
        )

    async def all_in(self, namespace: str) -> dict[str, Any]:
        """Every key of ``namespace`` with its value."""
        rows = await self._db.fetchall(
            "SELECT key, value FROM kv WHERE namespace = ? ORDER BY key", (namespace,)
        )
        return {row["key"]: load_json(row["value"]) for row in rows}
