"""Payment reminders (SPEC "Reminders"), and staff's /remind of one family.

Once a day, inside ``REMINDER_WINDOW`` (the school's local time), every linked chat whose
reminders are on gets ONE message listing each unpaid invoice of its customers whose due date is
``REMINDER_DAYS`` days away that day (negative: before, 0: the due day, positive: overdue), with a
Pay button each. :meth:`ReminderService.run` is called at start-up and every 10 minutes
(``bot.ptb.collections_jobs``), so a bot started at 9:30 sends the 9:00 batch; outside the window
it sends nothing, and a day missed entirely is not sent late (offsets are counted from today).

Exactly once: an (invoice, day offset, chat) is recorded in ``reminders_sent`` when its message
is queued, and the outbox row's dedupe key is ``remind:<day>`` per chat: a second run the same
day, a restart, or a crash between the two writes sends nothing twice.

Round trips: the unpaid invoices of the linked customers are read with list calls of up to 100
customers each (``customerId in [...]``, due dates limited to the reminder days), never one call
per invoice, and they are read in the same run, just before the reminders are queued: a paid or
cancelled invoice is never reminded.

Rendering and the outbox are behind :class:`ReminderDelivery` (the Telegram layer's notices):
this module returns and hands over typed data only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

from bot.quentli import Invoice, NotFoundError, QuentliClient
from bot.services.parents import customers_filter
from bot.services.reminder_results import (
    AllMuted,
    AlreadyReminded,
    ChatReminder,
    DueInvoice,
    FamilyOutcome,
    FamilyReminded,
    FamilyTarget,
    NoChats,
    NothingOwed,
    ReminderRun,
    UnknownFamily,
)
from bot.store import LinkRepo, utc_now
from bot.store.reminders import LinkedCustomer, ReminderRepo, SentReminder

__all__ = [
    "ReminderDelivery",
    "ReminderService",
    "day_start",
    "local_day",
]

CUSTOMERS_PER_CALL = 100
READ_CONCURRENCY = 4
ONE_DAY = timedelta(days=1)


def day_start(day: date, tz: tzinfo) -> datetime:
    """00:00 of ``day`` in ``tz``, as aware UTC (Quentli keeps due dates so: 06:00Z in CDMX)."""
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The school's calendar day of ``moment`` (a due date's day, as the texts show it)."""
    return moment.astimezone(tz).date()


class ReminderDelivery(Protocol):
    """Queues a reminder message (rendered in the chat's language) in the outbox."""

    async def remind(self, reminder: ChatReminder, *, dedupe_key: str, requested: bool) -> bool:
        """Queue ``reminder``; ``requested`` is True for staff's /remind.

        Returns:
            False when ``dedupe_key`` was queued for that chat already (nothing queued).
        """
        ...


class ReminderService:
    """Who to remind today, the reminders themselves, /remind and /notifications.

    Args:
        quentli: the API client.
        reminders: the reminders' ledger and per-chat switch.
        links: the chat-customer links.
        delivery: queues the messages (rendering is the Telegram layer's).
        days: REMINDER_DAYS (empty: no scheduled reminders).
        window: REMINDER_WINDOW, local start (included) and end (excluded).
        tz: the school's time zone.
        now: the clock (tests move it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        reminders: ReminderRepo,
        links: LinkRepo,
        delivery: ReminderDelivery,
        *,
        days: Sequence[int],
        window: tuple[time, time],
        tz: tzinfo,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._quentli = quentli
        self._repo = reminders
        self._links = links
        self._delivery = delivery
        self.days = tuple(days)
        self.window = window
        self._tz = tz
        self._now = now
        self._running = asyncio.Lock()
        #: Checks completed since start-up (tests wait on it; nothing else reads it).
        self.runs = 0

    def today(self) -> date:
        """The school's calendar day now."""
        return local_day(self._now(), self._tz)

    def in_window(self, moment: datetime) -> bool:
        """True when ``moment`` is inside REMINDER_WINDOW, in the school's time zone."""
        start, end = self.window
        return start <= moment.astimezone(self._tz).time().replace(tzinfo=None) < end

    # -- the daily check --------------------------------------------------------------------

    async def run(self) -> ReminderRun:
        """Queue today's reminders that are not queued yet (one message per chat).

        Raises:
            QuentliError: Quentli failed (nothing was queued or recorded for the chats whose
                invoices could not be read; the next check tries again).
        """
        async with self._running:
            try:
                return await self._run()
            finally:
                self.runs += 1

    async def _run(self) -> ReminderRun:
        now = self._now()
        day = local_day(now, self._tz)
        if not self.days:
            return ReminderRun(day, "off")
        if not self.in_window(now):
            return ReminderRun(day, "outside_window")
        reminded = await self._repo.chats_reminded_on(day)
        targets = [t for t in await self._repo.reminder_targets() if t.chat_id not in reminded]
        offsets = {day - timedelta(days=offset): offset for offset in self.days}
        limit = asyncio.Semaphore(READ_CONCURRENCY)

        async def batch(links: list[LinkedCustomer]) -> tuple[int, int]:
            customers = sorted({link.customer_id for link in links})
            async with limit:
                due = await self._due_invoices(customers, offsets)
            return await self._queue(links, due, day)

        # Batches of whole families (every chat with all its customers), so that each batch's
        # chats are reminded as soon as its invoices are read: the first messages go out while
        # the rest is still being read.
        done = await asyncio.gather(*(batch(links) for links in _batches(targets)))
        return ReminderRun(
            day,
            "done",
            customers=len({t.customer_id for t in targets}),
            chats=sum(chats for chats, _ in done),
            reminders=sum(reminders for _, reminders in done),
        )

    async def _queue(
        self,
        links: list[LinkedCustomer],
        due: dict[str, list[tuple[Invoice, int]]],
        day: date,
    ) -> tuple[int, int]:
        """Queue one message per chat of ``links`` with its due invoices not reminded yet, and
        record them. Returns how many chats and reminders were queued."""
        sent = await self._repo.sent_for(inv.id for found in due.values() for inv, _ in found)
        per_chat: dict[int, list[DueInvoice]] = {}
        for link in links:
            for invoice, offset in due.get(link.customer_id, []):
                if SentReminder(invoice.id, offset, link.chat_id) not in sent:
                    item = _due(invoice, link.customer_name, offset)
                    per_chat.setdefault(link.chat_id, []).append(item)
        chats = reminders = 0
        for chat_id, items in per_chat.items():
            items.sort(key=lambda i: (i.due_date, i.customer_name, i.invoice_id))
            queued = await self._delivery.remind(
                ChatReminder(chat_id, tuple(items)),
                dedupe_key=f"remind:{day.isoformat()}",
                requested=False,
            )
            # Recorded even when the dedupe key was there already: then an earlier run queued
            # the message and stopped before this write.
            pairs = [(item.invoice_id, item.day_offset) for item in items]
            await self._repo.record_sent(chat_id, day, pairs)
            if queued:
                chats += 1
                reminders += len(items)
        return chats, reminders

    async def _due_invoices(
        self, customer_ids: list[str], offsets: dict[date, int]
    ) -> dict[str, list[tuple[Invoice, int]]]:
        """Unpaid invoices of ``customer_ids`` due on one of today's reminder days (``offsets``:
        due day -> day offset), by customer: one list call per 100 customers, asking only for
        those days so that a page holds little else (an answer that fills a whole page of 100
        costs one more call for the next page)."""
        due_days = [
            {"dueDate": {"gte": day_start(d, self._tz), "lt": day_start(d + ONE_DAY, self._tz)}}
            for d in sorted(offsets)
        ]
        wanted = set(customer_ids)
        found: dict[str, list[tuple[Invoice, int]]] = {}
        for start in range(0, len(customer_ids), CUSTOMERS_PER_CALL):
            chunk = customer_ids[start : start + CUSTOMERS_PER_CALL]
            page = await self._quentli.all_invoices(
                {"customerId": customers_filter(chunk), "isPaid": False, "OR": due_days},
                order_by={"dueDate": "asc"},
            )
            for invoice in page:
                # Checked here too: a filter the server ignored must never remind a stranger.
                offset = offsets.get(local_day(invoice.due_date, self._tz))
                mine = invoice.customer_id in wanted and invoice.outstanding > 0
                if mine and offset is not None:
                    found.setdefault(invoice.customer_id, []).append((invoice, offset))
        return found

    # -- staff's /remind --------------------------------------------------------------------

    async def remind_family(self, customer: FamilyTarget, by_user_id: int) -> FamilyOutcome:
        """Remind the chats linked to ``customer`` (or that customer id) of everything it owes
        now: at most once a day per family; chats with reminders off are left out.

        Raises:
            QuentliError: Quentli failed (nothing was queued).
        """
        if isinstance(customer, str):
            try:
                customer = await self._quentli.get_customer(customer)
            except NotFoundError:
                return UnknownFamily()
        customer_id, name = customer.id, customer.name
        day = self.today()
        earlier = await self._repo.family_reminded(customer_id, day)
        if earlier is not None:
            return AlreadyReminded(name, earlier.at, earlier.chats)
        links = await self._links.chats_for_customer(customer_id)
        if not links:
            return NoChats(name, customer.username or name)
        chats = sorted(await self._repo.enabled_chats(link.chat_id for link in links))
        if not chats:
            return AllMuted(name, len(links))
        found = await self._quentli.all_invoices(
            {"customerId": customer_id, "isPaid": False}, order_by={"dueDate": "asc"}
        )
        items = [
            _due(invoice, name, (day - local_day(invoice.due_date, self._tz)).days)
            for invoice in found
            if invoice.customer_id == customer_id and invoice.outstanding > 0
        ]
        if not items:
            return NothingOwed(name)
        items.sort(key=lambda i: (i.due_date, i.invoice_id))
        for chat_id in chats:
            await self._delivery.remind(
                ChatReminder(chat_id, tuple(items)),
                dedupe_key=f"remind-family:{customer_id}:{day.isoformat()}",
                requested=True,
            )
        await self._repo.record_family(customer_id, day, by_user_id, len(chats))
        return FamilyReminded(name, len(chats), tuple(items), muted=len(links) - len(chats))

    # -- /notifications ---------------------------------------------------------------------

    async def enabled(self, chat_id: int) -> bool:
        """True unless the chat turned reminders off."""
        return await self._repo.is_enabled(chat_id)

    async def set_enabled(self, chat_id: int, enabled: bool) -> None:
        """Turn the chat's reminders on or off (receipts always arrive)."""
        await self._repo.set_enabled(chat_id, enabled)


def _batches(links: list[LinkedCustomer]) -> list[list[LinkedCustomer]]:
    """``links`` in batches of at most 100 customers that never split a family: chats that
    share a customer (both parents, siblings) land in the same batch with all their customers.
    A family of more than 100 customers is a batch of its own (read 100 at a time)."""
    parent: dict[tuple[str, object], tuple[str, object]] = {}

    def root(node: tuple[str, object]) -> tuple[str, object]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for link in links:
        parent[root(("chat", link.chat_id))] = root(("customer", link.customer_id))
    families: dict[tuple[str, object], list[LinkedCustomer]] = {}
    for link in links:
        families.setdefault(root(("chat", link.chat_id)), []).append(link)
    batches: list[list[LinkedCustomer]] = []
    current: list[LinkedCustomer] = []
    customers: set[str] = set()
    for family in families.values():
        theirs = {link.customer_id for link in family}
        if current and len(customers | theirs) > CUSTOMERS_PER_CALL:
            batches.append(current)
            current, customers = [], set()
        current += family
        customers |= theirs
    if current:
        batches.append(current)
    return batches


def _due(invoice: Invoice, name: str, offset: int) -> DueInvoice:
    return DueInvoice(
        invoice_id=invoice.id,
        customer_id=invoice.customer_id,
        customer_name=name,
        concept=invoice.concept_text or invoice.id,
        amount=invoice.outstanding,
        due_date=invoice.due_date,
        day_offset=offset,
    )
