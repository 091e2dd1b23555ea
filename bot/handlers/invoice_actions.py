"""What staff can do with one unpaid invoice, as a table: the student card's buttons and the
invoice picker of /markpaid, /charge, /link (and the others) dispatch through it.

Every action has one signature, ``offer(update, context, t, invoice_id)``: it re-reads the
invoice (a paid or cancelled one is said so) and shows that action's next step (a summary with
Confirm / Cancel, the methods of payment, the link, or the reminder sent). Every press re-checks
the presser's role first (``staff_only``): a parent or a stranger changes nothing.

Buttons: ``ka:<action>:<invoice id>`` (an invoice), ``kc:<action>:<customer id>`` (a student
picked among several matches), ``kp:<action>:<page>:<customer id>`` (a page of the picker).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.handlers import charge, markpaid, paylink, reminders, void
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import show_invoice_choices
from bot.quentli.errors import NotFoundError
from bot.texts import Texts

__all__ = ["INVOICE_ACTIONS", "InvoiceAction", "Offer"]

#: The one signature of every invoice action.
Offer = Callable[[Update, BotContext, Texts, str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class InvoiceAction:
    """One thing to do with an invoice.

    Attributes:
        offer: shows the action's next step for an invoice id.
        label: the catalog key of its button on the card.
        needs_card: shown on the card only when the family saved a card.
    """

    offer: Offer
    label: str
    needs_card: bool = False


#: Every invoice action by its code (the ``<action>`` of the buttons), in the card's order.
INVOICE_ACTIONS: dict[str, InvoiceAction] = {
    markpaid.ACTION: InvoiceAction(markpaid.offer, "card.button.pay"),
    charge.ACTION: InvoiceAction(charge.offer, "card.button.charge", needs_card=True),
    paylink.ACTION: InvoiceAction(paylink.offer, "card.button.link"),
    reminders.ACTION: InvoiceAction(reminders.offer, "card.button.remind"),
    void.ACTION: InvoiceAction(void.offer, "card.button.void"),
}


@staff_only
@quentli_reads
async def action_pressed(update: Update, context: BotContext) -> None:
    """A card's invoice button or a picked invoice: that action's offer for the invoice."""
    query = update.callback_query
    assert query is not None and query.data is not None
    code, _, invoice_id = callbacks.value(query.data).partition(":")
    await query.answer()
    action = INVOICE_ACTIONS.get(code)
    if action is None:  # a button of an action that no longer exists
        return
    t = await texts_for(update, context)
    await action.offer(update, context, t, invoice_id)


@staff_only
@quentli_reads
async def customer_picked(update: Update, context: BotContext) -> None:
    """A student picked among several matches: their unpaid invoices, to pick one."""
    query = update.callback_query
    assert query is not None and query.data is not None
    code, _, customer_id = callbacks.value(query.data).partition(":")
    await _choices(update, context, code, customer_id, 0)


@staff_only
@quentli_reads
async def page_pressed(update: Update, context: BotContext) -> None:
    """◀ / ▶ of the picker: that page of the student's unpaid invoices (read afresh)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    code, page, customer_id = callbacks.value(query.data).split(":", 2)
    await _choices(update, context, code, customer_id, int(page))


async def _choices(
    update: Update, context: BotContext, code: str, customer_id: str, page: int
) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    t = await texts_for(update, context)
    action = INVOICE_ACTIONS.get(code)
    if action is None:
        return
    try:
        customer = await context.services.resolver.get(customer_id)
    except NotFoundError:
        await reply(update, context, t("card.pick.gone"), t=t)
        return
    await show_invoice_choices(
        update, context, t, code, customer, page, edit=True, needs_card=action.needs_card
    )


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The invoice buttons of the card and of the picker."""
    return [
        CallbackQueryHandler(action_pressed, pattern=callbacks.INVOICE_ACTION.pattern),
        CallbackQueryHandler(customer_picked, pattern=callbacks.INVOICE_ACTION_CUSTOMER.pattern),
        CallbackQueryHandler(page_pressed, pattern=callbacks.INVOICE_ACTION_PAGE.pattern),
    ]
