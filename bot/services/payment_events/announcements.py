"""Who is told what about an invoice's payment, through the notifier's outbox.

- paid (INVOICE_PAID, PAYMENT_ATTEMPT_SUCCEEDED, or the poller): the linked parents (a receipt)
  and the staff member who issued the invoice (``WatchRepo.issued_by``, if still staff or an
  admin when the notice is queued, and not one of the office's chats, which get the office's
  notice instead: one notice per payment per chat); the watch is settled.
- PAYMENT_ATTEMPT_FAILED on an invoice still open: the parents (with a Pay button) and the issuer,
  told of a card declined on the payment page, or of the saved card when the school charged it.
- INVOICE_CREATED (made in Quentli's dashboard): the parents, with a Pay button. Invoices issued
  from the bot are announced by staff's /invoice under the same dedupe key, so never twice.

Receipts use the dedupe key ``paid:<invoice_id>``, shared with the poller and with staff's
mark-paid, so a parent gets one receipt per invoice whoever noticed first.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from bot.quentli import Invoice, Payment, PaymentType, QuentliClient, QuentliError
from bot.services.notifications import (
    Money,
    Notifier,
    charge_failed_key,
    invoice_created_key,
    paid_key,
)
from bot.services.office import Office
from bot.services.payment_methods import PaymentMethod
from bot.services.receipts import ONLINE, How, Receipt, Receipts, charged_by_school
from bot.store import Repositories, utc_now

__all__ = ["PaymentAnnouncer"]

log = logging.getLogger(__name__)


class PaymentAnnouncer:
    """Queues the notices of paid, failed and new invoices, each once.

    Args:
        quentli: the API client (a customer's name when no linked chat has it).
        repos: the store (watches, links, staff).
        notifier: queues the messages.
        admin_ids: BOT_ADMIN_IDS (issuers who are staff without a row in the staff table).
        receipts: the receipts' builder (default: one without the school's name).
        office: the office's notices (every payment, every failed charge), once per invoice.
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        notifier: Notifier,
        admin_ids: Collection[int] = (),
        receipts: Receipts | None = None,
        office: Office | None = None,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._notifier = notifier
        self.receipts = receipts or Receipts(notifier)
        self._office = office
        # Admins (BOT_ADMIN_IDS) are staff too: an invoice they issued tells them its outcome.
        self.admin_ids: frozenset[int] = frozenset(admin_ids)

    async def announce_paid(self, invoice: Invoice) -> int:
        """Send the receipt of a paid invoice (once per chat) and settle its watch.

        Safe to call from anywhere, any number of times: the dedupe key ``paid:<id>`` makes
        every chat get one receipt. How it was paid is read from Quentli's payment (and the
        ledger, for a saved card the school charged); it is the payment's reference.

        Returns:
            The number of parents' chats addressed.
        """
        values = _invoice_values(invoice)
        name = await self._customer_name(invoice.customer_id)
        payment = await self._payment(invoice.paid_with_id)
        paid_at = (
            (payment.payment_time if payment is not None else None)
            or invoice.updated_at
            or utc_now()
        )
        receipt = Receipt(
            invoice_id=invoice.id,
            customer_id=invoice.customer_id,
            name=name,
            concept=values["concept"],
            amount=invoice.total_amount,
            paid_on=paid_at,
            how=await self._how_paid(invoice, payment),
            reference=invoice.paid_with_id or invoice.id,
        )
        count = await self.receipts.send(receipt)
        await self._to_issuer(
            invoice.id,
            "notify.paid_staff",
            dedupe_key=f"staff-{paid_key(invoice.id)}",
            name=name,
            paid_on=paid_at,
            **values,
        )
        if self._office is not None:
            await self._office.paid(receipt)
        await self._repos.watches.settle(invoice.id)
        return count

    async def _payment(self, payment_id: str | None) -> Payment | None:
        """Quentli's payment of a paid invoice, or None (none named, or not readable now)."""
        if payment_id is None:
            return None
        try:
            return await self._quentli.get_payment(payment_id)
        except QuentliError as exc:
            log.info("the payment of a paid invoice was not read: %s", type(exc).__name__)
            return None

    async def _how_paid(self, invoice: Invoice, payment: Payment | None) -> How:
        """The saved card when the school charged it (/cargar), a card on the payment page
        for Quentli's card payments, "at the school" for payments recorded by hand."""
        if await charged_by_school(self._repos, invoice.id, invoice.paid_with_id):
            return PaymentMethod.SAVED_CARD
        if payment is None or payment.type is None or payment.type == PaymentType.DIRECT_DEBIT:
            return ONLINE
        if payment.type == PaymentType.CARD:
            return PaymentMethod.CARD_PAGE
        # any other type is a payment recorded by hand (mark-paid; "OTHER"), as /corte reads it
        return None

    async def charge_failed(
        self, invoice: Invoice, event_id: str, payment_id: str | None = None
    ) -> None:
        """Tell the parents (with a Pay button) and the issuer that a card payment of the still
        open ``invoice`` failed (once per event): worded as the school's charge of the saved
        card only when the ledger has that /cargar (``payment_id``: the failed attempt's
        payment), otherwise as a card declined on the payment page."""
        key = charge_failed_key(invoice.id, event_id)
        if await charged_by_school(self._repos, invoice.id, payment_id):
            parents_key, staff_key = "notify.charge_failed", "notify.charge_failed_staff"
        else:
            parents_key, staff_key = "notify.page_declined", "notify.page_declined_staff"
        name = await self._customer_name(invoice.customer_id)
        values = _invoice_values(invoice)
        await self._notifier.to_customer(
            invoice.customer_id,
            parents_key,
            dedupe_key=key,
            pay_invoice_id=invoice.id,
            name=name,
            **values,
        )
        await self._to_issuer(
            invoice.id,
            staff_key,
            dedupe_key=f"staff-{key}",
            name=name,
            **values,
        )
        if self._office is not None:
            await self._office.charge_failed(invoice.id, event_id, name=name, **values)

    async def invoice_created(self, invoice: Invoice) -> None:
        """Tell the parents, with a Pay button, of an invoice made in Quentli's dashboard."""
        watch = await self._repos.watches.get(invoice.id)
        if watch is not None and watch.issued_by is not None:
            return  # issued from the bot: staff's /invoice tells the parents itself
        if (invoice.meta or {}).get("bulkRow"):
            return  # a row of /bulk: its batch tells each chat once, for all its invoices
        await self._notifier.to_customer(
            invoice.customer_id,
            "notify.invoice_created",
            dedupe_key=invoice_created_key(invoice.id),
            pay_invoice_id=invoice.id,
            name=await self._customer_name(invoice.customer_id),
            due=invoice.due_date,
            **_invoice_values(invoice),
        )

    async def _to_issuer(
        self, invoice_id: str, key: str, *, dedupe_key: str, **values: Any
    ) -> None:
        """Queue ``key`` for the staff member who issued the invoice from the bot, if one did."""
        watch = await self._repos.watches.get(invoice_id)
        if watch is None or watch.issued_by is None:
            return
        if not await self._is_staff(watch.issued_by):
            log.info("the issuer of an invoice is no longer staff: not told")
            return
        if self._office is not None and watch.issued_by in self._office.chats:
            return  # the issuer's chat is the office's: its notice says it, once
        await self._notifier.to_user(
            watch.issued_by, key, dedupe_key=dedupe_key, invoice_id=invoice_id, **values
        )

    async def _is_staff(self, user_id: int) -> bool:
        """Staff or admin now (read from the store on every call)."""
        return user_id in self.admin_ids or await self._repos.staff.is_staff(user_id)

    async def _customer_name(self, customer_id: str) -> str:
        links = await self._repos.links.chats_for_customer(customer_id, active_only=False)
        if links:
            return links[0].customer_name
        try:
            return (await self._quentli.get_customer(customer_id)).name
        except QuentliError:
            return customer_id


def _invoice_values(invoice: Invoice) -> dict[str, Any]:
    return {
        "concept": invoice.concept_text or invoice.id,
        "amount": Money(invoice.total_amount),
    }
