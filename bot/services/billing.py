"""Staff money operations with exactly-once Confirm buttons, without Telegram.

Every write (create an invoice, mark one paid, charge a saved card, open a checkout) goes the
same way:

1. ``propose_*`` records exactly what the staff member is about to confirm as a ``pending``
   operation (:class:`~bot.store.OperationRepo`) and returns its id for the Confirm button,
   before the summary is shown;
2. :meth:`BillingService.confirm` checks who pressed, refuses a summary older than
   :data:`OP_TTL` (cancelled, nothing sent), moves the operation ``pending`` ->
   ``in_flight`` atomically (a second press, a re-delivered update or a restart finds it no
   longer pending and gets :class:`Earlier` / a repeated :class:`Done`), builds the request from
   the stored payload alone (what was confirmed is what is sent), calls Quentli once and records
   ``done``, ``failed`` or ``unknown`` (a write that may have landed: never retried here).
   A mark-paid or a charge first re-reads the invoice (a GET) and sends nothing when it no
   longer matches what was confirmed (amount, still open, same customer): :class:`Changed`;
3. every attempt leaves one audit row; a created invoice is watched (receipts reach the
   issuing staff member) and the linked parents are told through the notifier's outbox.

Amounts are int centavos throughout; payloads hold JSON only (ISO dates and datetimes).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Protocol

from bot.quentli import (
    Customer,
    Invoice,
    NotFoundError,
    QuentliAPIError,
    QuentliClient,
    QuentliError,
    format_datetime,
)
from bot.services.billing_requests import (
    COLLECTION_METHOD,
    KIND_CHARGE,
    KIND_CHECKOUT,
    KIND_INVOICE,
    KIND_MARK_PAID,
    CheckoutDraft,
    InvoiceDraft,
    charge_payload,
    checkout_payload,
    invoice_drift,
    invoice_input,
    invoice_payload,
    is_public_https,
    mark_paid_input,
    mark_paid_payload,
    session_input,
    utc,
)
from bot.services.billing_results import (
    CHANGE_GONE,
    Cancelled,
    CancelOutcome,
    Changed,
    ConfirmOutcome,
    CustomerOverview,
    Done,
    Earlier,
    Expired,
    Failed,
    InvoiceLookup,
    Missing,
    NotYours,
)
from bot.services.notifications import Money, Notifier, invoice_created_key, paid_key
from bot.store import (
    Operation,
    OperationAlreadyStarted,
    OperationNotFound,
    OperationState,
    OperationStateError,
    Repositories,
)

__all__ = [
    "COLLECTION_METHOD",
    "KIND_CHARGE",
    "KIND_CHECKOUT",
    "KIND_INVOICE",
    "KIND_MARK_PAID",
    "OP_EXPIRED",
    "OP_TTL",
    "BillingService",
    "CancelOutcome",
    "Cancelled",
    "Changed",
    "CheckoutDraft",
    "ConfirmOutcome",
    "CustomerNotifier",
    "CustomerOverview",
    "Done",
    "Earlier",
    "Expired",
    "Failed",
    "InvoiceDraft",
    "InvoiceLookup",
    "Missing",
    "NotYours",
    "is_public_https",
]

log = logging.getLogger(__name__)

#: How long a summary's Confirm button stays good. A secretary confirms within seconds, or a
#: few minutes when a parent at the window interrupts; 30 minutes covers that with room to
#: spare, while a summary scrolled up from earlier in the day (or days ago) shows amounts,
#: due dates and a "paid today at 10:15" that Quentli and the school may no longer agree with.
#: Past it, Confirm sends nothing and asks for the command again (a fresh summary is one
#: command away, a stale write is a refund or a wrong receipt).
OP_TTL = timedelta(minutes=30)

#: The ``error`` of an operation cancelled because its Confirm came after :data:`OP_TTL`.
OP_EXPIRED = "expired: confirmed too long after its summary"


class CustomerNotifier(Protocol):
    """The part of ``bot.services.notifications.Notifier`` billing uses."""

    async def to_customer(
        self,
        customer_id: str,
        key: str,
        *,
        dedupe_key: str | None,
        pay_invoice_id: str | None = None,
        **values: Any,
    ) -> int:
        """Queue ``key`` for every active chat linked to ``customer_id``; how many chats."""
        ...


# --- the service -------------------------------------------------------------------------------


class BillingService:
    """Proposes and confirms staff money operations exactly once.

    Args:
        quentli: the Quentli client.
        repos: the store (operations, audit, watches, links).
        tz: the school's time zone (due dates are 00:00 there).
        notifier: queues the parents' notices (``None``: a Notifier over ``repos``).
        default_language: the language of parents' chats that never chose one.
        now: the clock (aware UTC) for a mark-paid's "now" and the Confirm expiry (tests).
    """

    def __init__(
        self,
        quentli: QuentliClient,
        repos: Repositories,
        tz: tzinfo,
        *,
        notifier: CustomerNotifier | None = None,
        default_language: str = "es",
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._quentli = quentli
        self._repos = repos
        self.tz = tz
        self._now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self._notifier: CustomerNotifier = notifier or Notifier(repos, default_language, tz)

    # -- reads ---------------------------------------------------------------------------------

    async def look_up_invoice(self, invoice_id: str) -> InvoiceLookup:
        """The invoice and its customer.

        Raises:
            NotFoundError: no such invoice.
            QuentliError: Quentli failed (a read: nothing changed).
        """
        invoice = await self._quentli.get_invoice(invoice_id)
        try:
            customer: Customer | None = await self._quentli.get_customer(invoice.customer_id)
        except NotFoundError:
            customer = None
        return InvoiceLookup(invoice, customer)

    async def overview(
        self, customer: Customer, now: datetime, audit_rows: int = 5
    ) -> CustomerOverview:
        """Open invoices with totals, linked chats and the recent audit rows of ``customer``.

        Raises:
            QuentliError: Quentli failed (a read: nothing changed).
        """
        invoices = await self._quentli.all_invoices({"customerId": customer.id, "isPaid": False})
        open_invoices = sorted(
            (i for i in invoices if i.customer_id == customer.id and i.outstanding > 0),
            key=lambda i: (i.due_date, i.id),
        )
        active, inactive = await self._repos.links.count_for_customer(customer.id)
        return CustomerOverview(
            customer=customer,
            open_invoices=open_invoices,
            owed=sum(i.outstanding for i in open_invoices),
            overdue=sum(i.outstanding for i in open_invoices if i.is_overdue(now)),
            active_chats=active,
            inactive_chats=inactive,
            recent=await self._repos.audit.recent(audit_rows, customer_id=customer.id),
        )

    # -- proposals (before the summary is shown) -----------------------------------------------

    async def propose(self, kind: str, payload: Mapping[str, Any], created_by: int) -> str:
        """Record a pending operation for the Confirm button; returns its id."""
        return await self._repos.operations.create(kind, payload, created_by)

    async def propose_invoice(self, draft: InvoiceDraft, created_by: int) -> str:
        """Record a new invoice to confirm."""
        return await self.propose(KIND_INVOICE, invoice_payload(draft, self.tz), created_by)

    async def propose_checkout(self, draft: CheckoutDraft, created_by: int) -> str:
        """Record a checkout to confirm."""
        return await self.propose(KIND_CHECKOUT, checkout_payload(draft, self.tz), created_by)

    async def propose_mark_paid(
        self, found: InvoiceLookup, paid_on: date | None, created_by: int
    ) -> str:
        """Record a mark-paid to confirm (the payment time is fixed now)."""
        payload = mark_paid_payload(
            found.invoice, found.customer_name, paid_on, self._now(), self.tz
        )
        return await self.propose(KIND_MARK_PAID, payload, created_by)

    async def propose_charge(self, found: InvoiceLookup, created_by: int) -> str:
        """Record a charge to confirm."""
        payload = charge_payload(found.invoice, found.customer_name)
        return await self.propose(KIND_CHARGE, payload, created_by)

    # -- the buttons ---------------------------------------------------------------------------

    def expired(self, op: Operation) -> bool:
        """Whether ``op``'s summary is older than :data:`OP_TTL` (its Confirm sends nothing)."""
        return self._now() - op.created_at > OP_TTL

    async def cancel(self, op_id: str, user_id: int) -> CancelOutcome:
        """The Cancel button: cancel a pending operation of this user."""
        op = await self._repos.operations.get(op_id)
        if op is None:
            return Missing()
        if op.created_by != user_id:
            return NotYours()
        if await self._repos.operations.cancel(op_id):
            current = await self._repos.operations.get(op_id)
            return Cancelled(current or op)
        current = await self._repos.operations.get(op_id) or op
        if current.state == OperationState.DONE:
            return Done(current, current.result or {}, first=False)
        return Earlier(current)

    async def cancel_pending(self, user_id: int) -> list[Operation]:
        """/cancel outside a flow: cancel every operation of this user still waiting for its
        Confirm; returns the ones this call cancelled (a press racing it keeps its own)."""
        ops = self._repos.operations
        return [op for op in await ops.pending_for(user_id) if await ops.cancel(op.op_id)]

    async def confirm(self, op_id: str, user_id: int) -> ConfirmOutcome:
        """The Confirm button: perform the operation once, whatever happens around it."""
        ops = self._repos.operations
        op = await ops.get(op_id)
        if op is None:
            return Missing()
        if op.created_by != user_id:
            return NotYours()
        # Too old: cancel it (pending -> cancelled, atomic: a press racing this one either
        # began it first and is reported below, or finds it cancelled).
        if (
            op.state == OperationState.PENDING
            and self.expired(op)
            and await ops.cancel(op_id, OP_EXPIRED)
        ):
            return Expired(await ops.get(op_id) or op)
        try:
            op = await ops.begin(op_id)
        except OperationNotFound:
            return Missing()
        except OperationAlreadyStarted as exc:
            if exc.op.state == OperationState.DONE:
                return Done(exc.op, exc.op.result or {}, first=False)
            return Earlier(exc.op)
        try:
            return await self._perform(op, user_id)
        except QuentliError as exc:
            landed = exc.write_may_have_landed
            failed = await ops.fail(op_id, _describe(exc), may_have_landed=landed)
            await self._audit(failed, user_id, "unknown" if landed else "error", _error(exc))
            return Failed(failed, exc)
        except BaseException:
            # A bug or a cancellation after the write may have been sent: never run it again.
            with contextlib.suppress(OperationStateError):
                await ops.fail(op_id, "interrupted by an unexpected error", may_have_landed=True)
            raise

    async def _perform(self, op: Operation, user_id: int) -> Done | Changed | Failed:
        if op.kind == KIND_INVOICE:
            return await self._create_invoice(op, user_id)
        if op.kind == KIND_MARK_PAID:
            return await self._mark_paid(op, user_id)
        if op.kind == KIND_CHARGE:
            return await self._charge(op, user_id)
        if op.kind == KIND_CHECKOUT:
            return await self._checkout(op, user_id)
        raise ValueError(f"unknown operation kind {op.kind!r}")

    async def _finish(
        self, op: Operation, user_id: int, result: dict[str, Any], outcome: str = "ok"
    ) -> Operation:
        done = await self._repos.operations.complete(op.op_id, result)
        await self._audit(done, user_id, outcome, result)
        return done

    async def _create_invoice(self, op: Operation, user_id: int) -> Done:
        p = op.payload
        invoice = await self._quentli.create_invoice(invoice_input(p, op.op_id))
        result = {
            "invoice_id": invoice.id,
            "customer_id": invoice.customer_id,
            "customer_name": p["customer_name"],
            "amount": invoice.total_amount,
            "description": p["description"],
            "due_date": format_datetime(invoice.due_date),
        }
        done = await self._finish(op, user_id, result)
        await self._repos.watches.watch(invoice.id, invoice.customer_id, user_id)
        # Same text and dedupe key as the INVOICE_CREATED webhook's notice (which may arrive
        # before the watch above exists): the family hears about the invoice once.
        notified = await self._notify(
            invoice.customer_id,
            "notify.invoice_created",
            invoice_created_key(invoice.id),
            pay_invoice_id=invoice.id,
            name=p["customer_name"],
            concept=p["description"],
            amount=Money(invoice.total_amount),
            due=date.fromisoformat(p["due"]),
        )
        return Done(done, result, first=True, notified=notified)

    async def _recheck(self, op: Operation, user_id: int) -> Invoice | Changed | Failed:
        """Re-read the invoice right before a mark-paid or a charge (SPEC rule 2): Quentli's
        record if it still matches what was confirmed; otherwise the operation is failed
        (nothing was sent) and the outcome says what changed or that the read failed."""
        p = op.payload
        ops = self._repos.operations
        try:
            invoice: Invoice | None = await self._quentli.get_invoice(p["invoice_id"])
        except NotFoundError:
            invoice = None
        except QuentliError as exc:  # a read: nothing was sent, so plainly failed
            failed = await ops.fail(op.op_id, "re-read: " + _describe(exc), may_have_landed=False)
            await self._audit(failed, user_id, "error", {**_error(exc), "stage": "re-read"})
            return Failed(failed, exc, before_write=True)
        what = CHANGE_GONE if invoice is None else invoice_drift(p, invoice)
        if what is None:
            assert invoice is not None
            return invoice
        failed = await ops.fail(op.op_id, f"changed in Quentli: {what}", may_have_landed=False)
        detail: dict[str, Any] = {"changed": what}
        if invoice is not None:
            detail |= {"amount_now": invoice.outstanding, "customer_id_now": invoice.customer_id}
        await self._audit(failed, user_id, "changed", detail)
        return Changed(failed, what, invoice)

    async def _mark_paid(self, op: Operation, user_id: int) -> Done | Changed | Failed:
        p = op.payload
        before = await self._recheck(op, user_id)
        if not isinstance(before, Invoice):
            return before
        invoice = await self._quentli.mark_paid(p["invoice_id"], mark_paid_input(p))
        # What Quentli recorded, from its answer (equal to the confirmed amount, which the
        # re-read just checked, unless the invoice changed again in between).
        recorded = invoice.amount_paid - before.amount_paid
        result = {
            "invoice_id": invoice.id,
            "customer_id": invoice.customer_id,
            "customer_name": p["customer_name"],
            "amount": recorded if recorded > 0 else before.outstanding,
            "concept": p["concept"],
            "is_paid": invoice.is_paid,
            "payment_time": p["payment_time"],
        }
        done = await self._finish(op, user_id, result)
        await self._repos.watches.settle(invoice.id)
        # The receipt's text and dedupe key are the ones a webhook or the poller would use, so
        # the family gets one receipt for this invoice whoever notices the payment first.
        notified = await self._notify(
            invoice.customer_id,
            "notify.paid",
            paid_key(invoice.id),
            name=p["customer_name"],
            concept=p["concept"] or invoice.id,
            amount=Money(result["amount"]),
            paid_on=utc(p["payment_time"]),
        )
        return Done(done, result, first=True, notified=notified)

    async def _charge(self, op: Operation, user_id: int) -> Done | Changed | Failed:
        p = op.payload
        before = await self._recheck(op, user_id)
        if not isinstance(before, Invoice):
            return before
        answer = await self._quentli.try_payment(p["invoice_id"])
        if answer.success:
            outcome = "ok"
        elif answer.payment is None:
            outcome = "no_card"
        else:
            outcome = "declined"
        result = {
            "invoice_id": p["invoice_id"],
            "customer_id": p["customer_id"],
            "customer_name": p["customer_name"],
            # What Quentli charged (or tried to): its payment's amount, else what is owed.
            "amount": answer.payment.amount
            if answer.payment is not None
            else answer.invoice.outstanding,
            "concept": p["concept"],
            "success": answer.success,
            "outcome": outcome,
            "payment_id": answer.payment.id if answer.payment is not None else None,
        }
        done = await self._finish(op, user_id, result, outcome)
        return Done(done, result, first=True)

    async def _checkout(self, op: Operation, user_id: int) -> Done:
        p = op.payload
        session = await self._quentli.create_invoice_payment_session(session_input(p, op.op_id))
        result = {
            "invoice_id": session.invoice.id,
            "customer_id": session.customer.id,
            "customer_name": session.customer.name,
            "amount": session.invoice.total_amount,
            "description": p["description"],
            "due_date": format_datetime(session.invoice.due_date),
        }
        done = await self._finish(op, user_id, result)
        await self._repos.watches.watch(session.invoice.id, session.customer.id, user_id)
        return Done(done, result, first=True, checkout_url=session.url)

    async def _audit(
        self, op: Operation, user_id: int, outcome: str, detail: Mapping[str, Any]
    ) -> None:
        customer_id = op.payload.get("customer_id") or detail.get("customer_id")
        invoice_id = op.payload.get("invoice_id") or detail.get("invoice_id")
        await self._repos.audit.record(
            user_id,
            op.kind,
            {"op_id": op.op_id, **op.payload},
            outcome,
            detail,
            customer_id=customer_id if isinstance(customer_id, str) else None,
            invoice_id=invoice_id if isinstance(invoice_id, str) else None,
        )

    async def _notify(
        self,
        customer_id: str,
        key: str,
        dedupe_key: str,
        *,
        pay_invoice_id: str | None = None,
        **values: Any,
    ) -> int | None:
        # The write is done and recorded: a notification problem must not turn it into an
        # error for the staff member (the dedupe key keeps a later retry from doubling it).
        try:
            return await self._notifier.to_customer(
                customer_id, key, dedupe_key=dedupe_key, pay_invoice_id=pay_invoice_id, **values
            )
        except Exception:
            log.exception("could not queue the parents' notification %s", key)
            return None


def _describe(exc: QuentliError) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _error(exc: QuentliError) -> dict[str, Any]:
    detail: dict[str, Any] = {"error": type(exc).__name__}
    if isinstance(exc, QuentliAPIError):
        detail["status"] = exc.status_code
        detail["message"] = exc.message[:200]
    return detail
