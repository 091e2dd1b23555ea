"""What the sandbox does to its data: create customers and invoices, pay, charge, cancel.

Functions take the :class:`SandboxState`, change it, save it and return the changed records
(private keys included; the API layer strips them). They raise :class:`ApiError` for anything
Quentli would refuse.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import ApiError
from bot.sandbox.events import event
from bot.sandbox.records import (
    customer_record,
    day_start,
    invoice_record,
    new_id,
    payment_record,
)

if TYPE_CHECKING:
    from bot.sandbox.state import SandboxState

__all__ = [
    "add_customer",
    "add_invoice",
    "add_simple_invoice",
    "cancel_invoice",
    "concept",
    "decline",
    "find_invoice",
    "item",
    "mark_paid",
    "pay",
    "try_payment",
]

Record = dict[str, Any]


def find_invoice(state: SandboxState, invoice_id: str) -> Record:
    """The invoice with this id, or a 404."""
    invoice = state.invoices.get(invoice_id)
    if invoice is None:
        raise ApiError(404, f"Invoice {invoice_id} not found")
    return invoice


def _ensure_open(invoice: Record) -> None:
    if invoice["canceledAt"] is not None:
        raise ApiError(400, f"Invoice {invoice['id']} is canceled")
    if invoice["isPaid"]:
        raise ApiError(400, f"Invoice {invoice['id']} is already paid")


def _touch(record: Record, state: SandboxState) -> None:
    record["updatedAt"] = state.now_iso()


# -- customers ------------------------------------------------------------------------------


def add_customer(
    state: SandboxState,
    *,
    name: str,
    username: str | None,
    phone_number: str | None = None,
    email: str | None = None,
    metadata: list[dict[str, str]] | None = None,
    **extra: Any,
) -> Record:
    """Create a customer; 409 when ``username`` is taken (a missing username is generated)."""
    if username is None:
        username = f"C-{secrets.randbelow(10**6):06d}"
    if any(c["username"] == username for c in state.customers.values()):
        raise ApiError(409, f"A customer with username {username} already exists")
    customer = customer_record(
        org_id=state.organization["id"],
        now=state.now(),
        name=name,
        username=username,
        email=email,
        phone_number=phone_number,
        metadata=metadata,
        **extra,
    )
    state.customers[customer["id"]] = customer
    state.save()
    return customer


# -- invoices -------------------------------------------------------------------------------


def concept(state: SandboxState, concept_id: str | None, display_name: str, amount: int) -> Record:
    """A one-off payment concept for an inline ``concept`` (registered with its invoice)."""
    stamp = state.now_iso()
    record: Record = {
        "id": concept_id or new_id("pc_"),
        "createdAt": stamp,
        "updatedAt": stamp,
        "displayName": display_name,
        "amount": amount,
        "currency": "MXN",
        "organizationId": state.organization["id"],
        "active": True,
        "amountEditable": False,
        "quantityEditable": False,
        "oneOff": True,
        "groupId": None,
        "description": None,
        "sku": None,
        "recurrentDetailId": None,
    }
    return record


def item(description: str, unit_amount: int, quantity: int, concept: Record | None) -> Record:
    """An invoice item; the unit amount is private (Quentli's items do not show it)."""
    return {
        "id": new_id("invi_"),
        "description": description,
        "conceptId": concept["id"] if concept else None,
        "concept": concept,
        "quantity": quantity,
        "_unitAmount": unit_amount,
        "_currency": "MXN",
    }


def add_invoice(
    state: SandboxState,
    *,
    customer_id: str,
    due_date: datetime,
    items: list[Record],
    emit: bool = True,
    **extra: Any,
) -> Record:
    """Create an invoice for an existing customer; emits INVOICE_CREATED."""
    if customer_id not in state.customers:
        raise ApiError(400, f"customerId: customer {customer_id} not found")
    if not items:
        raise ApiError(400, "items must contain at least one item")
    invoice = invoice_record(
        org_id=state.organization["id"],
        now=state.now(),
        customer_id=customer_id,
        due_date=due_date,
        items=items,
        **extra,
    )
    state.invoices[invoice["id"]] = invoice
    for line in items:
        if line["concept"] is not None:
            state.concepts.setdefault(line["conceptId"], line["concept"])
    state.save()
    if emit:
        state.emit(event(state, "INVOICE_CREATED", invoice))
    return invoice


def add_simple_invoice(
    state: SandboxState,
    customer_id: str,
    amount: int,
    description: str,
    due_date: date,
    *,
    emit: bool = True,
) -> Record:
    """A one-item invoice (no catalog concept) due at 00:00 Mexico City of ``due_date``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ApiError(400, "amount must be a positive integer of centavos")
    lines = [item(description, amount, 1, None)]
    return add_invoice(
        state, customer_id=customer_id, due_date=day_start(due_date), items=lines, emit=emit
    )


def cancel_invoice(state: SandboxState, invoice_id: str) -> Record:
    """Cancel an unpaid invoice (cancelling twice answers the cancelled invoice again)."""
    invoice = find_invoice(state, invoice_id)
    if invoice["isPaid"]:
        raise ApiError(400, f"Invoice {invoice_id} is paid and cannot be canceled")
    if invoice["canceledAt"] is None:
        invoice["canceledAt"] = state.now_iso()
        _touch(invoice, state)
        state.save()
    return invoice


# -- payments -------------------------------------------------------------------------------


def _settle(
    state: SandboxState,
    invoice: Record,
    payment_type: str,
    method_id: str | None,
    payment_time: datetime | None = None,
) -> Record:
    payment = payment_record(
        org_id=state.organization["id"],
        now=state.now(),
        invoice=invoice,
        payment_type=payment_type,
        completed=True,
        payment_method_id=method_id,
        payment_time=payment_time,
    )
    state.payments[payment["id"]] = payment
    invoice.update(
        isPaid=True,
        amountPaid=invoice["totalAmount"],
        paidWithId=payment["id"],
        paidById=invoice["customerId"],
    )
    _touch(invoice, state)
    state.save()
    return payment


def mark_paid(state: SandboxState, invoice_id: str, payment_time: datetime | None) -> Record:
    """Record a payment made outside Quentli (type OTHER); no webhook, like Quentli."""
    invoice = find_invoice(state, invoice_id)
    _ensure_open(invoice)
    _settle(state, invoice, "OTHER", None, payment_time)
    return invoice


def pay(state: SandboxState, invoice_id: str, via: str = "CARD", *, emit: bool = True) -> Record:
    """Pay on the checkout page; a card paid there is saved. Returns the payment."""
    invoice = find_invoice(state, invoice_id)
    _ensure_open(invoice)
    method_id = None
    if via == "CARD":
        method_id = state.cards.setdefault(invoice["customerId"], new_id("pm_"))
    payment = _settle(state, invoice, via, method_id)
    if emit and via in ("CARD", "DIRECT_DEBIT"):
        extra = {"paymentId": payment["id"]}
        state.emit(event(state, "INVOICE_PAID", invoice, extra))
        state.emit(event(state, "PAYMENT_ATTEMPT_SUCCEEDED", invoice, extra))
    return payment


def decline(state: SandboxState, invoice: Record, method_id: str | None) -> Record:
    """Record a declined card attempt (status INCOMPLETE); emits PAYMENT_ATTEMPT_FAILED."""
    _ensure_open(invoice)
    payment = payment_record(
        org_id=state.organization["id"],
        now=state.now(),
        invoice=invoice,
        payment_type="CARD",
        completed=False,
        payment_method_id=method_id,
    )
    state.payments[payment["id"]] = payment
    state.save()
    extra = {"paymentId": payment["id"], "errorType": "CARD_DECLINED"}
    state.emit(event(state, "PAYMENT_ATTEMPT_FAILED", invoice, extra))
    return payment


def try_payment(state: SandboxState, invoice_id: str) -> tuple[bool, Record | None, Record]:
    """Charge the customer's saved card: (success, payment or None, invoice).

    No saved card: (False, None, invoice), nothing recorded. A decline: (False, the failed
    payment, invoice) and a PAYMENT_ATTEMPT_FAILED webhook.
    """
    invoice = find_invoice(state, invoice_id)
    _ensure_open(invoice)
    method_id = state.cards.get(invoice["customerId"])
    if method_id is None:
        return False, None, invoice
    if state.take_decline():
        return False, decline(state, invoice, method_id), invoice
    return True, pay(state, invoice_id, "CARD"), invoice
