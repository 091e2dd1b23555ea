"""The exactly-once ledger behind every Confirm button.

A write to Quentli (create an invoice, charge a card, mark paid) is first recorded here as a
``pending`` operation whose id goes into the Confirm button. Pressing Confirm calls
:meth:`OperationRepo.begin`, which moves the operation to ``in_flight`` only if it still is
``pending`` — in one SQL statement — so a double tap, an update Telegram delivers twice or a
restart can never start the same write twice.

States::

    pending --begin--> in_flight --complete--> done
       |                   |---fail(may_have_landed=False)--> failed
       |                   '---fail(may_have_landed=True)---> unknown --complete--> done
       |                                                        '--fail(False)--> failed
       '--cancel--> cancelled
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    execute_in,
    fetchone_in,
    from_db_time,
    load_json,
    to_db_time,
    utc_now,
)

__all__ = [
    "Operation",
    "OperationAlreadyStarted",
    "OperationError",
    "OperationNotFound",
    "OperationRepo",
    "OperationState",
    "OperationStateError",
]

INTERRUPTED = "interrupted: the bot stopped while the operation was in flight"


class OperationState(StrEnum):
    """Where an operation is; members compare equal to their string values."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DONE = "done"
    FAILED = "failed"
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Operation:
    """One ledger entry."""

    op_id: str
    kind: str
    payload: dict[str, Any]
    created_by: int | None
    created_at: datetime
    state: OperationState
    result: dict[str, Any] | None
    error: str | None
    updated_at: datetime


class OperationError(Exception):
    """Base class of the ledger's errors."""


class OperationNotFound(OperationError):
    """No operation has this id (e.g. a forged or very old button)."""

    def __init__(self, op_id: str) -> None:
        super().__init__(f"unknown operation {op_id!r}")
        self.op_id = op_id


class OperationStateError(OperationError):
    """The operation is not in a state that allows the requested step; ``op`` is its current
    record."""

    def __init__(self, op: Operation, step: str) -> None:
        super().__init__(f"cannot {step} operation {op.op_id!r} in state {op.state.value}")
        self.op = op
        self.step = step


class OperationAlreadyStarted(OperationStateError):
    """``begin`` found the operation no longer pending: it already ran, is running, or was
    cancelled. ``op`` is the current record (its state and result tell what happened)."""

    def __init__(self, op: Operation) -> None:
        super().__init__(op, "begin")


def _operation(row: Row) -> Operation:
    result = row["result"]
    return Operation(
        op_id=row["op_id"],
        kind=row["kind"],
        payload=load_json(row["payload"]),
        created_by=row["created_by"],
        created_at=from_db_time(row["created_at"]),
        state=OperationState(row["state"]),
        result=None if result is None else load_json(result),
        error=row["error"],
        updated_at=from_db_time(row["updated_at"]),
    )


_SELECT = "SELECT * FROM operations WHERE op_id = ?"


class OperationRepo:
    """The ``operations`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def create(self, kind: str, payload: Mapping[str, Any], created_by: int | None) -> str:
        """Record a pending operation.

        Args:
            kind: what it will do, e.g. ``"invoice.create"``.
            payload: exactly what was confirmed (JSON-serialisable; amounts as int centavos).
            created_by: the Telegram user who asked for it.

        Returns:
            The new op id: 12 URL-safe characters (fits in callback data).
        """
        now = to_db_time(self._now())
        while True:
            op_id = secrets.token_urlsafe(9)
            changed = await self._db.execute(
                "INSERT INTO operations (op_id, kind, payload, created_by, created_at, state,"
                " updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"
                " ON CONFLICT (op_id) DO NOTHING",
                (op_id, kind, dump_json(dict(payload)), created_by, now, now),
            )
            if changed == 1:
                return op_id

    async def get(self, op_id: str) -> Operation | None:
        """The operation ``op_id`` or ``None``."""
        row = await self._db.fetchone(_SELECT, (op_id,))
        return None if row is None else _operation(row)

    async def pending_for(self, created_by: int) -> list[Operation]:
        """The operations ``created_by`` recorded that are still ``pending`` (a summary whose
        Confirm was never pressed), oldest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM operations WHERE created_by = ? AND state = 'pending'"
            " ORDER BY created_at, op_id",
            (created_by,),
        )
        return [_operation(row) for row in rows]

    async def started_for_invoice(self, kind: str, invoice_id: str) -> list[Operation]:
        """The operations of ``kind`` on ``invoice_id`` (``payload.invoice_id``) whose Confirm
        was pressed (in flight, done, failed or unknown), the latest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM operations WHERE kind = ?"
            " AND json_extract(payload, '$.invoice_id') = ?"
            " AND state NOT IN ('pending', 'cancelled')"
            " ORDER BY updated_at DESC, op_id",
            (kind, invoice_id),
        )
        return [_operation(row) for row in rows]

    async def _transition(
        self,
        op_id: str,
        step: str,
        allowed_from: tuple[OperationState, ...],
        to: OperationState,
        result: str | None = None,
        error: str | None = None,
    ) -> Operation:
        async with self._db.transaction() as conn:
            changed = await execute_in(
                conn,
                "UPDATE operations SET state = ?, result = COALESCE(?, result), error = ?,"
                " updated_at = ? WHERE op_id = ?"
                " AND state IN (SELECT value FROM json_each(?))",
                (
                    to.value,
                    result,
                    error,
                    to_db_time(self._now()),
                    op_id,
                    dump_json([state.value for state in allowed_from]),
                ),
            )
            row = await fetchone_in(conn, _SELECT, (op_id,))
        if row is None:
            raise OperationNotFound(op_id)
        op = _operation(row)
        if changed != 1:
            if step == "begin":
                raise OperationAlreadyStarted(op)
            raise OperationStateError(op, step)
        return op

    async def begin(self, op_id: str) -> Operation:
        """Start the operation: atomically ``pending`` -> ``in_flight``.

        Returns:
            The operation, now in flight: the caller performs the write exactly once.

        Raises:
            OperationNotFound: no such op id.
            OperationAlreadyStarted: it is not pending (``.op`` has its current state).
        """
        return await self._transition(
            op_id, "begin", (OperationState.PENDING,), OperationState.IN_FLIGHT
        )

    async def complete(self, op_id: str, result: Mapping[str, Any]) -> Operation:
        """Record success: ``in_flight`` or ``unknown`` -> ``done`` with ``result``.

        Raises:
            OperationNotFound: no such op id.
            OperationStateError: it is in another state.
        """
        return await self._transition(
            op_id,
            "complete",
            (OperationState.IN_FLIGHT, OperationState.UNKNOWN),
            OperationState.DONE,
            result=dump_json(dict(result)),
        )

    async def fail(self, op_id: str, error: str, may_have_landed: bool) -> Operation:
        """Record a failure: ``in_flight`` (or ``unknown``, once reconciled) -> ``failed`` or
        ``unknown``.

        Args:
            op_id: the operation.
            error: a short description (no secrets, no links).
            may_have_landed: True when Quentli may have executed the write anyway (a timeout
                after sending): the state becomes ``unknown`` instead of ``failed``, and the
                operation must not simply be retried.

        Raises:
            OperationNotFound: no such op id.
            OperationStateError: it is in another state.
        """
        to = OperationState.UNKNOWN if may_have_landed else OperationState.FAILED
        return await self._transition(
            op_id, "fail", (OperationState.IN_FLIGHT, OperationState.UNKNOWN), to, error=error
        )

    async def cancel(self, op_id: str, reason: str | None = None) -> bool:
        """Cancel a pending operation (the Cancel button, or a Confirm that came too late).

        Args:
            op_id: the operation.
            reason: kept as the operation's ``error`` (e.g. why it was cancelled for the user).

        Returns:
            True when it was pending and is now cancelled; False otherwise (unknown id, or it
            already started, finished or was cancelled).
        """
        changed = await self._db.execute(
            "UPDATE operations SET state = 'cancelled', error = ?, updated_at = ?"
            " WHERE op_id = ? AND state = 'pending'",
            (reason, to_db_time(self._now()), op_id),
        )
        return changed == 1

    async def recover_interrupted(self) -> int:
        """At start-up: mark operations left ``in_flight`` by a previous run as ``unknown``.

        The single bot process is the only one running operations, so anything in flight when
        it starts was interrupted (crash, kill) and its effect at Quentli is unknown.

        Returns:
            How many operations were marked.
        """
        return await self._db.execute(
            "UPDATE operations SET state = 'unknown', error = ?, updated_at = ?"
            " WHERE state = 'in_flight'",
            (INTERRUPTED, to_db_time(self._now())),
        )
