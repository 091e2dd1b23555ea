"""Payment events from Quentli (webhooks) and the poller that catches what webhooks miss.

A webhook is only a hint: the invoice is re-read (``GET /v1/invoices/{id}``) before anyone is
told anything, so a forged or stale event changes nothing. Each ``eventId`` takes effect once
(``EventRepo``). Receipts use the dedupe key ``paid:<invoice_id>``, shared with the poller and with
staff's mark-paid, so a parent gets one receipt per invoice whoever noticed first.

Who is told:
- paid (INVOICE_PAID, PAYMENT_ATTEMPT_SUCCEEDED, or the poller): the linked parents (a receipt)
  and the staff member who issued the invoice (``WatchRepo.issued_by``); the watch is settled.
- PAYMENT_ATTEMPT_FAILED on an invoice still open: the parents (with a Pay button) and the issuer.
- INVOICE_CREATED (made in Quentli's dashboard): the parents, with a Pay button. Invoices issued
  from the bot are announced by staff's /invoice under the same dedupe key, so never twice.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.background import finish_or_cancel
from bot.quentli import Invoice, NotFoundError, QuentliClient, QuentliError
from bot.services.notifications import (
    Money,
    Notifier,
    charge_failed_key,
    invoice_created_key,
    paid_key,
)
from bot.store import Repositories, utc_now

__all__ = ["HANDLED_EVENTS", "PaymentEvent", "PaymentEvents", "parse_event"]

log = logging.getLogger(__name__)

HANDLED_EVENTS = frozenset(
    {"INVOICE_CREATED", "INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED", "PAYMENT_ATTEMPT_FAILED"}
)
_PAID_EVENTS = frozenset({"INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED"})
POLL_CONCURRENCY = 5
CREATED_GRACE = 3.0


@dataclass(frozen=True, slots=True)
class PaymentEvent:
    """The parts of a Quentli webhook body the bot uses."""

    event_id: str
    event_type: str
    invoice_id: str
    customer_id: str | None
    customer_name: str | None
    body: Mapping[str, Any]


def _text(value: Any, limit: int = 200) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= limit:
        return value
    return None


def parse_event(body: Any) -> PaymentEvent | None:
    """The event in a webhook body, or None when it is malformed.

    Raises nothing: anything unexpected is None (the route answers 400).
    """
    if not isinstance(body, Mapping):
        return None
    event_id, event_type = _text(body.get("eventId")), _text(body.get("eventType"))
    data = body.get("data")
    if event_id is None or event_type is None or not isinstance(data, Mapping):
        return None
    invoice_id = _text(data.get("invoiceId"), 100)
    customer = data.get("customer")
    customer_id = customer_name = None
    if isinstance(customer, Mapping):
        customer_id = _text(customer.get("id"), 100) or _text(customer.get("customerId"), 100)
        customer_name = _text(customer.get("name"))
    if invoice_id is None:
        return None
    return PaymentEvent(event_id, event_type, invoice_id, customer_id, customer_name, body)


class PaymentEvents:
    """Turns payment events and poll results into notifications.

    Args:
        quentli: the API client (to confirm every event).
        repos: the store (events, watches, links).
        notifier: queues the messages.
        webhook_secret: the secret path segment of the receiver; None switches it off.
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        notifier: Notifier,
        *,
        webhook_secret: str | None,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._notifier = notifier
        self._secret = webhook_secret.encode() if webhook_secret else None
        self._tasks: set[asyncio.Task[None]] = set()
        # INVOICE_CREATED waits this long first: an invoice issued from the bot is then already
        # watched with its issuer, and staff's /invoice (not this event) tells the parents.
        self.created_grace = CREATED_GRACE

    def __repr__(self) -> str:
        return f"PaymentEvents(receiver={'on' if self._secret else 'off'})"

    @property
    def receiver_on(self) -> bool:
        """True when a webhook secret is set."""
        return self._secret is not None

    @property
    def webhook_secret(self) -> str | None:
        """The secret path segment (for the in-process sandbox's webhook URL). Never log it."""
        return self._secret.decode() if self._secret else None

    def secret_matches(self, candidate: str) -> bool:
        """Constant-time comparison with the secret; always False while it is unset."""
        if self._secret is None:
            return False
        return hmac.compare_digest(candidate.encode(), self._secret)

    # -- webhooks ---------------------------------------------------------------------------

    async def accept(self, event: PaymentEvent) -> bool:
        """Remember the event; True the first time it is seen (then :meth:`spawn` it)."""
        if event.event_type not in HANDLED_EVENTS:
            return False
        return await self._repos.events.remember(event.event_id, event.event_type, event.body)

    def spawn(self, event: PaymentEvent) -> None:
        """Handle the event in the background, so the webhook is answered at once."""
        task = asyncio.create_task(self._handle_logged(event), name="quentli-event")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, grace: float = 10.0) -> None:
        """Wait for events being handled (at shutdown), cancelling what is still late."""
        await finish_or_cancel(self._tasks, grace)

    async def _handle_logged(self, event: PaymentEvent) -> None:
        try:
            await self.handle(event)
        except Exception as exc:
            # Forget it so a redelivery is handled; paid invoices are also caught by the poller.
            log.warning(
                "Quentli event %s (%s) failed: %s",
                event.event_type,
                event.event_id,
                type(exc).__name__,
                exc_info=not isinstance(exc, QuentliError),
            )
            await self._repos.events.forget(event.event_id)

    async def handle(self, event: PaymentEvent) -> None:
        """Confirm the event with Quentli and tell whom it concerns.

        Raises:
            QuentliError: Quentli could not confirm it (other than "not found").
        """
        if event.event_type == "INVOICE_CREATED" and self.created_grace > 0:
            await asyncio.sleep(self.created_grace)
        if event.customer_id is not None:
            # Watched before confirming: if Quentli fails now, the poller still finds it.
            await self._repos.watches.watch(event.invoice_id, event.customer_id, None)
        try:
            invoice = await self._quentli.get_invoice(event.invoice_id)
        except NotFoundError:
            log.warning("Quentli event %s names an unknown invoice", event.event_id)
            return
        if event.customer_id is None:
            await self._repos.watches.watch(invoice.id, invoice.customer_id, None)
        if invoice.is_paid:
            # Whatever the event said, a paid invoice gets its (single) receipt.
            await self.announce_paid(invoice)
            return
        if invoice.is_canceled:
            await self._repos.watches.settle(invoice.id)
            return
        if event.event_type in _PAID_EVENTS:
            log.info("Quentli event %s: the invoice is not paid (ignored)", event.event_id)
        elif event.event_type == "PAYMENT_ATTEMPT_FAILED":
            await self._charge_failed(invoice, event)
        elif event.event_type == "INVOICE_CREATED":
            await self._created(invoice, event)

    async def _charge_failed(self, invoice: Invoice, event: PaymentEvent) -> None:
        key = charge_failed_key(invoice.id, event.event_id)
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

    async def _created(self, invoice: Invoice, event: PaymentEvent) -> None:
        watch = await self._repos.watches.get(invoice.id)
        if watch is not None and watch.issued_by is not None:
            return  # issued from the bot: staff's /invoice tells the parents itself
        await self._notifier.to_customer(
            invoice.customer_id,
            "notify.invoice_created",
            dedupe_key=invoice_created_key(invoice.id),
            pay_invoice_id=invoice.id,
            name=await self._customer_name(invoice.customer_id),
            due=invoice.due_date,
            **_invoice_values(invoice),
        )

    # -- receipts ---------------------------------------------------------------------------

    async def announce_paid(self, invoice: Invoice, *, customer_name: str | None = None) -> int:
        """Send the receipt of a paid invoice (once per chat) and settle its watch.

        Safe to call from anywhere, any number of times: the dedupe key ``paid:<id>`` makes
        every chat get one receipt.

        Returns:
            The number of parents' chats addressed.
        """
        values = _invoice_values(invoice)
        paid_at = invoice.updated_at or utc_now()
        name = customer_name or await self._customer_name(invoice.customer_id)
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

    async def _to_issuer(
        self, invoice_id: str, key: str, *, dedupe_key: str, **values: Any
    ) -> None:
        """Queue ``key`` for the staff member who issued the invoice from the bot, if one did."""
        watch = await self._repos.watches.get(invoice_id)
        if watch is not None and watch.issued_by is not None:
            await self._notifier.to_user(
                watch.issued_by, key, dedupe_key=dedupe_key, invoice_id=invoice_id, **values
            )

    async def _customer_name(self, customer_id: str) -> str:
        links = await self._repos.links.chats_for_customer(customer_id, active_only=False)
        if links:
            return links[0].customer_name
        try:
            return (await self._quentli.get_customer(customer_id)).name
        except QuentliError:
            return customer_id

    # -- poller -----------------------------------------------------------------------------

    async def poll_once(self) -> int:
        """Re-read every open watched invoice; send receipts for the paid ones.

        Returns:
            How many invoices were found paid (their receipts are queued once).
        """
        watches = await self._repos.watches.open_watches()
        if not watches:
            return 0
        limit = asyncio.Semaphore(POLL_CONCURRENCY)
        paid = 0

        async def check(invoice_id: str) -> None:
            nonlocal paid
            async with limit:
                try:
                    invoice = await self._quentli.get_invoice(invoice_id)
                except NotFoundError:
                    await self._repos.watches.settle(invoice_id)
                    return
                except QuentliError as exc:
                    log.info("poller: invoice not read (%s); next round", type(exc).__name__)
                    return
            if invoice.is_paid:
                paid += 1
                await self.announce_paid(invoice)
            elif invoice.is_canceled:
                await self._repos.watches.settle(invoice.id)

        await asyncio.gather(*(check(w.invoice_id) for w in watches))
        return paid


def _invoice_values(invoice: Invoice) -> dict[str, Any]:
    return {
        "concept": invoice.concept_text or invoice.id,
        "amount": Money(invoice.total_amount),
    }
