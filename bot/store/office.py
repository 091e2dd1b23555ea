"""What the office's reports read from the bot's own records, and the summary's ledger.

- ``office_digests``: the day's summary was queued (one a day, across restarts).
- payments recorded through the bot: the mark-paid operations that completed (the operations
  ledger), for the day's cut with the method staff picked.
- chats lost: links deactivated in a period (a parent blocked the bot or unlinked).
- proofs waiting: proofs of payment the office has not reviewed yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.store.db import Clock, Database, from_db_time, to_db_time, utc_now

__all__ = ["LostChat", "OfficeRepo", "RecordedPayment"]


@dataclass(frozen=True, slots=True)
class RecordedPayment:
    """A payment staff recorded through the bot (a completed mark-paid)."""

    invoice_id: str
    customer_id: str
    customer_name: str
    amount: int
    concept: str
    paid_at: datetime
    method: str | None
    recorded_by: int | None


@dataclass(frozen=True, slots=True)
class LostChat:
    """A chat whose links were deactivated: ``reason`` as stored (``blocked``, ``unlinked``)."""

    chat_id: int
    reason: str
    customer_names: tuple[str, ...]
    at: datetime


def _payment_time(value: datetime) -> str:
    """The shape mark-paid payloads keep payment times in: ``2025-02-01T06:00:00.000Z``."""
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _parse_payment_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


class OfficeRepo:
    """Reads for the office's reports, and the ``office_digests`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def digest_sent(self, day: date) -> bool:
        """True when the summary of ``day`` was queued already."""
        row = await self._db.fetchone(
            "SELECT 1 FROM office_digests WHERE local_day = ?", (day.isoformat(),)
        )
        return row is not None

    async def record_digest(self, day: date, chats: int) -> bool:
        """Remember the summary of ``day`` was queued for ``chats`` chats.

        Returns:
            False when it was recorded already (left unchanged).
        """
        changed = await self._db.execute(
            "INSERT INTO office_digests (local_day, chats, sent_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (day.isoformat(), chats, to_db_time(self._now())),
        )
        return changed == 1

    async def recorded_payments(
        self, kind: str, start: datetime, end: datetime
    ) -> list[RecordedPayment]:
        """Completed operations of ``kind`` (a mark-paid) paid in ``[start, end)``.

        Args:
            kind: the operation kind of a mark-paid.
            start: the first moment (aware).
            end: the moment after the last.
        """
        rows = await self._db.fetchall(
            "SELECT created_by, json_extract(result, '$.invoice_id') AS invoice_id,"
            " json_extract(result, '$.customer_id') AS customer_id,"
            " json_extract(result, '$.customer_name') AS customer_name,"
            " json_extract(result, '$.amount') AS amount,"
            " json_extract(result, '$.concept') AS concept,"
            " json_extract(result, '$.payment_time') AS payment_time,"
            " COALESCE(json_extract(result, '$.method'), json_extract(payload, '$.method'))"
            "  AS method"
            " FROM operations WHERE kind = ? AND state = 'done'"
            " AND json_extract(result, '$.payment_time') >= ?"
            " AND json_extract(result, '$.payment_time') < ?"
            " ORDER BY json_extract(result, '$.payment_time'), op_id",
            (kind, _payment_time(start), _payment_time(end)),
        )
        return [
            RecordedPayment(
                invoice_id=str(row["invoice_id"]),
                customer_id=str(row["customer_id"]),
                customer_name=str(row["customer_name"] or ""),
                amount=int(row["amount"]),
                concept=str(row["concept"] or ""),
                paid_at=_parse_payment_time(row["payment_time"]),
                method=None if row["method"] is None else str(row["method"]),
                recorded_by=row["created_by"],
            )
            for row in rows
            if row["invoice_id"] is not None and isinstance(row["amount"], int)
        ]

    async def lost_chats(self, start: datetime, end: datetime) -> list[LostChat]:
        """Chats whose links were deactivated, or that blocked the bot (their links stay), in
        ``[start, end)``, oldest first."""
        rows = await self._db.fetchall(
            "SELECT chat_id, deactivated_reason, customer_name, deactivated_at"
            " FROM chat_customer_links WHERE active = 0"
            " AND deactivated_at >= ? AND deactivated_at < ?"
            " UNION ALL"
            " SELECT b.chat_id, 'blocked', l.customer_name, b.blocked_at"
            " FROM chat_blocks b JOIN chat_customer_links l ON l.chat_id = b.chat_id"
            " WHERE l.active = 1 AND b.blocked_at >= ? AND b.blocked_at < ?"
            " ORDER BY 4, 1, 3",
            (to_db_time(start), to_db_time(end), to_db_time(start), to_db_time(end)),
        )
        chats: dict[int, LostChat] = {}
        for row in rows:
            chat_id = row["chat_id"]
            seen = chats.get(chat_id)
            name = row["customer_name"]
            names = (*seen.customer_names, name) if seen else (name,)
            chats[chat_id] = LostChat(
                chat_id=chat_id,
                reason=str(row["deactivated_reason"] or ""),
                customer_names=names,
                at=seen.at if seen else from_db_time(row["deactivated_at"]),
            )
        return list(chats.values())

    async def proofs_waiting(self) -> int:
        """How many proofs of payment wait for the office's review (bot.store.proofs)."""
        row = await self._db.fetchone("SELECT COUNT(*) FROM proofs WHERE state = 'waiting'")
        return 0 if row is None else int(row[0])
