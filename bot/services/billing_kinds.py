"""The registry of staff money operations: for each kind, its payload model, what Confirm sends
to Quentli, what it records and whom it tells. The engine (bot.services.operations) runs them
exactly once by name; adding a kind is one function and one entry in :data:`KINDS`.

- ``invoice.create``: a new invoice; it is watched (receipts reach the issuing staff member)
  and the linked parents are told through the notifier's outbox;
- ``checkout.create``: a checkout session (a family not yet in Quentli); watched too;
- ``shop.purchase``: a parent's purchase in the school shop (bot.services.shop_purchase);
- ``invoice.mark_paid``, ``invoice.charge`` and ``invoice.void``: first re-read the invoice (a
  GET) and send nothing when it no longer matches what was confirmed (amount, still open, same
  customer): :class:`~bot.services.billing_results.Changed`. Once paid, the parents get the
  receipt (bot.services.receipts) that says how: at the school, or the saved card. A void
  settles the invoice's watch (no receipt or reminder for it again) and tells the linked parents
  the charge was cancelled.
"""

from __future__ import annotations

from typing import Any, TypeVar

from bot.quentli import Invoice, NotFoundError, QuentliError
from bot.services.billing_payloads import (
    KIND_CHARGE,
    KIND_CHECKOUT,
    KIND_INVOICE,
    KIND_MARK_PAID,
    KIND_VOID,
    Change,
    ChargePayload,
    CheckoutPayload,
    InvoicePayload,
    MarkPaidPayload,
    OpenInvoicePayload,
    VoidPayload,
    invoice_drift,
)
from bot.services.billing_requests import invoice_input, mark_paid_input, session_input
from bot.services.billing_results import (
    Changed,
    Charged,
    ChargeOutcome,
    Done,
    Failed,
    InvoiceCreated,
    MarkedPaid,
    Voided,
)
from bot.services.notifications import Money, invoice_created_key, voided_key
from bot.services.operations import (
    OperationEngine,
    OperationKind,
    Performed,
    Run,
)
from bot.services.payment_methods import PaymentMethod
from bot.services.receipts import Receipt
from bot.services.shop_purchase import SHOP_PURCHASE

__all__ = ["CHARGE", "CREATE_CHECKOUT", "CREATE_INVOICE", "KINDS", "MARK_PAID", "VOID"]

Open = TypeVar("Open", bound=OpenInvoicePayload)


async def _create_invoice(engine: OperationEngine, run: Run[InvoicePayload]) -> Performed:
    p = run.payload
    invoice = await engine.quentli.create_invoice(invoice_input(p, run.op.op_id))
    result = InvoiceCreated(
        invoice_id=invoice.id,
        customer_id=invoice.customer_id,
        customer_name=p.customer_name,
        amount=invoice.total_amount,
        description=p.description,
        due_date=invoice.due_date,
    )
    done = await engine.finish(run, result)
    await engine.repos.watches.watch(invoice.id, invoice.customer_id, run.user_id)
    # Same text and dedupe key as the INVOICE_CREATED webhook's notice (which may arrive
    # before the watch above exists): the family hears about the invoice once.
    notified = await engine.notify(
        invoice.customer_id,
        "notify.invoice_created",
        invoice_created_key(invoice.id),
        pay_invoice_id=invoice.id,
        name=p.customer_name,
        concept=p.description,
        amount=Money(invoice.total_amount),
        due=p.due,
    )
    return Done(done, result, first=True, notified=notified)


async def _create_checkout(engine: OperationEngine, run: Run[CheckoutPayload]) -> Performed:
    p = run.payload
    session = await engine.quentli.create_invoice_payment_session(session_input(p, run.op.op_id))
    result = InvoiceCreated(
        invoice_id=session.invoice.id,
        customer_id=session.customer.id,
        customer_name=session.customer.name,
        amount=session.invoice.total_amount,
        description=p.description,
        due_date=session.invoice.due_date,
    )
    done = await engine.finish(run, result)
    await engine.repos.watches.watch(session.invoice.id, session.customer.id, run.user_id)
    return Done(done, result, first=True, checkout_url=session.url)


async def _recheck(engine: OperationEngine, run: Run[Open]) -> Invoice | Changed | Failed:
    """Re-read the invoice right before a mark-paid or a charge (SPEC rule 2): Quentli's
    record if it still matches what was confirmed (and the invoice is then watched);
    otherwise the operation is failed (nothing was sent) and the outcome says what changed or
    that the read failed."""
    try:
        invoice: Invoice | None = await engine.quentli.get_invoice(run.payload.invoice_id)
    except NotFoundError:
        invoice = None
    except QuentliError as exc:  # a read: nothing was sent, so plainly failed
        return await engine.fail_call(run, exc, stage="re-read")
    what = Change.GONE if invoice is None else invoice_drift(run.payload, invoice)
    if what is None:
        assert invoice is not None
        # Watched before the write: if the bot dies while Quentli records it (no webhook
        # follows a mark-paid), the poller still finds the invoice paid and the family gets
        # its receipt after the restart.
        await engine.repos.watches.watch(invoice.id, invoice.customer_id, None)
        return invoice
    changed: dict[str, Any] = {"changed": what.value}
    if invoice is not None:
        changed |= {"amount_now": invoice.outstanding, "customer_id_now": invoice.customer_id}
    failed = await engine.fail(run, f"changed in Quentli: {what.value}", "changed", changed)
    return Changed(failed, what, invoice)


async def _mark_paid(engine: OperationEngine, run: Run[MarkPaidPayload]) -> Performed:
    p = run.payload
    before = await _recheck(engine, run)
    if not isinstance(before, Invoice):
        return before
    invoice = await engine.quentli.mark_paid(p.invoice_id, mark_paid_input(p))
    # What Quentli recorded, from its answer (equal to the confirmed amount, which the
    # re-read just checked, unless the invoice changed again in between).
    recorded = invoice.amount_paid - before.amount_paid
    result = MarkedPaid(
        invoice_id=invoice.id,
        customer_id=invoice.customer_id,
        customer_name=p.customer_name,
        amount=recorded if recorded > 0 else before.outstanding,
        concept=p.concept,
        is_paid=invoice.is_paid,
        payment_time=p.payment_time,
    )
    done = await engine.finish(run, result)
    await engine.repos.watches.settle(invoice.id)
    # The receipt's builder and dedupe key are the ones a webhook or the poller use, so the
    # family gets one receipt for this invoice whoever notices the payment first.
    notified = await engine.announce_payment(
        Receipt(
            invoice_id=invoice.id,
            customer_id=invoice.customer_id,
            name=p.customer_name,
            concept=p.concept or invoice.id,
            amount=result.amount,
            paid_on=p.payment_time,
            how=p.method,
            reference=invoice.paid_with_id or invoice.id,
        )
    )
    return Done(done, result, first=True, notified=notified)


async def _charge(engine: OperationEngine, run: Run[ChargePayload]) -> Performed:
    p = run.payload
    before = await _recheck(engine, run)
    if not isinstance(before, Invoice):
        return before
    answer = await engine.quentli.try_payment(p.invoice_id)
    if answer.success:
        outcome = ChargeOutcome.OK
    elif answer.payment is None:
        outcome = ChargeOutcome.NO_CARD
    else:
        outcome = ChargeOutcome.DECLINED
    result = Charged(
        invoice_id=p.invoice_id,
        customer_id=p.customer_id,
        customer_name=p.customer_name,
        # What Quentli charged (or tried to): its payment's amount, else what is owed.
        amount=answer.payment.amount if answer.payment is not None else answer.invoice.outstanding,
        concept=p.concept,
        success=answer.success,
        outcome=outcome,
        payment_id=answer.payment.id if answer.payment is not None else None,
    )
    done = await engine.finish(run, result, outcome.value)
    if not answer.success:
        return Done(done, result, first=True)
    await engine.repos.watches.settle(p.invoice_id)
    # The receipt of the saved card (a webhook of this payment finds this charge in the
    # ledger and says the same, under the same dedupe key; the office's notice likewise).
    paid = answer.payment
    notified = await engine.announce_payment(
        Receipt(
            invoice_id=p.invoice_id,
            customer_id=p.customer_id,
            name=p.customer_name,
            concept=p.concept or p.invoice_id,
            amount=result.amount,
            paid_on=(paid.payment_time if paid is not None else None) or engine.now(),
            how=PaymentMethod.SAVED_CARD,
            reference=result.payment_id or p.invoice_id,
        )
    )
    return Done(done, result, first=True, notified=notified)


async def _void(engine: OperationEngine, run: Run[VoidPayload]) -> Performed:
    p = run.payload
    before = await _recheck(engine, run)
    if not isinstance(before, Invoice):
        return before
    invoice = await engine.quentli.cancel_invoice(p.invoice_id)
    result = Voided(
        invoice_id=invoice.id,
        customer_id=invoice.customer_id,
        customer_name=p.customer_name,
        amount=before.outstanding,
        concept=p.concept,
    )
    done = await engine.finish(run, result)
    # Nothing is owed any more: no receipt, poll or reminder for it (reminders re-read each
    # invoice and skip a cancelled one; the watch is what the poller reads).
    await engine.repos.watches.settle(invoice.id)
    notified = await engine.notify(
        invoice.customer_id,
        "notify.invoice_voided",
        voided_key(invoice.id),
        name=p.customer_name,
        concept=p.concept or invoice.id,
        amount=Money(before.outstanding),
    )
    return Done(done, result, first=True, notified=notified)


CREATE_INVOICE = OperationKind(KIND_INVOICE, InvoicePayload, InvoiceCreated, _create_invoice)
CREATE_CHECKOUT = OperationKind(KIND_CHECKOUT, CheckoutPayload, InvoiceCreated, _create_checkout)
MARK_PAID = OperationKind(KIND_MARK_PAID, MarkPaidPayload, MarkedPaid, _mark_paid)
CHARGE = OperationKind(KIND_CHARGE, ChargePayload, Charged, _charge)
VOID = OperationKind(KIND_VOID, VoidPayload, Voided, _void)

#: Every kind of operation, by the name the ledger stores.
KINDS: dict[str, OperationKind[Any]] = {
    kind.name: kind
    for kind in (CREATE_INVOICE, CREATE_CHECKOUT, MARK_PAID, CHARGE, VOID, SHOP_PURCHASE)
}
