"""What a parent can ask in chat: what is owed, a fresh payment link, the balance, the portal.

Every invoice or customer a parent acts on is checked here against the chat's ACTIVE links,
whatever the button said (SPEC rule 7). An invoice of another family answers exactly like one
that does not exist (rule 1): :class:`NotFound`, and no payment link is ever requested for it.

Round trips: :meth:`ParentService.owed` makes ONE list call for every linked customer
(``customerId in [...]``); customer names come from the link rows, not from Quentli.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from bot.quentli import Invoice, NotFoundError, Payment, PaymentLink, PortalSession, QuentliClient
from bot.store import Link, Repositories, utc_now

__all__ = [
    "AlreadyPaid",
    "Canceled",
    "Link",
    "LinkReady",
    "NotFound",
    "Owed",
    "OwedInvoice",
    "ParentService",
    "PayOutcome",
    "RecentPayment",
    "Status",
    "looks_like_id",
]

LAST_PAYMENTS = 5
_ID = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
#: Sorts a payment without a time after every other.
_NEVER = datetime.min.replace(tzinfo=UTC)


def looks_like_id(value: str) -> bool:
    """True for a plausible Quentli id (letters, digits, ``_``, ``-``; at most 60)."""
    return bool(_ID.match(value))


@dataclass(frozen=True, slots=True)
class OwedInvoice:
    """One unpaid invoice, with the name of the linked customer it belongs to."""

    invoice: Invoice
    customer_name: str


@dataclass(frozen=True, slots=True)
class Owed:
    """The unpaid, uncancelled invoices of every customer linked to a chat, by due date."""

    links: list[Link]
    invoices: list[OwedInvoice]
    now: datetime

    @property
    def total(self) -> int:
        """Centavos still owed."""
        return sum(item.invoice.outstanding for item in self.invoices)

    @property
    def overdue(self) -> list[OwedInvoice]:
        """The invoices past their due date."""
        return [item for item in self.invoices if item.invoice.is_overdue(self.now)]

    @property
    def overdue_total(self) -> int:
        """Centavos past their due date."""
        return sum(item.invoice.outstanding for item in self.overdue)


@dataclass(frozen=True, slots=True)
class RecentPayment:
    """A completed payment of a linked customer."""

    payment: Payment
    customer_name: str

    @property
    def when(self) -> datetime | None:
        """When it was paid (payment time, else creation time)."""
        return self.payment.payment_time or self.payment.created_at


@dataclass(frozen=True, slots=True)
class Status:
    """What /status shows: the owed invoices and the last payments."""

    owed: Owed
    payments: list[RecentPayment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LinkReady:
    """A fresh payment link for an invoice of this chat. ``link.url`` is a credential."""

    link: PaymentLink
    invoice: Invoice
    customer_name: str


@dataclass(frozen=True, slots=True)
class AlreadyPaid:
    """The invoice is this chat's and is paid."""

    invoice: Invoice
    customer_name: str


@dataclass(frozen=True, slots=True)
class Canceled:
    """The invoice is this chat's and was cancelled."""

    invoice: Invoice
    customer_name: str


@dataclass(frozen=True, slots=True)
class NotFound:
    """No such invoice, or not one of this chat's customers (the two are never told apart)."""


PayOutcome = LinkReady | AlreadyPaid | Canceled | NotFound


def customers_filter(customer_ids: list[str]) -> Any:
    """``customerId`` equal to one id, or ``in`` several."""
    if len(customer_ids) == 1:
        return customer_ids[0]
    return {"in": customer_ids}


class ParentService:
    """Parents' self-service over Quentli and the store.

    Args:
        quentli: the API client.
        repos: the store (links, watches).
        now: the clock (tests may move it).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        *,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._now = now

    async def links(self, chat_id: int) -> list[Link]:
        """The chat's active links (empty: not a parent's chat)."""
        return await self._repos.links.customers_for_chat(chat_id)

    async def owed(self, chat_id: int, links: list[Link] | None = None) -> Owed:
        """Every unpaid, uncancelled invoice of the chat's customers, oldest due date first.

        One Quentli call (a filtered list); each invoice found is watched so the poller can
        tell the parents when it gets paid.

        Raises:
            QuentliError: Quentli failed (after the client's read retries).
        """
        links = await self.links(chat_id) if links is None else links
        if not links:
            return Owed(links=[], invoices=[], now=self._now())
        names = {link.customer_id: link.customer_name for link in links}
        found = await self._quentli.all_invoices(
            {"customerId": customers_filter(list(names)), "isPaid": False},
            order_by={"dueDate": "asc"},
        )
        invoices = [
            OwedInvoice(invoice, names[invoice.customer_id])
            for invoice in found
            if invoice.customer_id in names and invoice.outstanding > 0
        ]
        invoices.sort(key=lambda item: (item.invoice.due_date, item.invoice.id))
        await self._repos.watches.watch_all(
            [(item.invoice.id, item.invoice.customer_id) for item in invoices]
        )
        return Owed(links=links, invoices=invoices, now=self._now())

    async def status(self, chat_id: int) -> Status:
        """What is owed and the last payments (two Quentli calls, made together).

        Raises:
            QuentliError: Quentli failed.
        """
        links = await self.links(chat_id)
        if not links:
            return Status(owed=Owed(links=[], invoices=[], now=self._now()))
        names = {link.customer_id: link.customer_name for link in links}
        owed, payments = await asyncio.gather(
            self.owed(chat_id, links),
            self._quentli.list_payments(
                {"customerId": customers_filter(list(names)), "isCompleted": True},
                take=LAST_PAYMENTS,
                order_by={"createdAt": "desc"},
            ),
        )
        recent = [
            RecentPayment(payment, names.get(payment.customer_id or "", ""))
            for payment in payments
            if payment.customer_id is None or payment.customer_id in names
        ]
        # Listed by the day shown (a payment recorded today may be dated yesterday), newest
        # first; Quentli orders them by creation.
        recent.sort(key=lambda paid: paid.when or _NEVER, reverse=True)
        return Status(owed=owed, payments=recent[:LAST_PAYMENTS])

    async def payment_link(self, chat_id: int, invoice_id: str) -> PayOutcome:
        """A fresh payment link for ``invoice_id``, only if it belongs to a linked customer.

        The invoice is read first (``GET /v1/invoices/{id}``) and its ``customerId`` compared
        with the chat's active links; only then is the link requested.

        Raises:
            QuentliError: Quentli failed (other than "not found").
        """
        if not looks_like_id(invoice_id):
            return NotFound()
        names = {link.customer_id: link.customer_name for link in await self.links(chat_id)}
        if not names:
            return NotFound()
        try:
            invoice = await self._quentli.get_invoice(invoice_id)
        except NotFoundError:
            return NotFound()
        name = names.get(invoice.customer_id)
        if name is None:
            return NotFound()
        if invoice.is_paid:
            return AlreadyPaid(invoice, name)
        if invoice.is_canceled:
            return Canceled(invoice, name)
        await self._repos.watches.watch(invoice.id, invoice.customer_id, None)
        try:
            link = await self._quentli.get_payment_link(invoice.id)
        except NotFoundError:
            return NotFound()
        return LinkReady(link, invoice, name)

    async def portal_link(self, chat_id: int, customer_id: str) -> PortalSession | None:
        """A one-time portal URL for a customer linked to this chat; None otherwise.

        Raises:
            QuentliError: Quentli failed.
        """
        if not looks_like_id(customer_id):
            return None
        if not await self._repos.links.is_linked(chat_id, customer_id):
            return None
        return await self._quentli.create_customer_portal_session(customer_id)
