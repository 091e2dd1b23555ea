"""Who is told what about an invoice's payment, through the notifier's outbox.

- paid (INVOICE_PAID, PAYMENT_ATTEMPT_SUCCEEDED, or the poller): the linked parents (a receipt)
  and the staff member who issued the invoice (``WatchRepo.issued_by``, if still staff or an
  admin when the notice is queued); the watch is settled.
- PAYMENT_ATTEMPT_FAILED on an invoice still open: the parents (with a Pay button) and the issuer.
- INVOICE_CREATED (made in Quentli's dashboard): the parents, with a Pay button. Invoices issued
  from the bot are announced by staff's /invoice under the same dedupe key, so never twice.

Receipts use the dedupe key ``paid:<invoice_id>``, shared with the poller and with staff's
mark-paid, so a parent gets one receipt per invoice whoever noticed first.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Any

from bot.quentli import Invoice, QuentliClient, QuentliError
from bot.services.notifications import (
    Money,
    Notifier,
    charge_failed_key,
    invoice_created_key,
    paid_key,
)
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
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        notifier: Notifier,
        admin_ids: Collection[int] = (),
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._notifier = notifier
        # Admins (BOT_ADMIN_IDS) are staff too: an invoice they issued tells them its outcome.
        self.admin_ids: frozenset[int] = frozenset(admin_ids)

    async def announce_paid(self, invoice: Invoice) -> int:
        """Send the receipt of a paid invoice (once per chat) and settle its watch.

        Safe to call from anywhere, any number of times: the dedupe key ``paid:<id>`` makes
        every chat get one receipt.

        Returns:
            The number of parents' chats addressed.
        """
        values = _invoice_values(invoice)
        paid_at = invoice.updated_at or utc_now()
        name = await self._customer_name(invoice.customer_id)
        count = await self._notifier.to_customer(
            invoice.customer_id,
            "notify.paid",
            dedupe_key=paid_key(invoice.id),
            name=name,
            paid_on=paid_at,
            **values,
        )
        await self._to_issuer(
            invoice.id,
            "notify.paid_staff",
            dedupe_key=f"staff-{paid_key(invoice.id)}",
            name=name,
            paid_on=paid_at,
            **values,
        )
        await self._repos.watches.settle(invoice.id)
        return count

    async def charge_failed(self, invoice: Invoice, event_id: str) -> None:
        """Tell the parents (with a Pay button) and the issuer that a charge of the still open
        ``invoice`` failed (once per event)."""
        key = charge_failed_key(invoice.id, event_id)
        name = await self._customer_name(invoice.customer_id)
        values = _invoice_values(invoice)
        await self._notifier.to_customer(
            invoice.customer_id,
            "notify.charge_failed",
            dedupe_key=key,
            pay_invoice_id=invoice.id,
            name=name,
            **values,
        )
        await self._to_issuer(
            invoice.id,
            "notify.charge_failed_staff",
            dedupe_key=f"staff-{key}",
            name=name,
            **values,
        )

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
