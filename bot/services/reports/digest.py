"""The office's daily summary: the day's cut, the invoices that became overdue, the lost chats,
the proofs of payment waiting.

The summary goes to ``STAFF_CHAT_ID`` (else each admin's private chat) once a day across
restarts: ``office_digests`` records it, and the outbox dedupe key ``digest:<day>`` covers a
crash between the two writes. Rendering is behind :class:`OfficeDelivery`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Literal, Protocol

from bot.quentli import QuentliClient
from bot.services.reminders import day_start, local_day
from bot.services.reports.cut import DayCut, day_cut
from bot.services.reports.names import customers_by_id, name_of
from bot.store.office import LostChat, OfficeRepo


@dataclass(frozen=True, slots=True)
class NewlyOverdue:
    """An invoice that became overdue today (its due day was yesterday)."""

    invoice_id: str
    customer_id: str
    name: str
    concept: str
    amount: int


@dataclass(frozen=True, slots=True)
class OfficeDigest:
    """The office's summary of ``day``; ``proofs_waiting``: proofs of payment not reviewed."""

    day: date
    cut: DayCut
    newly_overdue: tuple[NewlyOverdue, ...]
    lost_chats: tuple[LostChat, ...]
    proofs_waiting: int | None = None


class OfficeDelivery(Protocol):
    """Queues the office's summary (rendered in the chat's language) in the outbox."""

    async def digest(self, chat_id: int, digest: OfficeDigest, *, dedupe_key: str) -> bool:
        """Queue ``digest`` for ``chat_id``; False when ``dedupe_key`` was queued already."""
        ...


@dataclass(frozen=True, slots=True)
class DigestRun:
    """What one check of the summary did."""

    day: date
    status: Literal["off", "not_yet", "sent_already", "sent", "nobody"]
    chats: int = 0


async def office_digest(
    quentli: QuentliClient, office: OfficeRepo, day: date, tz: tzinfo
) -> OfficeDigest:
    """The summary of ``day``: its cut, the invoices that became overdue that day (due the
    day before), and the chats lost that day.

    Raises:
        QuentliError: Quentli failed.
    """
    start, end = day_start(day, tz), day_start(day + timedelta(days=1), tz)
    cut, found, lost, proofs = await asyncio.gather(
        day_cut(quentli, office, day, tz),
        quentli.all_invoices(
            {
                "isPaid": False,
                "dueDate": {"gte": day_start(day - timedelta(days=1), tz), "lt": start},
            },
            order_by={"dueDate": "asc"},
        ),
        office.lost_chats(start, end),
        office.proofs_waiting(),
    )
    fresh = [
        invoice
        for invoice in found
        if invoice.outstanding > 0 and local_day(invoice.due_date, tz) == day - timedelta(days=1)
    ]
    customers = await customers_by_id(quentli, (invoice.customer_id for invoice in fresh))
    newly = tuple(
        NewlyOverdue(
            invoice.id,
            invoice.customer_id,
            name_of(customers.get(invoice.customer_id), invoice.customer_id),
            invoice.concept_text or invoice.id,
            invoice.outstanding,
        )
        for invoice in fresh
    )
    return OfficeDigest(day, cut, newly, tuple(lost), proofs)
