"""Staff money operations as data: what was confirmed (the operation payload, JSON only) and
the exact Quentli request built from it. No I/O here, so the request can be pinned in tests.

A payload is written once, when the summary is shown, and the request is built from it alone
when Confirm is pressed: what the staff member confirmed is what is sent (SPEC rule 2).
Amounts are int centavos; due dates are 00:00 of the day in the school's time zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

from bot.parsing import day_start_utc
from bot.quentli import (
    CollectionMethod,
    InlineConcept,
    Invoice,
    InvoiceInput,
    InvoiceItemInput,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    MetadataEntry,
    SessionCustomer,
    SessionItem,
    format_datetime,
)
from bot.services.billing_results import (
    CHANGE_AMOUNT,
    CHANGE_CANCELLED,
    CHANGE_CUSTOMER,
    CHANGE_PAID,
)

__all__ = [
    "COLLECTION_METHOD",
    "KIND_CHARGE",
    "KIND_CHECKOUT",
    "KIND_INVOICE",
    "KIND_MARK_PAID",
    "CheckoutDraft",
    "InvoiceDraft",
    "charge_payload",
    "checkout_payload",
    "invoice_drift",
    "invoice_input",
    "invoice_payload",
    "is_public_https",
    "mark_paid_input",
    "mark_paid_payload",
    "session_input",
    "utc",
]

KIND_INVOICE = "invoice.create"
KIND_MARK_PAID = "invoice.mark_paid"
KIND_CHARGE = "invoice.charge"
KIND_CHECKOUT = "checkout.create"

# Why SEND_REMINDER: a payment request issued at the school's desk is meant to be paid by the
# family through the link, and SEND_REMINDER is the method for that: Quentli itself reminds the
# family (its WhatsApp/e-mail channel) as the due date comes. AUTOMATIC would charge a saved
# card on the due date without the staff member having asked for a charge (that is what
# /charge is for, with its own confirmation), and NONE would leave the family with no reminder
# at all. The bot's own Telegram message is a one-time "new payment request" notice, not a
# reminder, so nobody is nagged twice by us.
COLLECTION_METHOD = CollectionMethod.SEND_REMINDER

_SOURCE = MetadataEntry(key="source", value="telegram")


# --- what staff confirm ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceDraft:
    """A new invoice as the staff member will see it in the summary."""

    customer_id: str
    customer_name: str
    amount: int
    description: str
    due: date


@dataclass(frozen=True, slots=True)
class CheckoutDraft:
    """A checkout for a family not yet in Quentli."""

    name: str
    username: str
    phone: str | None
    email: str | None
    description: str
    amount: int
    due: date


def invoice_payload(draft: InvoiceDraft, tz: tzinfo) -> dict[str, Any]:
    """The operation payload of a new invoice: the summary's values and the exact due date."""
    return {
        "customer_id": draft.customer_id,
        "customer_name": draft.customer_name,
        "amount": draft.amount,
        "description": draft.description,
        **_due_fields(draft.due, tz),
    }


def checkout_payload(draft: CheckoutDraft, tz: tzinfo) -> dict[str, Any]:
    """The operation payload of a checkout."""
    return {
        "name": draft.name,
        "username": draft.username,
        "phone": draft.phone,
        "email": draft.email,
        "description": draft.description,
        "amount": draft.amount,
        **_due_fields(draft.due, tz),
    }


def _due_fields(due: date, tz: tzinfo) -> dict[str, Any]:
    """The due day as shown (``due``) and as sent to Quentli: 00:00 of it in ``tz``."""
    return {"due": due.isoformat(), "due_date": format_datetime(day_start_utc(due, tz))}


def _invoice_facts(invoice: Invoice, customer_name: str) -> dict[str, Any]:
    return {
        "invoice_id": invoice.id,
        "customer_id": invoice.customer_id,
        "customer_name": customer_name,
        "amount": invoice.outstanding,
        "concept": invoice.concept_text,
        "due_date": format_datetime(invoice.due_date),
    }


def mark_paid_payload(
    invoice: Invoice, customer_name: str, paid_on: date | None, now: datetime, tz: tzinfo
) -> dict[str, Any]:
    """The payload of a mark-paid: the payment time is fixed when the summary is shown (the
    given day at local midnight, else that moment)."""
    moment = day_start_utc(paid_on, tz) if paid_on is not None else now
    return {
        **_invoice_facts(invoice, customer_name),
        "paid_on": paid_on.isoformat() if paid_on is not None else None,
        "payment_time": format_datetime(moment),
    }


def charge_payload(invoice: Invoice, customer_name: str) -> dict[str, Any]:
    """The payload of a charge to the saved payment method."""
    return _invoice_facts(invoice, customer_name)


def invoice_drift(payload: Mapping[str, Any], invoice: Invoice) -> str | None:
    """What differs between a confirmed mark-paid or charge payload and Quentli's invoice now.

    Returns ``None`` when the write may go ahead, else one ``CHANGE_*`` value. The amount
    compared is the outstanding one (``total - paid``): that is what the summary showed and
    what Quentli charges or records, so an edited total and a partial payment both show here.
    """
    if invoice.is_canceled:
        return CHANGE_CANCELLED
    if invoice.is_paid or invoice.outstanding == 0:
        return CHANGE_PAID
    if invoice.customer_id != payload["customer_id"]:
        return CHANGE_CUSTOMER
    if invoice.outstanding != payload["amount"]:
        return CHANGE_AMOUNT
    return None


def _metadata(op_id: str) -> list[MetadataEntry]:
    return [_SOURCE, MetadataEntry(key="telegram_op", value=op_id)]


def utc(text: str) -> datetime:
    """A payload's ``2025-02-01T06:00:00.000Z`` back to an aware UTC datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def invoice_input(payload: Mapping[str, Any], op_id: str) -> InvoiceInput:
    """``POST /v1/invoices`` body from a confirmed payload: one inline-concept line."""
    return InvoiceInput(
        customer_id=payload["customer_id"],
        due_date=utc(payload["due_date"]),
        items=[
            InvoiceItemInput(
                concept=InlineConcept(
                    display_name=payload["description"], amount=payload["amount"], currency="MXN"
                ),
                quantity=1,
            )
        ],
        collection_method=COLLECTION_METHOD,
        metadata=_metadata(op_id),
    )


def mark_paid_input(payload: Mapping[str, Any]) -> MarkPaidInput:
    """``POST /v1/invoices/{id}/mark-paid`` body from a confirmed payload."""
    return MarkPaidInput(payment_time=utc(payload["payment_time"]))


def session_input(payload: Mapping[str, Any], op_id: str) -> InvoicePaymentSessionInput:
    """``POST /v1/invoice-payment-sessions`` body from a confirmed payload."""
    return InvoicePaymentSessionInput(
        customer=SessionCustomer(
            name=payload["name"],
            username=payload["username"],
            phone_number=payload["phone"],
            email=payload["email"],
        ),
        due_date=utc(payload["due_date"]),
        items=[SessionItem(description=payload["description"], amount=payload["amount"])],
        collection_method=COLLECTION_METHOD,
        metadata=_metadata(op_id),
    )


def is_public_https(url: str) -> bool:
    """Whether Telegram accepts ``url`` on a URL button: https, a dotted host, not loopback,
    not an IP address (the sandbox's http://127.0.0.1 links are sent as text instead)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or "." not in host or host.endswith(".localhost"):
        return False
    try:
        ip_address(host)
    except ValueError:
        return True
    return False
