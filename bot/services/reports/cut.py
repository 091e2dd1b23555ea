"""/today's report: the day's cut, Quentli's payments joined with those recorded in the bot.

A mark-paid also shows in Quentli's list (a payment that is not a card's), so the two are
matched by family and amount and counted once; the bot's record says how the money came in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from bot.quentli import Payment, PaymentType, QuentliClient
from bot.services.billing_payloads import KIND_MARK_PAID
from bot.services.reminders import day_start
from bot.services.reports.names import customers_by_id, name_of
from bot.store.office import OfficeRepo, RecordedPayment

#: How a payment came in. Quentli's own (card on the payment page or a saved card, direct
#: debit, anything else recorded in Quentli) and the methods staff record at the window.
Method = str
METHOD_CARD = "card"
METHOD_DIRECT_DEBIT = "direct_debit"
METHOD_QUENTLI_OTHER = "quentli_other"
METHOD_SCHOOL = "school"  # recorded through the bot without a method
_STAFF_METHODS = {
    "cash": "cash",
    "efectivo": "cash",
    "transfer": "transfer",
    "transferencia": "transfer",
    "check": "check",
    "cheque": "check",
    "deposit": "deposit",
    "deposito": "deposit",
    "depósito": "deposit",
}


@dataclass(frozen=True, slots=True)
class CutPayment:
    """One payment of the day: ``source`` ``bot`` when staff recorded it through the bot."""

    at: datetime
    customer_id: str
    name: str
    concept: str
    amount: int
    method: Method
    source: Literal["quentli", "bot"]
    recorded_by: int | None = None


@dataclass(frozen=True, slots=True)
class MethodTotal:
    """The day's payments by one method."""

    method: Method
    payments: int
    amount: int


@dataclass(frozen=True, slots=True)
class DayCut:
    """The payments received on ``day`` (the school's calendar day), oldest first."""

    day: date
    payments: tuple[CutPayment, ...]

    @property
    def amount(self) -> int:
        """Centavos received."""
        return sum(p.amount for p in self.payments)

    @property
    def totals(self) -> tuple[MethodTotal, ...]:
        """Totals by method, the largest first."""
        by: dict[Method, list[int]] = defaultdict(list)
        for p in self.payments:
            by[p.method].append(p.amount)
        totals = [MethodTotal(m, len(amounts), sum(amounts)) for m, amounts in by.items()]
        return tuple(sorted(totals, key=lambda t: (-t.amount, t.method)))


async def day_cut(quentli: QuentliClient, office: OfficeRepo, day: date, tz: tzinfo) -> DayCut:
    """The payments received on ``day``: Quentli's completed payments, with the method of
    those recorded through the bot (and those recorded in the bot only).

    Raises:
        QuentliError: Quentli failed.
    """
    start, end = day_start(day, tz), day_start(day + timedelta(days=1), tz)
    payments = await quentli.all_payments(
        {"isCompleted": True, "paymentTime": {"gte": start, "lt": end}},
        order_by={"paymentTime": "asc"},
    )
    recorded = await office.recorded_payments(KIND_MARK_PAID, start, end)
    # A mark-paid is also a payment in Quentli's list (not a card's): the bot's record says
    # how it was paid. Matched by family and amount, each record at most once.
    pool: dict[tuple[str, int], list[RecordedPayment]] = defaultdict(list)
    for record in recorded:
        pool[(record.customer_id, record.amount)].append(record)
    entries: list[CutPayment] = []
    for payment in payments:
        at = payment.payment_time or payment.created_at
        if payment.is_completed is False or at is None or not start <= at < end:
            continue  # a filter the server ignored
        method = _quentli_method(payment)
        mine = pool.get((payment.customer_id or "", payment.amount))
        if method == METHOD_QUENTLI_OTHER and mine:
            entries.append(_recorded(mine.pop(0), payment.description))
        else:
            entries.append(
                CutPayment(
                    at,
                    payment.customer_id or "",
                    "",
                    _payment_concept(payment),
                    payment.amount,
                    method,
                    "quentli",
                )
            )
    entries.extend(_recorded(record, None) for left in pool.values() for record in left)
    named = await _named(quentli, entries)
    named.sort(key=lambda p: (p.at, p.name))
    return DayCut(day, tuple(named))


async def _named(quentli: QuentliClient, entries: list[CutPayment]) -> list[CutPayment]:
    """The entries with the family's name (Quentli's; the bot's record as a fallback)."""
    customers = await customers_by_id(quentli, (e.customer_id for e in entries if e.customer_id))
    return [
        replace(entry, name=name_of(customers.get(entry.customer_id), entry.name or "—"))
        for entry in entries
    ]


def _quentli_method(payment: Payment) -> Method:
    if payment.type == PaymentType.CARD:
        return METHOD_CARD
    if payment.type == PaymentType.DIRECT_DEBIT:
        return METHOD_DIRECT_DEBIT
    return METHOD_QUENTLI_OTHER


def _payment_concept(payment: Payment) -> str:
    if payment.description:
        return payment.description
    texts = [item.description for item in payment.items or [] if item.description]
    return ", ".join(texts)


def _recorded(record: RecordedPayment, description: str | None) -> CutPayment:
    method = _STAFF_METHODS.get((record.method or "").casefold(), METHOD_SCHOOL)
    return CutPayment(
        record.paid_at,
        record.customer_id,
        record.customer_name,
        record.concept or description or "",
        record.amount,
        method,
        "bot",
        record.recorded_by,
    )
