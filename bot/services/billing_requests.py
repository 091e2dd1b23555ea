"""The exact Quentli request each confirmed operation sends, built from its stored payload alone
(bot.services.billing_payloads): what the staff member confirmed is what is sent (SPEC rule 2).
No I/O here, so the requests can be pinned in tests.
"""

from __future__ import annotations

from bot.quentli import (
    CollectionMethod,
    InlineConcept,
    InvoiceInput,
    InvoiceItemInput,
    InvoicePaymentSessionInput,
    MarkPaidInput,
    MetadataEntry,
    SessionCustomer,
    SessionItem,
)
from bot.services.billing_payloads import CheckoutPayload, InvoicePayload, MarkPaidPayload

__all__ = ["COLLECTION_METHOD", "invoice_input", "mark_paid_input", "session_input"]

# Why SEND_REMINDER: a payment request issued at the school's desk is meant to be paid by the
# family through the link, and SEND_REMINDER is the method for that: Quentli itself reminds the
# family (its WhatsApp/e-mail channel) as the due date comes. AUTOMATIC would charge a saved
# card on the due date without the staff member having asked for a charge (that is what
# /charge is for, with its own confirmation), and NONE would leave the family with no reminder
# at all. The bot's own Telegram message is a one-time "new payment request" notice, not a
# reminder, so nobody is nagged twice by us.
COLLECTION_METHOD = CollectionMethod.SEND_REMINDER

_SOURCE = MetadataEntry(key="source", value="telegram")


def _metadata(op_id: str) -> list[MetadataEntry]:
    return [_SOURCE, MetadataEntry(key="telegram_op", value=op_id)]


def invoice_input(payload: InvoicePayload, op_id: str) -> InvoiceInput:
    """``POST /v1/invoices`` body from a confirmed payload: one inline-concept line."""
    return InvoiceInput(
        customer_id=payload.customer_id,
        due_date=payload.due_date,
        items=[
            InvoiceItemInput(
                concept=InlineConcept(
                    display_name=payload.description, amount=payload.amount, currency="MXN"
                ),
                quantity=1,
            )
        ],
        collection_method=COLLECTION_METHOD,
        metadata=_metadata(op_id),
    )


def mark_paid_input(payload: MarkPaidPayload) -> MarkPaidInput:
    """``POST /v1/invoices/{id}/mark-paid`` body from a confirmed payload."""
    return MarkPaidInput(payment_time=payload.payment_time)


def session_input(payload: CheckoutPayload, op_id: str) -> InvoicePaymentSessionInput:
    """``POST /v1/invoice-payment-sessions`` body from a confirmed payload."""
    return InvoicePaymentSessionInput(
        customer=SessionCustomer(
            name=payload.name,
            username=payload.username,
            phone_number=payload.phone,
            email=payload.email,
        ),
        due_date=payload.due_date,
        items=[SessionItem(description=payload.description, amount=payload.amount)],
        collection_method=COLLECTION_METHOD,
        metadata=_metadata(op_id),
    )
