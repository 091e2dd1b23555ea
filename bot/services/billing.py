"""Staff money operations with exactly-once Confirm buttons, and the reads around them, without
Telegram.

:class:`BillingService` is the exactly-once engine (bot.services.operations) over the
registry of operation kinds (bot.services.billing_kinds), with one ``propose_*`` method per
kind and the Quentli reads the staff commands need before proposing: an invoice with its
customer, a customer, a payment link, a customer's overview.

Amounts are int centavos throughout; payloads and results are typed models stored as JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, tzinfo

from bot.quentli import (
    Customer,
    Invoice,
    NotFoundError,
    PaymentLink,
    QuentliClient,
    QuentliError,
)
from bot.services.billing_kinds import (
    CHARGE,
    CREATE_CHECKOUT,
    CREATE_INVOICE,
    KINDS,
    MARK_PAID,
    VOID,
)
from bot.services.billing_payloads import (
    ChargePayload,
    CheckoutDraft,
    CheckoutPayload,
    InvoiceDraft,
    InvoicePayload,
    MarkPaidPayload,
    VoidPayload,
)
from bot.services.billing_results import CustomerOverview, InvoiceLookup, Proposal
from bot.services.notifications import Notifier
from bot.services.office import Office
from bot.services.operations import OperationEngine
from bot.services.payment_methods import PaymentMethod
from bot.services.receipts import Receipts
from bot.store import Repositories

__all__ = ["BillingService", "CustomerOverview", "InvoiceLookup"]

log = logging.getLogger(__name__)


class BillingService(OperationEngine):
    """Proposes and confirms staff money operations exactly once; reads what they need.

    Args:
        quentli: the Quentli client.
        repos: the store (operations, audit, watches, links).
        tz: the school's time zone (due dates are 00:00 there).
        notifier: queues the parents' notices.
        now: the clock (aware UTC) for a mark-paid's "now" and the Confirm expiry (tests).
        receipts: the receipts' builder (default: one without the school's name).
        office: the office's notices (a payment recorded, a failed charge).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        tz: tzinfo,
        *,
        notifier: Notifier,
        now: Callable[[], datetime] | None = None,
        receipts: Receipts | None = None,
        office: Office | None = None,
    ) -> None:
        super().__init__(
            quentli, repos, KINDS, notifier=notifier, now=now, receipts=receipts, office=office
        )
        self.tz = tz

    # -- reads ---------------------------------------------------------------------------------

    async def look_up_invoice(self, invoice_id: str) -> InvoiceLookup:
        """The invoice and its customer.

        Raises:
            NotFoundError: no such invoice.
            QuentliError: Quentli failed (a read: nothing changed).
        """
        invoice = await self.quentli.get_invoice(invoice_id)
        try:
            customer: Customer | None = await self.quentli.get_customer(invoice.customer_id)
        except NotFoundError:
            customer = None
        return InvoiceLookup(invoice, customer)

    async def customer(self, customer_id: str) -> Customer:
        """The customer ``customer_id``.

        Raises:
            NotFoundError: no such customer.
            QuentliError: Quentli failed.
        """
        return await self.quentli.get_customer(customer_id)

    async def payment_link(self, invoice_id: str) -> PaymentLink:
        """A fresh payment link of the invoice (a credential: never log it).

        Raises:
            QuentliError: Quentli failed.
        """
        return await self.quentli.get_payment_link(invoice_id)

    async def has_saved_card(self, customer_id: str) -> bool:
        """True when the customer has a usable saved method for /charge.

        Raises:
            QuentliError: Quentli failed (a read: nothing changed).
        """
        methods = await self.quentli.list_payment_methods(customer_id)
        return any(m.confirmed and not m.expired for m in methods)

    async def open_invoices(self, customer_id: str) -> list[Invoice]:
        """Every unpaid, not cancelled invoice of the customer, oldest due date first.

        Raises:
            QuentliError: Quentli failed (a read: nothing changed).
        """
        invoices = await self.quentli.all_invoices({"customerId": customer_id, "isPaid": False})
        return sorted(
            (
                i
                for i in invoices
                if i.customer_id == customer_id and i.outstanding > 0 and not i.is_canceled
            ),
            key=lambda i: (i.due_date, i.id),
        )

    async def overview(
        self, customer: Customer, now: datetime, audit_rows: int = 5
    ) -> CustomerOverview:
        """Open invoices with totals, whether a card is saved, linked chats (active and
        inactive) and the recent audit rows of ``customer``.

        Raises:
            QuentliError: Quentli failed (a read: nothing changed).
        """
        open_invoices = await self.open_invoices(customer.id)
        chats = await self.repos.links.chats_for_customer(customer.id, active_only=False)
        active = sum(1 for link in chats if link.active)
        recent = await self.repos.audit.recent(audit_rows, customer_id=customer.id)
        return CustomerOverview(
            customer=customer,
            open_invoices=open_invoices,
            owed=sum(i.outstanding for i in open_invoices),
            overdue=sum(i.outstanding for i in open_invoices if i.is_overdue(now)),
            active_chats=active,
            inactive_chats=len(chats) - active,
            recent=recent,
            chats=tuple(chats),
            has_card=await self._saved_card_or_none(customer.id),
            actor_names=await self.repos.people.names(
                e.actor_id for e in recent if e.actor_id is not None
            ),
            chat_names=await self.repos.people.names(link.chat_id for link in chats),
        )

    async def _saved_card_or_none(self, customer_id: str) -> bool | None:
        # The card still shows when Quentli cannot say (its API is beta): "unknown", and
        # /charge asks again when it is pressed.
        try:
            return await self.has_saved_card(customer_id)
        except QuentliError as exc:
            log.warning("saved payment methods unreadable: %s", type(exc).__name__)
            return None

    # -- proposals (before the summary is shown) -----------------------------------------------

    async def propose_invoice(
        self, draft: InvoiceDraft, created_by: int
    ) -> Proposal[InvoicePayload]:
        """Record a new invoice to confirm."""
        return await self.propose(CREATE_INVOICE, InvoicePayload.of(draft, self.tz), created_by)

    async def propose_checkout(
        self, draft: CheckoutDraft, created_by: int
    ) -> Proposal[CheckoutPayload]:
        """Record a checkout to confirm."""
        payload = CheckoutPayload.of(draft, self.tz)
        return await self.propose(CREATE_CHECKOUT, payload, created_by)

    async def propose_mark_paid(
        self,
        found: InvoiceLookup,
        paid_on: date | None,
        created_by: int,
        method: PaymentMethod | None = None,
    ) -> Proposal[MarkPaidPayload]:
        """Record a mark-paid to confirm (the payment time is fixed now), with how it was
        paid (kept in the ledger and the audit)."""
        payload = MarkPaidPayload.of(
            found.invoice, found.customer_name, paid_on, self._now(), self.tz, method
        )
        return await self.propose(MARK_PAID, payload, created_by)

    async def propose_charge(
        self, found: InvoiceLookup, created_by: int
    ) -> Proposal[ChargePayload]:
        """Record a charge to confirm."""
        payload = ChargePayload.of(found.invoice, found.customer_name)
        return await self.propose(CHARGE, payload, created_by)

    async def propose_void(self, found: InvoiceLookup, created_by: int) -> Proposal[VoidPayload]:
        """Record a cancellation (``/void``) to confirm."""
        return await self.propose(
            VOID, VoidPayload.of(found.invoice, found.customer_name), created_by
        )
