"""What a staff money operation came to, as the Telegram layer renders it: the typed record of
an operation, each kind's result (stored as JSON in the ledger, in the shape rows have always
had) and the outcome of a press."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from pydantic import StrictInt

from bot.quentli import Customer, Invoice, QuentliError
from bot.quentli.models import UtcDatetime
from bot.services.billing_payloads import Change, LedgerModel, OperationPayload
from bot.store import AuditEntry, Link, OperationState

__all__ = [
    "CancelOutcome",
    "Cancelled",
    "Changed",
    "ChargeOutcome",
    "Charged",
    "ConfirmOutcome",
    "CustomerOverview",
    "Done",
    "Earlier",
    "Expired",
    "Failed",
    "InvoiceCreated",
    "InvoiceLookup",
    "LinkedChat",
    "MarkedPaid",
    "Missing",
    "NotYours",
    "OperationRecord",
    "OperationResult",
    "OperationState",
    "Proposal",
    "Voided",
]

P = TypeVar("P", bound=OperationPayload)


# --- results, as stored in the ledger ----------------------------------------------------------


class OperationResult(LedgerModel):
    """What every kind's result says: the invoice, its customer and the amount (centavos)."""

    invoice_id: str
    customer_id: str
    customer_name: str
    amount: StrictInt


class InvoiceCreated(OperationResult):
    """``invoice.create`` and ``checkout.create``: the invoice Quentli made."""

    description: str
    due_date: UtcDatetime


class MarkedPaid(OperationResult):
    """``invoice.mark_paid``: ``amount`` is what Quentli recorded as paid."""

    concept: str
    is_paid: bool
    payment_time: UtcDatetime


class ChargeOutcome(StrEnum):
    """How a charge of the saved card went."""

    OK = "ok"
    NO_CARD = "no_card"
    DECLINED = "declined"


class Charged(OperationResult):
    """``invoice.charge``: ``amount`` is what Quentli charged (or tried to)."""

    concept: str
    success: bool
    outcome: ChargeOutcome
    payment_id: str | None


class Voided(OperationResult):
    """``invoice.void``: the invoice Quentli cancelled; ``amount`` is what it no longer asks."""

    concept: str


# --- an operation and the outcome of a press ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class OperationRecord:
    """A ledger entry with its payload and result read through its kind's models."""

    op_id: str
    kind: str
    state: OperationState
    payload: OperationPayload
    result: OperationResult | None
    error: str | None
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Proposal(Generic[P]):
    """A recorded operation waiting for its Confirm: its id (for the buttons) and exactly what
    Confirm will send."""

    op_id: str
    payload: P


@dataclass(frozen=True, slots=True)
class Done:
    """The write succeeded. ``first`` is False when an earlier press did it (shown again).

    ``checkout_url`` (a credential) is only on the first answer of a checkout: it is never
    stored, so a repeated press points to ``/link`` instead.
    """

    op: OperationRecord
    result: OperationResult
    first: bool
    notified: int | None = None
    checkout_url: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Failed:
    """Quentli refused or did not answer; ``op.state`` is ``failed`` or ``unknown``.

    ``before_write`` is True when the failed call was the re-read of the invoice just before
    the write: the write was never sent (``op.state`` is ``failed``).
    """

    op: OperationRecord
    error: QuentliError
    before_write: bool = False

    @property
    def unknown(self) -> bool:
        """True when the write may have landed (never retried automatically)."""
        return self.op.state == OperationState.UNKNOWN


@dataclass(frozen=True, slots=True)
class Changed:
    """The invoice changed in Quentli after the summary was shown, so the write was NOT sent
    (``op.state`` is ``failed``).

    ``invoice`` is Quentli's current record (``None`` when Quentli no longer has it).
    """

    op: OperationRecord
    what: Change
    invoice: Invoice | None


@dataclass(frozen=True, slots=True)
class Expired:
    """Confirm came too long after the summary: the operation was cancelled, nothing sent."""

    op: OperationRecord


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier press already started it: ``op.state`` says in flight, unknown, failed or
    cancelled (a ``done`` one comes back as ``Done(first=False)``)."""

    op: OperationRecord


@dataclass(frozen=True, slots=True)
class Cancelled:
    """The Cancel button: the operation will never run."""

    op: OperationRecord


@dataclass(frozen=True, slots=True)
class NotYours:
    """Someone other than its creator pressed the button."""


@dataclass(frozen=True, slots=True)
class Missing:
    """No such operation (a forged or ancient button)."""


ConfirmOutcome = Done | Failed | Changed | Expired | Earlier | NotYours | Missing
CancelOutcome = Cancelled | Done | Earlier | NotYours | Missing


# --- reads --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceLookup:
    """An invoice and its customer (None when Quentli no longer has the customer)."""

    invoice: Invoice
    customer: Customer | None

    @property
    def customer_name(self) -> str:
        """The customer's name, or their id when unknown."""
        return self.customer.name if self.customer is not None else self.invoice.customer_id


#: A chat linked to a customer, as the store keeps it (active or not, since when).
LinkedChat = Link


@dataclass(frozen=True, slots=True)
class CustomerOverview:
    """What /customer shows: open invoices (oldest due first), linked chats (``chats``, active
    and inactive, as the store knows them), whether a card is saved, audit rows."""

    customer: Customer
    open_invoices: list[Invoice]
    owed: int
    overdue: int
    active_chats: int
    inactive_chats: int
    recent: list[AuditEntry]
    chats: tuple[LinkedChat, ...] = ()
    #: Whether a card is saved (None: Quentli could not say).
    has_card: bool | None = False
    # The names of the staff in ``recent`` (one the bot never saw is left out: show the id).
    actor_names: Mapping[int, str] = field(default_factory=dict)
    # The names of the people behind the linked (private) chats (unknown ones left out).
    chat_names: Mapping[int, str] = field(default_factory=dict)
