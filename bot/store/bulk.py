"""Bulk invoicing: a batch (one spreadsheet) and one row per line, each row's write recorded.

A batch is ``preview`` while the staff member reads the check, ``running`` from the one Confirm
that started it (``preview -> running`` in one statement: a double tap starts nothing more) to
its end, then ``done``; or ``cancelled``. A row is ``invalid`` (the check refused it: never
sent), else ``pending``; each write to Quentli is recorded before (``sending``) and after
(``done`` with the invoice id, ``failed``, or ``unknown`` when it may have landed). A row left
``sending`` or ``unknown`` is looked up in Quentli before anything is sent again.

Errors are stored as ``{"key": <catalog key>, "values": {...}}`` so the report is written in the
reader's language.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    execute_in,
    from_db_time,
    load_json,
    to_db_time,
    utc_now,
)

__all__ = ["BatchState", "BulkBatch", "BulkRepo", "BulkRow", "NewRow", "RowError", "RowState"]


class BatchState(StrEnum):
    """Where a batch is."""

    PREVIEW = "preview"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class RowState(StrEnum):
    """Where one row is."""

    INVALID = "invalid"
    PENDING = "pending"
    SENDING = "sending"
    UNKNOWN = "unknown"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RowError:
    """Why a row has no invoice: a catalog key and its values."""

    key: str
    values: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class NewRow:
    """A checked row, as the preview recorded it (``error`` set: invalid)."""

    row_no: int
    student: str
    concept: str
    customer_id: str | None = None
    customer_name: str | None = None
    amount: int | None = None
    due: date | None = None
    error: RowError | None = None


@dataclass(frozen=True, slots=True)
class BulkRow:
    """One line of a batch."""

    batch_id: str
    row_no: int
    student: str
    customer_id: str | None
    customer_name: str | None
    concept: str
    amount: int | None
    due: date | None
    state: RowState
    invoice_id: str | None
    error: RowError | None
    attempts: int

    @property
    def key(self) -> str:
        """The metadata value put on its invoice (``bulkRow``): ``<batch>-<row>``."""
        return f"{self.batch_id}-{self.row_no}"


@dataclass(frozen=True, slots=True)
class BulkBatch:
    """One spreadsheet sent by a staff member."""

    batch_id: str
    created_by: int
    file_name: str
    file_hash: str
    state: BatchState
    lang: str | None
    progress_chat: int | None
    progress_message: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _time(value: str | None) -> datetime | None:
    return None if value is None else from_db_time(value)


def _batch(row: Row) -> BulkBatch:
    return BulkBatch(
        batch_id=row["batch_id"],
        created_by=row["created_by"],
        file_name=row["file_name"],
        file_hash=row["file_hash"],
        state=BatchState(row["state"]),
        lang=row["lang"],
        progress_chat=row["progress_chat"],
        progress_message=row["progress_message"],
        created_at=from_db_time(row["created_at"]),
        started_at=_time(row["started_at"]),
        finished_at=_time(row["finished_at"]),
    )


def _error(raw: str | None) -> RowError | None:
    if raw is None:
        return None
    data: dict[str, Any] = load_json(raw)
    return RowError(str(data["key"]), {str(k): str(v) for k, v in data["values"].items()})


def _dump_error(error: RowError | None) -> str | None:
    return None if error is None else dump_json({"key": error.key, "values": dict(error.values)})


def _row(row: Row) -> BulkRow:
    due = row["due"]
    return BulkRow(
        batch_id=row["batch_id"],
        row_no=row["row_no"],
        student=row["student"],
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        concept=row["concept"],
        amount=row["amount"],
        due=None if due is None else date.fromisoformat(due),
        state=RowState(row["state"]),
        invoice_id=row["invoice_id"],
        error=_error(row["error"]),
        attempts=row["attempts"],
    )


class BulkRepo:
    """The ``bulk_batches`` and ``bulk_rows`` tables."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def create(
        self, created_by: int, file_name: str, file_hash: str, rows: Sequence[NewRow]
    ) -> str:
        """Record a checked file as a batch in ``preview`` with all its rows, in one
        transaction.

        Returns:
            The batch id: 8 URL-safe characters (fits in callback data and in metadata).
        """
        now = to_db_time(self._now())
        batch_id = secrets.token_urlsafe(6)
        async with self._db.transaction() as conn:
            await execute_in(
                conn,
                "INSERT INTO bulk_batches (batch_id, created_by, file_name, file_hash, state,"
                " created_at) VALUES (?, ?, ?, ?, 'preview', ?)",
                (batch_id, created_by, file_name[:200], file_hash, now),
            )
            for r in rows:
                await execute_in(
                    conn,
                    "INSERT INTO bulk_rows (batch_id, row_no, student, customer_id,"
                    " customer_name, concept, amount, due, state, error, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        batch_id,
                        r.row_no,
                        r.student,
                        r.customer_id,
                        r.customer_name,
                        r.concept,
                        r.amount,
                        None if r.due is None else r.due.isoformat(),
                        RowState.INVALID if r.error is not None else RowState.PENDING,
                        _dump_error(r.error),
                        now,
                    ),
                )
        return batch_id

    async def get(self, batch_id: str) -> BulkBatch | None:
        """The batch ``batch_id``, or None."""
        row = await self._db.fetchone("SELECT * FROM bulk_batches WHERE batch_id = ?", (batch_id,))
        return None if row is None else _batch(row)

    async def rows(self, batch_id: str) -> list[BulkRow]:
        """Every row of the batch, in file order."""
        rows = await self._db.fetchall(
            "SELECT * FROM bulk_rows WHERE batch_id = ? ORDER BY row_no", (batch_id,)
        )
        return [_row(r) for r in rows]

    async def earlier(self, file_hash: str) -> BulkBatch | None:
        """The latest batch of the same file that is being written or created invoices, if
        any (a batch whose every write failed does not count)."""
        row = await self._db.fetchone(
            "SELECT * FROM bulk_batches AS b WHERE file_hash = ? AND (state = 'running'"
            " OR (state = 'done' AND EXISTS (SELECT 1 FROM bulk_rows AS r"
            " WHERE r.batch_id = b.batch_id AND r.state = 'done')))"
            " ORDER BY created_at DESC LIMIT 1",
            (file_hash,),
        )
        return None if row is None else _batch(row)

    async def start(self, batch_id: str, chat_id: int, message_id: int, lang: str) -> bool:
        """The Confirm: ``preview -> running`` in one statement, with the message that shows
        its progress and the staff member's language. False when it was not in preview (a
        second tap, or cancelled)."""
        changed = await self._db.execute(
            "UPDATE bulk_batches SET state = 'running', started_at = ?, progress_chat = ?,"
            " progress_message = ?, lang = ? WHERE batch_id = ? AND state = 'preview'",
            (to_db_time(self._now()), chat_id, message_id, lang, batch_id),
        )
        return changed == 1

    async def cancel(self, batch_id: str) -> bool:
        """The Cancel: ``preview -> cancelled``; False when it was not in preview."""
        changed = await self._db.execute(
            "UPDATE bulk_batches SET state = 'cancelled', finished_at = ?"
            " WHERE batch_id = ? AND state = 'preview'",
            (to_db_time(self._now()), batch_id),
        )
        return changed == 1

    async def finish(self, batch_id: str) -> bool:
        """``running -> done``."""
        changed = await self._db.execute(
            "UPDATE bulk_batches SET state = 'done', finished_at = ?"
            " WHERE batch_id = ? AND state = 'running'",
            (to_db_time(self._now()), batch_id),
        )
        return changed == 1

    async def running(self) -> list[BulkBatch]:
        """The batches a stop interrupted (at start-up: to resume them), oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM bulk_batches WHERE state = 'running' ORDER BY created_at"
        )
        return [_batch(r) for r in rows]

    async def interrupted(self, batch_id: str) -> int:
        """At resumption: rows left ``sending`` become ``unknown`` (their write may have
        landed). Returns how many."""
        return await self._db.execute(
            "UPDATE bulk_rows SET state = 'unknown', updated_at = ?"
            " WHERE batch_id = ? AND state = 'sending'",
            (to_db_time(self._now()), batch_id),
        )

    async def sending(self, batch_id: str, row_no: int) -> bool:
        """Record, before the write, that it is being sent: ``pending -> sending``."""
        changed = await self._db.execute(
            "UPDATE bulk_rows SET state = 'sending', attempts = attempts + 1, updated_at = ?"
            " WHERE batch_id = ? AND row_no = ? AND state = 'pending'",
            (to_db_time(self._now()), batch_id, row_no),
        )
        return changed == 1

    async def settle(
        self,
        batch_id: str,
        row_no: int,
        state: RowState,
        *,
        invoice_id: str | None = None,
        error: RowError | None = None,
    ) -> None:
        """Record a row's outcome: ``done`` (with its invoice), ``failed``, ``unknown`` (may
        have landed) or back to ``pending`` (checked in Quentli: not there)."""
        await self._db.execute(
            "UPDATE bulk_rows SET state = ?, invoice_id = COALESCE(?, invoice_id), error = ?,"
            " updated_at = ? WHERE batch_id = ? AND row_no = ?",
            (
                state.value,
                invoice_id,
                _dump_error(error),
                to_db_time(self._now()),
                batch_id,
                row_no,
            ),
        )
