"""Staff money operations as data: what the staff member confirms (drafts) and the operation
payload recorded from it, a typed model per kind. No I/O here.

A payload is written once, when the summary is shown, and the Quentli request is built from it
alone when Confirm is pressed (bot.services.billing_requests): what the staff member confirmed is
what is sent (SPEC rule 2). Amounts are int centavos; due dates are 00:00 of the day in the
school's time zone.

Payloads are stored as JSON in the ledger (``operations.payload``). The models dump to the keys
and value formats rows have always had (days as ``2025-02-28``, moments as Quentli writes them,
``2025-02-28T06:00:00.000Z``), so a row written by an earlier version still confirms and cancels.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, StrictInt

from bot.parsing import day_start_utc
from bot.quentli import Invoice
from bot.quentli.models import UtcDatetime
from bot.services.payment_methods import PaymentMethod

__all__ = [
    "KIND_CHARGE",
    "KIND_CHECKOUT",
    "KIND_INVOICE",
    "KIND_MARK_PAID",
    "KIND_VOID",
    "Change",
    "ChargePayload",
    "CheckoutDraft",
    "CheckoutPayload",
    "CustomerPayload",
    "InvoiceDraft",
    "InvoicePayload",
    "LedgerModel",
    "MarkPaidPayload",
    "NewInvoicePayload",
    "OpenInvoicePayload",
    "OperationPayload",
    "VoidPayload",
    "invoice_drift",
]

KIND_INVOICE = "invoice.create"
KIND_MARK_PAID = "invoice.mark_paid"
KIND_CHARGE = "invoice.charge"
KIND_CHECKOUT = "checkout.create"
KIND_VOID = "invoice.void"


class Change(StrEnum):
    """What differs in Quentli from what a mark-paid or a charge confirmed (nothing is sent)."""

    AMOUNT = "amount"
    PAID = "paid"
    CANCELLED = "cancelled"
    CUSTOMER = "customer"
    GONE = "gone"


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


# --- the payloads, as stored in the ledger ------------------------------------------------------


class LedgerModel(BaseModel):
    """A model stored as JSON in the ledger: frozen, and keys it does not know are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    def to_json(self) -> dict[str, Any]:
        """The JSON object stored for it (and recorded in the audit log)."""
        return self.model_dump(mode="json")


class OperationPayload(LedgerModel, ABC):
    """What every kind's payload tells the code that handles any operation (the audit log,
    /cancel's list, the hints shown when something went wrong)."""

    amount: StrictInt

    @property
    @abstractmethod
    def who(self) -> str:
        """The family or customer it is for, by name."""

    @property
    @abstractmethod
    def what(self) -> str:
        """Its concept or description."""

    @property
    @abstractmethod
    def check_hint(self) -> str:
        """What to pass to /customer to check its customer."""

    @property
    def customer_ref(self) -> str | None:
        """The Quentli customer id, when known before the write (for the audit log)."""
        return None

    @property
    def invoice_ref(self) -> str | None:
        """The Quentli invoice id, when known before the write (for the audit log)."""
        return None


class CustomerPayload(OperationPayload):
    """A payload for a customer Quentli already has."""

    customer_id: str
    customer_name: str

    @property
    def who(self) -> str:
        return self.customer_name

    @property
    def check_hint(self) -> str:
        return self.customer_id

    @property
    def customer_ref(self) -> str | None:
        return self.customer_id


class NewInvoicePayload(OperationPayload):
    """A new invoice: its description, the day shown (``due``) and the exact due moment sent
    (``due_date``: 00:00 of that day in the school's time zone)."""

    description: str
    due: date
    due_date: UtcDatetime

    @classmethod
    def of(cls, draft: InvoiceDraft | CheckoutDraft, tz: tzinfo) -> Self:
        """The payload of ``draft`` (same field names) in the school's time zone ``tz``."""
        return cls(**asdict(draft), due_date=day_start_utc(draft.due, tz))

    @property
    def what(self) -> str:
        return self.description


class InvoicePayload(NewInvoicePayload, CustomerPayload):
    """``invoice.create``: a payment request for a customer Quentli has."""


class CheckoutPayload(NewInvoicePayload):
    """``checkout.create``: a family not yet in Quentli, found or created by its username."""

    name: str
    username: str
    phone: str | None
    email: str | None

    @property
    def who(self) -> str:
        return self.name

    @property
    def check_hint(self) -> str:
        return self.username


class OpenInvoicePayload(CustomerPayload):
    """An open invoice as its summary showed it: what a mark-paid or a charge re-checks in
    Quentli right before writing. ``amount`` is what was outstanding."""

    invoice_id: str
    concept: str
    due_date: UtcDatetime

    @property
    def what(self) -> str:
        return self.concept

    @property
    def invoice_ref(self) -> str | None:
        return self.invoice_id


class ChargePayload(OpenInvoicePayload):
    """``invoice.charge``: charge the saved payment method for the invoice as shown."""

    @classmethod
    def of(cls, invoice: Invoice, customer_name: str) -> ChargePayload:
        """The payload of a charge of ``invoice``."""
        return cls(**_invoice_facts(invoice, customer_name))


class VoidPayload(OpenInvoicePayload):
    """``invoice.void``: cancel the invoice as shown (``DELETE /v1/invoices/{id}``)."""

    @classmethod
    def of(cls, invoice: Invoice, customer_name: str) -> VoidPayload:
        """The payload of a cancellation of ``invoice``."""
        return cls(**_invoice_facts(invoice, customer_name))


class MarkPaidPayload(OpenInvoicePayload):
    """``invoice.mark_paid``: the payment time is fixed when the summary is shown (the given
    day at local midnight, else that moment)."""

    paid_on: date | None
    payment_time: UtcDatetime
    #: How it was paid; ``None`` in rows written before the method was asked ("at the school").
    method: PaymentMethod | None = None

    @classmethod
    def of(
        cls,
        invoice: Invoice,
        customer_name: str,
        paid_on: date | None,
        now: datetime,
        tz: tzinfo,
        method: PaymentMethod | None = None,
    ) -> MarkPaidPayload:
        """The payload of a mark-paid of ``invoice`` on ``paid_on`` (``None``: ``now``)."""
        moment = day_start_utc(paid_on, tz) if paid_on is not None else now
        return cls(
            **_invoice_facts(invoice, customer_name),
            paid_on=paid_on,
            payment_time=moment,
            method=method,
        )

    def to_json(self) -> dict[str, Any]:
        # Rows without a method keep the shape they always had (the ledger's contract tests).
        stored = super().to_json()
        if self.method is None:
            del stored["method"]
        return stored


def _invoice_facts(invoice: Invoice, customer_name: str) -> dict[str, Any]:
    return {
        "invoice_id": invoice.id,
        "customer_id": invoice.customer_id,
        "customer_name": customer_name,
        "amount": invoice.outstanding,
        "concept": invoice.concept_text,
        "due_date": invoice.due_date,
    }


def invoice_drift(payload: OpenInvoicePayload, invoice: Invoice) -> Change | None:
    """What differs between a confirmed mark-paid or charge and Quentli's invoice now.

    Returns ``None`` when the write may go ahead. The amount compared is the outstanding one
    (``total - paid``): that is what the summary showed and what Quentli charges or records,
    so an edited total and a partial payment both show here.
    """
    if invoice.is_canceled:
        return Change.CANCELLED
    if invoice.is_paid or invoice.outstanding == 0:
        return Change.PAID
    if invoice.customer_id != payload.customer_id:
        return Change.CUSTOMER
    if invoice.outstanding != payload.amount:
        return Change.AMOUNT
    return None
