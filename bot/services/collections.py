"""The office's reports: overdue invoices by age (/overdue), the day's cut (/today) and the daily
summary at ``DIGEST_HOUR`` (SPEC "The office").

Everything is read fresh from Quentli with paged list calls (100 records a call; customer names
100 ids a call), never one call per invoice. The day's cut joins Quentli's payments list with the
payments recorded through the bot (``/markpaid``), which know how the money came in; a mark-paid
also shows in Quentli's list (a payment that is not a card's), so the two are matched by family
and amount and counted once.

The summary goes to ``STAFF_CHAT_ID`` (else each admin's private chat) once a day across
restarts: ``office_digests`` records it, and the outbox dedupe key ``digest:<day>`` covers a
crash between the two writes. Rendering is behind :class:`OfficeDelivery`.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal, Protocol

from bot.quentli import Customer, Payment, PaymentType, QuentliClient
from bot.services.billing_payloads import KIND_MARK_PAID
from bot.services.reminders import day_start, local_day
from bot.store import utc_now
from bot.store.office import LostChat, OfficeRepo, RecordedPayment

__all__ = [
    "AGE_BUCKETS",
    "AgeBucket",
    "CutPayment",
    "DayCut",
    "DigestRun",
    "MethodTotal",
    "NewlyOverdue",
    "OfficeDelivery",
    "OfficeDigest",
    "OverdueFamily",
    "OverdueInvoice",
    "OverdueReport",
    "ReportService",
]

#: The age buckets of overdue invoices, in days late: (first, last or None for "and over").
AGE_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 30), (31, 60), (61, 90), (91, None))
CUSTOMERS_PER_CALL = 100
READ_CONCURRENCY = 4

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
class OverdueInvoice:
    """An overdue invoice: ``days_late`` whole days after its due day."""

    invoice_id: str
    concept: str
    amount: int
    due_date: datetime
    days_late: int


@dataclass(frozen=True, slots=True)
class OverdueFamily:
    """A customer's overdue invoices, the most overdue first."""

    customer_id: str
    name: str
    username: str | None
    invoices: tuple[OverdueInvoice, ...]

    @property
    def amount(self) -> int:
        """Centavos overdue."""
        return sum(item.amount for item in self.invoices)

    @property
    def days_late(self) -> int:
        """Days late of the oldest invoice."""
        return max(item.days_late for item in self.invoices)


@dataclass(frozen=True, slots=True)
class AgeBucket:
    """Overdue invoices ``first``..``last`` days late (``last`` None: and over)."""

    first: int
    last: int | None
    invoices: int
    amount: int


@dataclass(frozen=True, slots=True)
class OverdueReport:
    """The school's overdue invoices on ``day``: by age bucket, and families sorted by days
    late (then amount)."""

    day: date
    buckets: tuple[AgeBucket, ...]
    families: tuple[OverdueFamily, ...]

    @property
    def amount(self) -> int:
        """Centavos overdue in all."""
        return sum(bucket.amount for bucket in self.buckets)

    @property
    def invoices(self) -> int:
        """How many invoices are overdue."""
        return sum(bucket.invoices for bucket in self.buckets)


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
    """The office's summary of ``day``. ``proofs_waiting`` is None while the bot takes no
    proofs of payment."""

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


class ReportService:
    """Overdue invoices, the day's cut and the office's daily summary.

    Args:
        quentli: the API client.
        office: the bot's records the reports read, and the summary's ledger.
        delivery: queues the summary.
        tz: the school's time zone.
        digest_hour: DIGEST_HOUR (None: no summary).
        office_chats: STAFF_CHAT_ID, else the admins' ids.
        now: the clock (tests move it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        office: OfficeRepo,
        delivery: OfficeDelivery,
        *,
        tz: tzinfo,
        digest_hour: int | None,
        office_chats: Collection[int],
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._quentli = quentli
        self._office = office
        self._delivery = delivery
        self._tz = tz
        self.digest_hour = digest_hour
        self.office_chats = tuple(office_chats)
        self._now = now
        self._running = asyncio.Lock()

    def now(self) -> datetime:
        """The moment now (aware UTC; the service's clock)."""
        return self._now()

    def today(self) -> date:
        """The school's calendar day now."""
        return local_day(self._now(), self._tz)

    # -- /overdue ---------------------------------------------------------------------------

    async def overdue(self) -> OverdueReport:
        """Every overdue invoice of the school (its whole due day has passed), by age.

        Raises:
            QuentliError: Quentli failed.
        """
        day = self.today()
        found = await self._quentli.all_invoices(
            {"isPaid": False, "dueDate": {"lt": day_start(day, self._tz)}},
            order_by={"dueDate": "asc"},
        )
        by_customer: dict[str, list[OverdueInvoice]] = defaultdict(list)
        for invoice in found:
            late = (day - local_day(invoice.due_date, self._tz)).days
            if invoice.outstanding > 0 and late >= 1:
                by_customer[invoice.customer_id].append(
                    OverdueInvoice(
                        invoice.id,
                        invoice.concept_text or invoice.id,
                        invoice.outstanding,
                        invoice.due_date,
                        late,
                    )
                )
        customers = await self._customers(by_customer)
        families = [
            OverdueFamily(
                customer_id,
                _name(customers.get(customer_id), customer_id),
                customers[customer_id].username if customer_id in customers else None,
                tuple(sorted(items, key=lambda i: (-i.days_late, i.invoice_id))),
            )
            for customer_id, items in by_customer.items()
        ]
        families.sort(key=lambda f: (-f.days_late, -f.amount, f.name, f.customer_id))
        everything = [item for family in families for item in family.invoices]
        buckets = tuple(
            AgeBucket(
                first,
                last,
                len(inside := [i for i in everything if _in_bucket(i.days_late, first, last)]),
                sum(i.amount for i in inside),
            )
            for first, last in AGE_BUCKETS
        )
        return OverdueReport(day, buckets, tuple(families))

    # -- /today -----------------------------------------------------------------------------

    async def day_cut(self, day: date) -> DayCut:
        """The payments received on ``day``: Quentli's completed payments, with the method of
        those recorded through the bot (and those recorded in the bot only).

        Raises:
            QuentliError: Quentli failed.
        """
        start, end = day_start(day, self._tz), day_start(day + timedelta(days=1), self._tz)
        payments = await self._quentli.all_payments(
            {"isCompleted": True, "paymentTime": {"gte": start, "lt": end}},
            order_by={"paymentTime": "asc"},
        )
        recorded = await self._office.recorded_payments(KIND_MARK_PAID, start, end)
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
        named = await self._named(entries)
        named.sort(key=lambda p: (p.at, p.name))
        return DayCut(day, tuple(named))

    # -- the daily summary ------------------------------------------------------------------

    async def digest(self, day: date) -> OfficeDigest:
        """The summary of ``day``: its cut, the invoices that became overdue that day (due the
        day before), and the chats lost that day.

        Raises:
            QuentliError: Quentli failed.
        """
        start, end = day_start(day, self._tz), day_start(day + timedelta(days=1), self._tz)
        cut, found, lost = await asyncio.gather(
            self.day_cut(day),
            self._quentli.all_invoices(
                {
                    "isPaid": False,
                    "dueDate": {"gte": day_start(day - timedelta(days=1), self._tz), "lt": start},
                },
                order_by={"dueDate": "asc"},
            ),
            self._office.lost_chats(start, end),
        )
        fresh = [
            invoice
            for invoice in found
            if invoice.outstanding > 0
            and local_day(invoice.due_date, self._tz) == day - timedelta(days=1)
        ]
        customers = await self._customers(invoice.customer_id for invoice in fresh)
        newly = tuple(
            NewlyOverdue(
                invoice.id,
                invoice.customer_id,
                _name(customers.get(invoice.customer_id), invoice.customer_id),
                invoice.concept_text or invoice.id,
                invoice.outstanding,
            )
            for invoice in fresh
        )
        return OfficeDigest(day, cut, newly, tuple(lost))

    async def send_digest(self) -> DigestRun:
        """Queue today's summary for the office when ``DIGEST_HOUR`` has come and it was not
        sent yet (once a day, across restarts).

        Raises:
            QuentliError: Quentli failed (nothing recorded: the next check tries again).
        """
        async with self._running:
            now = self._now()
            day = local_day(now, self._tz)
            if self.digest_hour is None:
                return DigestRun(day, "off")
            if now.astimezone(self._tz).hour < self.digest_hour:
                return DigestRun(day, "not_yet")
            if await self._office.digest_sent(day):
                return DigestRun(day, "sent_already")
            if not self.office_chats:
                return DigestRun(day, "nobody")
            digest = await self.digest(day)
            for chat_id in self.office_chats:
                await self._delivery.digest(chat_id, digest, dedupe_key=f"digest:{day}")
            await self._office.record_digest(day, len(self.office_chats))
            return DigestRun(day, "sent", len(self.office_chats))

    # -- names ------------------------------------------------------------------------------

    async def _customers(self, customer_ids: Iterable[str]) -> dict[str, Customer]:
        """Quentli's customers by id: one list call per 100 ids, a few at a time."""
        wanted = sorted(set(customer_ids))
        limit = asyncio.Semaphore(READ_CONCURRENCY)

        async def read(chunk: list[str]) -> list[Customer]:
            async with limit:
                return await self._quentli.list_customers(
                    {"id": {"in": chunk}}, take=CUSTOMERS_PER_CALL
                )

        chunks = [
            wanted[i : i + CUSTOMERS_PER_CALL] for i in range(0, len(wanted), CUSTOMERS_PER_CALL)
        ]
        pages = await asyncio.gather(*(read(chunk) for chunk in chunks))
        asked = set(wanted)
        return {c.id: c for page in pages for c in page if c.id in asked}

    async def _named(self, entries: list[CutPayment]) -> list[CutPayment]:
        """The entries with the family's name (Quentli's; the bot's record as a fallback)."""
        customers = await self._customers(e.customer_id for e in entries if e.customer_id)
        return [
            replace(entry, name=_name(customers.get(entry.customer_id), entry.name or "—"))
            for entry in entries
        ]


def _in_bucket(days_late: int, first: int, last: int | None) -> bool:
    return days_late >= first and (last is None or days_late <= last)


def _name(customer: Customer | None, fallback: str) -> str:
    return customer.name if customer is not None else fallback


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
