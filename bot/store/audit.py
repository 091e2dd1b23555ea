"""The audit log: every staff action and its outcome.

Payment, checkout and portal links open a customer's account (SPEC, rule 1), so they are never
written here: any key that names a URL or a link is removed, at any depth, before storing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.store.db import (
    Clock,
    Database,
    Row,
    dump_json,
    from_db_time,
    insert_in,
    load_json,
    to_db_time,
    utc_now,
)

__all__ = ["AuditEntry", "AuditRepo", "is_link_key", "strip_links"]

_LINK_NAMES = ("url", "urls", "link", "links", "uri", "href")


def is_link_key(key: str) -> bool:
    """True for keys that may hold a link: ``url``, ``link``, ``payment_url``, ``checkoutUrl``,
    ``portal_link``, ``urls``, ... (case, ``_`` and ``-`` ignored; any name ending in url(s),
    link(s), uri or href).
    """
    normalised = key.lower().replace("_", "").replace("-", "")
    return normalised.endswith(_LINK_NAMES)


def strip_links(value: Any) -> Any:
    """Return a copy of ``value`` without any mapping key for which :func:`is_link_key` holds,
    recursing through mappings, lists and tuples."""
    if isinstance(value, Mapping):
        return {
            key: strip_links(item)
            for key, item in value.items()
            if not (isinstance(key, str) and is_link_key(key))
        }
    if isinstance(value, list | tuple):
        return [strip_links(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited action."""

    id: int
    at: datetime
    actor_id: int | None
    action: str
    customer_id: str | None
    invoice_id: str | None
    request: dict[str, Any]
    outcome: str
    detail: dict[str, Any]


def _entry(row: Row) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        at=from_db_time(row["at"]),
        actor_id=row["actor_id"],
        action=row["action"],
        customer_id=row["customer_id"],
        invoice_id=row["invoice_id"],
        request=load_json(row["request"]),
        outcome=row["outcome"],
        detail=load_json(row["detail"]),
    )


def _pick_str(key: str, *sources: Mapping[str, Any]) -> str | None:
    for source in sources:
        value = source.get(key)
        if isinstance(value, str) and value:
            return value
    return None


class AuditRepo:
    """The ``audit_log`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def record(
        self,
        actor_id: int | None,
        action: str,
        request: Mapping[str, Any],
        outcome: str,
        detail: Mapping[str, Any] | None = None,
        *,
        customer_id: str | None = None,
        invoice_id: str | None = None,
    ) -> int:
        """Append an entry.

        Args:
            actor_id: the Telegram user who acted (``None`` for the bot itself).
            action: what was done, e.g. ``"invoice.create"``.
            request: what was asked (JSON-serialisable; links are stripped).
            outcome: e.g. ``"ok"``, ``"error"``, ``"unknown"``.
            detail: more about the outcome (JSON-serialisable; links are stripped).
            customer_id: the customer concerned; when omitted, a top-level string
                ``"customer_id"`` in ``request`` or else ``detail`` is used.
            invoice_id: the invoice concerned; found the same way when omitted.

        Returns:
            The entry's id.
        """
        clean_request = strip_links(request)
        clean_detail = strip_links(detail or {})
        if customer_id is None:
            customer_id = _pick_str("customer_id", clean_request, clean_detail)
        if invoice_id is None:
            invoice_id = _pick_str("invoice_id", clean_request, clean_detail)
        async with self._db.transaction() as conn:
            return await insert_in(
                conn,
                "INSERT INTO audit_log (at, actor_id, action, customer_id, invoice_id, request,"
                " outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    to_db_time(self._now()),
                    actor_id,
                    action,
                    customer_id,
                    invoice_id,
                    dump_json(clean_request),
                    outcome,
                    dump_json(clean_detail),
                ),
            )

    async def recent(self, limit: int = 10, customer_id: str | None = None) -> list[AuditEntry]:
        """The newest entries first, optionally only those about ``customer_id``."""
        if customer_id is None:
            rows = await self._db.fetchall(
                "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)
            )
        else:
            rows = await self._db.fetchall(
                "SELECT * FROM audit_log WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
                (customer_id, limit),
            )
        return [_entry(row) for row in rows]
