"""``shop.purchase``: a parent's purchase in the school shop, as an operation of the exactly-once
engine (bot.services.operations): what the parent confirms, the one
``POST /v1/invoice-payment-sessions`` Confirm sends, and what it records.

The session names the child by the ``username`` Quentli already has for the linked customer, so
Quentli finds that customer instead of making a new one. No I/O but in :func:`perform`.
"""

from __future__ import annotations

import logging
from datetime import date

from pydantic import StrictInt

from bot.quentli import (
    InvoicePaymentSessionInput,
    MetadataEntry,
    SessionCustomer,
    SessionItem,
)
from bot.quentli.models import UtcDatetime
from bot.services.billing_payloads import CustomerPayload
from bot.services.billing_requests import COLLECTION_METHOD
from bot.services.billing_results import Done, OperationResult
from bot.services.operations import OperationEngine, OperationKind, Performed, Run

__all__ = [
    "KIND_SHOP",
    "SHOP_PURCHASE",
    "ShopPurchasePayload",
    "ShopPurchased",
    "shop_session_input",
]

log = logging.getLogger(__name__)

KIND_SHOP = "shop.purchase"


class ShopPurchasePayload(CustomerPayload):
    """What the parent confirmed: ``quantity`` of the item at ``unit_price`` for the linked
    customer (``amount`` is the total), due on ``due`` (``due_date``: 00:00 there)."""

    chat_id: int
    username: str
    item_id: int
    item_name: str
    unit_price: StrictInt
    quantity: StrictInt
    due: date
    due_date: UtcDatetime

    @property
    def what(self) -> str:
        return self.item_name


class ShopPurchased(OperationResult):
    """The invoice the session made (``customer_id``: the customer Quentli used)."""

    item_name: str
    quantity: StrictInt
    due_date: UtcDatetime


def shop_session_input(payload: ShopPurchasePayload, op_id: str) -> InvoicePaymentSessionInput:
    """``POST /v1/invoice-payment-sessions`` body from a confirmed purchase: the linked
    customer by name and username, and one line of ``quantity`` items."""
    return InvoicePaymentSessionInput(
        customer=SessionCustomer(name=payload.customer_name, username=payload.username),
        due_date=payload.due_date,
        items=[
            SessionItem(
                description=payload.item_name,
                amount=payload.unit_price,
                quantity=payload.quantity,
            )
        ],
        collection_method=COLLECTION_METHOD,
        metadata=[
            MetadataEntry(key="source", value="telegram"),
            MetadataEntry(key="telegram_op", value=op_id),
            MetadataEntry(key="shop_item", value=str(payload.item_id)),
        ],
    )


async def perform(engine: OperationEngine, run: Run[ShopPurchasePayload]) -> Performed:
    """Send the session once; record the invoice and watch it for the receipt."""
    p = run.payload
    session = await engine.quentli.create_invoice_payment_session(
        shop_session_input(p, run.op.op_id)
    )
    result = ShopPurchased(
        invoice_id=session.invoice.id,
        customer_id=session.customer.id,
        customer_name=p.customer_name,
        amount=session.invoice.total_amount,
        item_name=p.item_name,
        quantity=p.quantity,
        due_date=session.invoice.due_date,
    )
    done = await engine.finish(run, result)
    if session.customer.id != p.customer_id:
        # The username now names another customer: the URL opens someone else's account, so
        # it is never shown (SPEC rule 1); the record says which customer Quentli used.
        log.warning("a shop session was made for another customer than the linked one")
        return Done(done, result, first=True)
    # Watched with the parent as its issuer: the receipt reaches the linked chats when it is
    # paid, and Quentli's INVOICE_CREATED is not announced again (the parent has the link).
    await engine.repos.watches.watch(session.invoice.id, session.customer.id, run.user_id)
    return Done(done, result, first=True, checkout_url=session.url)


SHOP_PURCHASE = OperationKind(KIND_SHOP, ShopPurchasePayload, ShopPurchased, perform)
