"""Messages the bot owes to chats (notifications, receipts), sent by a paced worker.

A message is enqueued in the same moment its cause is known (a webhook, an invoice created) and
survives restarts until Telegram accepted it (``sent``) or refused it for good (``dead``). A
``dedupe_key`` (e.g. ``"paid:<invoice_id>:<chat_id>"``) makes enqueueing idempotent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    execute_in,
    fetchone_in,
    from_db_time,
    insert_in,
    load_json,
    to_db_time,
    utc_now,
)

__all__ = ["DUE_SQL", "MAX_ERROR_LENGTH", "PRUNE_SQL", "OutboxMessage", "OutboxRepo"]

MAX_ERROR_LENGTH = 500
# The pruner's two statements: rows finished before the cutoff, read by rowid only below the
# first row created since the cutoff, so their cost does not grow with the history.
_SPEND_KEYS_SQL = (
    "INSERT OR IGNORE INTO outbox_spent_keys (dedupe_key, done_at)"
    " SELECT dedupe_key, COALESCE(sent_at, dead_at) FROM outbox"
    " WHERE dedupe_key IS NOT NULL AND id IN (SELECT id FROM outbox"
    "  WHERE id < ? AND COALESCE(sent_at, dead_at) < ? ORDER BY id LIMIT ?)"
)
PRUNE_SQL = (
    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
    " WHERE id < ? AND COALESCE(sent_at, dead_at) < ? ORDER BY id LIMIT ?)"
)
#: Above every SQLite rowid: no bound.
_NO_ID_LIMIT = 2**63 - 1

#: The worker's refill query (``OutboxRepo.due``): SQLite answers it from the partial index of
#: waiting rows (``outbox_pending``), whatever the size of the history.
DUE_SQL = (
    "SELECT * FROM outbox"
    " WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ?"
    " AND NOT EXISTS (SELECT 1 FROM chat_blocks b WHERE b.chat_id = outbox.chat_id)"
    " ORDER BY id LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One queued message. ``reply_markup`` is the parsed JSON (``None`` without buttons);
    ``reply_markup_json`` is the text as enqueued."""

    id: int
    chat_id: int
    text: str
    reply_markup_json: str | None
    dedupe_key: str | None
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    sent_at: datetime | None
    dead_at: datetime | None
    last_error: str | None

    @property
    def reply_markup(self) -> Any:
        """The reply markup as parsed JSON, or ``None``."""
        return None if self.reply_markup_json is None else load_json(self.reply_markup_json)


def _opt_time(value: str | None) -> datetime | None:
    return None if value is None else from_db_time(value)


def _message(row: Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        chat_id=row["chat_id"],
        text=row["text"],
        reply_markup_json=row["reply_markup"],
        dedupe_key=row["dedupe_key"],
        created_at=from_db_time(row["created_at"]),
        attempts=row["attempts"],
        next_attempt_at=from_db_time(row["next_attempt_at"]),
        sent_at=_opt_time(row["sent_at"]),
        dead_at=_opt_time(row["dead_at"]),
        last_error=row["last_error"],
    )


def _clip(error: str) -> str:
    return error[:MAX_ERROR_LENGTH]


class OutboxRepo:
    """The ``outbox`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def enqueue(
        self,
        chat_id: int,
        text: str,
        reply_markup_json: str | None = None,
        dedupe_key: str | None = None,
        *,
        not_before: datetime | None = None,
    ) -> int | None:
        """Queue a message.

        Args:
            chat_id: where to send it.
            text: the rendered text (HTML parse mode).
            reply_markup_json: the inline keyboard as JSON text, or ``None``.
            dedupe_key: when given, a second message with the same key is not queued.
            not_before: first attempt time (default: now).

        Returns:
            The message id, or ``None`` when ``dedupe_key`` was already queued.

        Raises:
            ValueError: ``reply_markup_json`` is not valid JSON.
        """
        if reply_markup_json is not None:
            try:
                json.loads(reply_markup_json)
            except ValueError as exc:
                raise ValueError("reply_markup_json is not valid JSON") from exc
        now = self._now()
        async with self._db.transaction() as conn:
            if dedupe_key is not None:
                seen = await fetchone_in(
                    conn,
                    "SELECT 1 FROM outbox WHERE dedupe_key = ?"
                    " UNION ALL SELECT 1 FROM outbox_spent_keys WHERE dedupe_key = ?",
                    (dedupe_key, dedupe_key),
                )
                if seen is not None:
                    return None
            return await insert_in(
                conn,
                "INSERT INTO outbox (chat_id, text, reply_markup, dedupe_key, created_at,"
                " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    chat_id,
                    text,
                    reply_markup_json,
                    dedupe_key,
                    to_db_time(now),
                    to_db_time(not_before or now),
                ),
            )

    async def get(self, message_id: int) -> OutboxMessage | None:
        """The message ``message_id`` or ``None``."""
        row = await self._db.fetchone("SELECT * FROM outbox WHERE id = ?", (message_id,))
        return None if row is None else _message(row)

    async def due(self, limit: int = 50, now: datetime | None = None) -> list[OutboxMessage]:
        """Messages to try now: not sent, not dead, ``next_attempt_at <= now``, for a chat that
        has not blocked the bot; oldest id first. Read on the index of waiting rows, so the
        history of sent messages costs nothing here.

        Args:
            limit: at most this many.
            now: the reference time (default: the repo's clock).
        """
        rows = await self._db.fetchall(DUE_SQL, (to_db_time(now or self._now()), limit))
        return [_message(row) for row in rows]

    async def mark_sent(self, message_id: int) -> bool:
        """Telegram accepted the message. Returns False if it was not waiting."""
        return (
            await self._db.execute(
                "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL"
                " WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL",
                (to_db_time(self._now()), message_id),
            )
            == 1
        )

    async def mark_retry(self, message_id: int, error: str, next_attempt_at: datetime) -> bool:
        """An attempt failed for a passing reason (429, network): count it and try again at
        ``next_attempt_at``. Returns False if the message was not waiting."""
        return (
            await self._db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                " WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL",
                (_clip(error), to_db_time(next_attempt_at), message_id),
            )
            == 1
        )

    async def mark_dead(self, message_id: int, error: str) -> bool:
        """Give up on the message (blocked bot, chat gone, too many attempts): count the attempt
        and never offer it again. Returns False if the message was not waiting."""
        return (
            await self._db.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, dead_at = ?"
                " WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL",
                (_clip(error), to_db_time(self._now()), message_id),
            )
            == 1
        )

    async def drop_unsent_for_chat(self, chat_id: int, reason: str) -> int:
        """Never send what is still queued for ``chat_id`` (it was unlinked, its staff member
        removed, it blocked the bot): those rows become ``dead`` with ``reason`` as their error,
        without counting an attempt.

        Returns:
            How many messages were dropped.
        """
        changed = await self._db.execute(
            "UPDATE outbox SET last_error = ?, dead_at = ?"
            " WHERE chat_id = ? AND sent_at IS NULL AND dead_at IS NULL",
            (_clip(reason), to_db_time(self._now()), chat_id),
        )
        return max(changed, 0)

    async def prune(self, older_than: datetime, batch: int = 5000) -> int:
        """Delete sent and dead messages finished before ``older_than`` (the audit log is the
        record that stays); their dedupe keys are kept, so nothing pruned is queued again.

        Works in transactions of at most ``batch`` rows, so the bot never waits long on it.

        Returns:
            How many messages were deleted.
        """
        cutoff = to_db_time(older_than)
        # Ids grow with created_at and a row finishes after it was created, so only the rows
        # below the first one created since the cutoff can be old enough: the scan stops there
        # rather than reading the whole history every round (a row that got an id out of clock
        # order just waits for a later round).
        young = await self._db.fetchone(
            "SELECT id FROM outbox WHERE created_at >= ? ORDER BY id LIMIT 1", (cutoff,)
        )
        below = _NO_ID_LIMIT if young is None else int(young[0])
        # The same ids in both statements: the first changes nothing the subquery reads.
        total = 0
        while True:
            async with self._db.transaction() as conn:
                await execute_in(
                    conn,
                    _SPEND_KEYS_SQL,
                    (below, cutoff, batch),
                )
                deleted = max(
                    await execute_in(
                        conn,
                        PRUNE_SQL,
                        (below, cutoff, batch),
                    ),
                    0,
                )
            total += deleted
            if deleted < batch:
                return total

    async def by_dedupe_keys(self, keys: list[str]) -> list[OutboxMessage]:
        """The messages queued under ``keys`` (a key never queued has none)."""
        if not keys:
            return []
        rows = await self._db.fetchall(
            "SELECT * FROM outbox WHERE dedupe_key IN (SELECT value FROM json_each(?))"
            " ORDER BY id",
            (dump_json(keys),),
        )
        return [_message(row) for row in rows]

    async def pending_count(self) -> int:
        """How many messages are neither sent nor dead (due now or later), leaving out those
        held for chats that blocked the bot (:meth:`held_count`)."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending"
            " WHERE sent_at IS NULL AND dead_at IS NULL"
            " AND NOT EXISTS (SELECT 1 FROM chat_blocks b WHERE b.chat_id = outbox.chat_id)"
        )
        return 0 if row is None else int(row[0])

    async def held_count(self) -> int:
        """How many messages wait for chats that blocked the bot to write again."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM outbox INDEXED BY outbox_pending"
            " WHERE sent_at IS NULL AND dead_at IS NULL"
            " AND chat_id IN (SELECT chat_id FROM chat_blocks)"
        )
        return 0 if row is None else int(row[0])
