"""Receipts: one builder for every way the bot learns that an invoice is paid.

A receipt names the school, the child (the customer), the concept, the amount, how it was paid
and the payment's reference (Quentli's payment id, else the invoice id). Whoever learns of the
payment first (a webhook, the poller, staff's mark-paid or /cargar) queues it under the dedupe
key ``paid:<invoice_id>``: each linked chat gets one receipt per invoice.

How it was paid:

- a card on the payment page (Quentli's ``CARD`` payment, announced by a webhook or the poller);
- the saved card, charged by the school with /cargar (the ledger has that charge in hand);
- at the school, as the staff member recorded it (``MarkPaidPayload.method``; none: "at the
  school");
- otherwise through Quentli in a way the bot does not know (``ONLINE``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from bot.services.billing_payloads import KIND_CHARGE
from bot.services.notifications import Lines, Money, Notifier, paid_key
from bot.services.payment_methods import PaymentMethod
from bot.store import Repositories, utc_now

__all__ = ["ONLINE", "How", "Receipt", "Receipts", "charged_by_school", "how_key"]

#: Paid through Quentli, in a way it did not say (a payment type the bot does not know).
ONLINE: Final = "online"

#: How a payment was made: a method, ``None`` for "at the school" (how not recorded), or
#: :data:`ONLINE`.
How = PaymentMethod | None | Literal["online"]

#: A /cargar still in flight (or whose outcome a restart left unknown) this long ago is taken
#: as the charge that paid or failed: older ones are not.
CHARGE_IN_HAND = dt.timedelta(hours=1)


def how_key(how: How) -> str:
    """The catalog key that says how a payment was made."""
    if how is None:
        return "receipt.method.school"
    return f"receipt.method.{how}"


@dataclass(frozen=True, slots=True)
class Receipt:
    """A paid invoice, as its receipt tells it.

    Attributes:
        invoice_id: the invoice.
        customer_id: whose linked chats get it.
        name: the child's (the customer's) name.
        concept: what was paid.
        amount: centavos paid.
        paid_on: when (a day, or a moment shown as its day).
        how: how it was paid.
        reference: the payment's reference (Quentli's payment id, else the invoice id).
    """

    invoice_id: str
    customer_id: str
    name: str
    concept: str
    amount: int
    paid_on: dt.date | dt.datetime
    how: How
    reference: str


class Receipts:
    """Queues receipts for the parents, once per invoice and chat.

    Args:
        notifier: queues the messages.
        school: the school's name (``SCHOOL_NAME``, or the sandbox's demo school), or None.
    """

    def __init__(self, notifier: Notifier, school: str | None = None) -> None:
        self._notifier = notifier
        self.school = school

    async def send(self, receipt: Receipt) -> int:
        """Queue ``receipt`` for every chat linked to its customer.

        Returns:
            The number of chats that can receive it (see :meth:`Notifier.to_customer`).
        """
        if self.school:
            school = Lines((("receipt.school", {"school": self.school}),))
        else:
            school = Lines((("receipt.school_unnamed", {}),))
        return await self._notifier.to_customer(
            receipt.customer_id,
            "notify.paid",
            dedupe_key=paid_key(receipt.invoice_id),
            school=school,
            name=receipt.name,
            concept=receipt.concept,
            amount=Money(receipt.amount),
            how=Lines(((how_key(receipt.how), {}),)),
            paid_on=receipt.paid_on,
            reference=receipt.reference,
        )


async def charged_by_school(repos: Repositories, invoice_id: str, payment_id: str | None) -> bool:
    """True when a payment (or a failed attempt) ``payment_id`` of ``invoice_id`` is the saved
    card charged by the school with /cargar, as the ledger knows it.

    A charge done (succeeded or declined) is that payment when its payment id is the same; a
    charge in flight right now, or left unknown by a restart (recently), is taken to be it.
    """
    now = utc_now()
    for op in await repos.operations.started_for_invoice(KIND_CHARGE, invoice_id):
        result = op.result or {}
        if payment_id is not None and result.get("payment_id") == payment_id:
            return True
        if op.state in ("in_flight", "unknown") and now - op.updated_at < CHARGE_IN_HAND:
            return True
    return False
