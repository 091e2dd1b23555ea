"""What a staff money operation came to, as the Telegram layer renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.quentli import Customer, Invoice, QuentliError
from bot.store import AuditEntry, Operation, OperationState

__all__ = [
    "CHANGE_AMOUNT",
    "CHANGE_CANCELLED",
    "CHANGE_CUSTOMER",
    "CHANGE_GONE",
    "CHANGE_PAID",
    "CancelOutcome",
    "Cancelled",
    "Changed",
    "ConfirmOutcome",
    "CustomerOverview",
    "Done",
    "Earlier",
    "Expired",
    "Failed",
    "InvoiceLookup",
    "Missing",
    "NotYours",
]


@dataclass(frozen=True, slots=True)
class Done:
    """The write succeeded. ``first`` is False when an earlier press did it (shown again).

    ``checkout_url`` (a credential) is only on the first answer of a checkout: it is never
    stored, so a repeated press points to ``/link`` instead.
    """

    op: Operation
    result: dict[str, Any]
    first: bool
    notified: int | None = None
    checkout_url: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Failed:
    """Quentli refused or did not answer; ``op.state`` is ``failed`` or ``unknown``.

    ``before_write`` is True when the failed call was the re-read of the invoice just before
    the write: the write was never sent (``op.state`` is ``failed``).
    """

    op: Operation
    error: QuentliError
    before_write: bool = False

    @property
    def unknown(self) -> bool:
        """True when the write may have landed (never retried automatically)."""
        return self.op.state == OperationState.UNKNOWN


#: What :class:`Changed` found different in Quentli from what the staff member confirmed.
CHANGE_AMOUNT = "amount"
CHANGE_PAID = "paid"
CHANGE_CANCELLED = "cancelled"
CHANGE_CUSTOMER = "customer"
CHANGE_GONE = "gone"


@dataclass(frozen=True, slots=True)
class Changed:
    """The invoice changed in Quentli after the summary was shown, so the write was NOT sent
    (``op.state`` is ``failed``).

    ``what`` is one of the ``CHANGE_*`` values; ``invoice`` is Quentli's current record
    (``None`` when Quentli no longer has it).
    """

    op: Operation
    what: str
    invoice: Invoice | None


@dataclass(frozen=True, slots=True)
class Expired:
    """Confirm came too long after the summary: the operation was cancelled, nothing sent."""

    op: Operation


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier press already started it: ``op.state`` says in flight, unknown, failed or
    cancelled (a ``done`` one comes back as ``Done(first=False)``)."""

    op: Operation


@dataclass(frozen=True, slots=True)
class Cancelled:
    """The Cancel button: the operation will never run."""

    op: Operation


@dataclass(frozen=True, slots=True)
class NotYours:
    """Someone other than its creator pressed the button."""


@dataclass(frozen=True, slots=True)
class Missing:
    """No such operation (a forged or ancient button)."""


ConfirmOutcome = Done | Failed | Changed | Expired | Earlier | NotYours | Missing
CancelOutcome = Cancelled | Done | Earlier | NotYours | Missing


@dataclass(frozen=True, slots=True)
class InvoiceLookup:
    """An invoice and its customer (None when Quentli no longer has the customer)."""

    invoice: Invoice
    customer: Customer | None

    @property
    def customer_name(self) -> str:
        """The customer's name, or their id when unknown."""
        return self.customer.name if self.customer is not None else self.invoice.customer_id


@dataclass(frozen=True, slots=True)
class CustomerOverview:
    """What /customer shows: open invoices (oldest due first), linked chats, audit rows."""

    customer: Customer
    open_invoices: list[Invoice]
    owed: int
    overdue: int
    active_chats: int
    inactive_chats: int
    recent: list[AuditEntry]
