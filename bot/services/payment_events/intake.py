"""Quentli's webhook events: remembered once, confirmed with Quentli, then announced.

A webhook is only a hint: the invoice is re-read (``GET /v1/invoices/{id}``) before anyone is
told anything, so a forged or stale event changes nothing. Each ``eventId`` takes effect once
(``EventRepo``), and none is lost: an event is stored before Quentli gets its 200 and stays
unprocessed until handled, so one whose handling failed (Quentli down) or was cut short (a crash)
is handled by a later poller round (:meth:`EventIntake.retry_events`). Whom each event tells is
bot.services.payment_events.announcements.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.background import finish_or_cancel
from bot.quentli import NotFoundError, QuentliClient, QuentliError
from bot.services.payment_events.announcements import PaymentAnnouncer
from bot.store import Repositories, utc_now

__all__ = ["HANDLED_EVENTS", "POLL_CONCURRENCY", "EventIntake", "PaymentEvent", "parse_event"]

log = logging.getLogger(__name__)

HANDLED_EVENTS = frozenset(
    {"INVOICE_CREATED", "INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED", "PAYMENT_ATTEMPT_FAILED"}
)
_PAID_EVENTS = frozenset({"INVOICE_PAID", "PAYMENT_ATTEMPT_SUCCEEDED"})
POLL_CONCURRENCY = 5
CREATED_GRACE = 3.0
# An event not handled within this time (Quentli down for days) is given up, with a warning.
EVENT_RETRY_WINDOW = timedelta(days=2)
RETRY_BATCH = 100


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


class EventIntake:
    """Remembers webhook events, then confirms each with Quentli and announces it, once.

    Args:
        quentli: the API client (to confirm every event).
        repos: the store (events, watches).
        announcer: tells whom an event concerns.
        webhook_secret: the secret path segment of the receiver; None switches it off.
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        announcer: PaymentAnnouncer,
        *,
        webhook_secret: str | None,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self._announcer = announcer
        self._secret = webhook_secret.encode() if webhook_secret else None
        self._tasks: set[asyncio.Task[bool]] = set()
        # Event ids being handled now (by a webhook's task or a poller round): never twice.
        self._in_flight: set[str] = set()
        # INVOICE_CREATED waits this long first: an invoice issued from the bot is then already
        # watched with its issuer, and staff's /invoice (not this event) tells the parents.
        self.created_grace = CREATED_GRACE

    def __repr__(self) -> str:
        return f"{type(self).__name__}(receiver={'on' if self._secret else 'off'})"

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

    async def receive(self, event: PaymentEvent) -> bool:
        """Remember a delivered event in SQLite, then handle it in the background.

        Called before Quentli is answered: once this returns, the event is durable. It is
        marked processed only when handled; a failed handling (or a crash) leaves it for
        :meth:`retry_events`. A redelivery of an event already processed, or being handled,
        changes nothing; a redelivery of one still unprocessed is handled again now.

        Returns:
            True when it is being handled now; False when it is not a handled type or is
            already processed or in hand.

        Raises:
            Exception: the store failed (nothing remembered: answer 5xx so Quentli redelivers).
        """
        if event.event_type not in HANDLED_EVENTS or event.event_id in self._in_flight:
            return False
        self._in_flight.add(event.event_id)
        try:
            grace = self.created_grace
            if not await self._repos.events.remember(event.event_id, event.event_type, event.body):
                stored = await self._repos.events.get(event.event_id)
                if stored is None or stored.processed_at is not None:
                    self._in_flight.discard(event.event_id)
                    return False
                grace = self._grace_left(stored.received_at)
        except BaseException:
            self._in_flight.discard(event.event_id)
            raise
        task = asyncio.create_task(self._process(event, grace), name="quentli-event")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def drain(self, grace: float = 10.0) -> None:
        """Wait for events being handled (at shutdown), cancelling what is still late.

        A cancelled event stays unprocessed in SQLite: the next run's poller handles it.
        """
        await finish_or_cancel(self._tasks, grace)

    async def retry_events(self) -> int:
        """Handle again the events whose handling failed or was cut short (poller rounds).

        An event older than ``EVENT_RETRY_WINDOW`` is given up (logged); dedupe keys make a
        retry that overlaps an earlier partial handling send nothing twice.

        Returns:
            How many events were handled now.
        """
        stored = await self._repos.events.unprocessed(RETRY_BATCH)
        now = utc_now()
        todo: list[tuple[PaymentEvent, float]] = []
        for row in stored:
            if row.event_id in self._in_flight:
                continue
            event = parse_event(row.payload)
            if event is None or event.event_type not in HANDLED_EVENTS:
                await self._repos.events.mark_processed(row.event_id, "not an event it handles")
            elif now - row.received_at > EVENT_RETRY_WINDOW:
                log.warning(
                    "Quentli event %s (%s) given up after %d attempt(s)",
                    row.event_type,
                    row.event_id,
                    row.attempts,
                )
                await self._repos.events.mark_processed(
                    row.event_id, f"given up: {row.last_error or 'never handled'}"
                )
            else:
                todo.append((event, self._grace_left(row.received_at)))
        # Claimed only now, after the last await of the scan: nothing can leave them claimed.
        todo = [(e, g) for e, g in todo if e.event_id not in self._in_flight]
        self._in_flight.update(event.event_id for event, _ in todo)
        limit = asyncio.Semaphore(POLL_CONCURRENCY)

        async def one(event: PaymentEvent, grace: float) -> bool:
            async with limit:
                return await self._process(event, grace)

        try:
            done = await asyncio.gather(*(one(event, grace) for event, grace in todo))
        finally:
            self._in_flight.difference_update(event.event_id for event, _ in todo)
        return sum(done)

    def _grace_left(self, received_at: datetime) -> float:
        """What is left of the INVOICE_CREATED grace of an event received at ``received_at``."""
        elapsed = (utc_now() - received_at).total_seconds()
        return max(0.0, min(self.created_grace, self.created_grace - elapsed))

    async def _process(self, event: PaymentEvent, grace: float) -> bool:
        """Handle the event and record the outcome; True when it is processed. Never raises
        (but for cancellation, which leaves it unprocessed)."""
        try:
            try:
                await self.handle(event, grace=grace)
            except Exception as exc:
                log.warning(
                    "Quentli event %s (%s) failed: %s; the poller tries it again",
                    event.event_type,
                    event.event_id,
                    type(exc).__name__,
                    exc_info=not isinstance(exc, QuentliError),
                )
                await self._repos.events.mark_failed(event.event_id, type(exc).__name__)
                return False
            await self._repos.events.mark_processed(event.event_id)
            return True
        except Exception:
            log.exception("Quentli event %s: its outcome was not recorded", event.event_id)
            return False
        finally:
            self._in_flight.discard(event.event_id)

    async def handle(self, event: PaymentEvent, *, grace: float | None = None) -> None:
        """Confirm the event with Quentli and tell whom it concerns.

        Args:
            event: the event.
            grace: how long an INVOICE_CREATED waits first (default :attr:`created_grace`).

        Raises:
            QuentliError: Quentli could not confirm it (other than "not found").
        """
        wait = self.created_grace if grace is None else grace
        if event.event_type == "INVOICE_CREATED" and wait > 0:
            await asyncio.sleep(wait)
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
            await self._announcer.announce_paid(invoice)
            return
        if invoice.is_canceled:
            await self._repos.watches.settle(invoice.id)
            return
        if event.event_type in _PAID_EVENTS:
            log.info("Quentli event %s: the invoice is not paid (ignored)", event.event_id)
        elif event.event_type == "PAYMENT_ATTEMPT_FAILED":
            data = event.body.get("data")
            payment_id = _text(data.get("paymentId"), 100) if isinstance(data, Mapping) else None
            await self._announcer.charge_failed(invoice, event.event_id, payment_id)
        elif event.event_type == "INVOICE_CREATED":
            await self._announcer.invoice_created(invoice)
