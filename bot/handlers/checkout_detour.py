"""The ways out of a /checkout that found an existing customer (bot/handlers/checkout_lookup.py).

They are the buttons of the flow's ``MATCHES`` state (bot/handlers/billing_flows.py holds the
one conversation of guided flows; /cancel there drops the draft):

- bill that family with /invoice instead: its draft gets the customer and what the checkout
  already knew (concept, amount, due date), so the /invoice summary comes next;
- change the student id or the contact: that question again, then straight to the summary
  (which looks again);
- a new student after all (only when the student id was free): the checkout's summary;
- or a new value typed without a button: a phone or an e-mail replaces the contact, anything
  else that is a valid student id replaces it; the summary (which looks again) follows.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers import checkout_flow, invoice_flow
from bot.handlers.checkout_lookup import MATCHES
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.drafts import CheckoutFlowDraft, InvoiceFlowDraft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.quickpicks import settle_question
from bot.parsing import InputError
from bot.quentli.errors import NotFoundError
from bot.services.billing_input import clean_username, parse_contact
from bot.texts import Texts

__all__ = ["STALE_PREFIXES", "STATES"]


async def _waiting_draft(
    update: Update, context: BotContext, t: Texts
) -> CheckoutFlowDraft | None:
    """The checkout draft that stopped on its matches, or None (a stale button: said so)."""
    query = update.callback_query
    assert query is not None
    draft = load_draft(context, CheckoutFlowDraft)
    if draft.due is None or draft.username is None:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    return draft


@staff_only
@quentli_reads
async def bill_instead(update: Update, context: BotContext) -> int | None:
    """Bill the family that already exists with /invoice, carrying what was typed."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    draft = await _waiting_draft(update, context, t)
    if draft is None:
        return None
    try:
        customer = await context.services.billing.customer(callbacks.value(query.data))
    except NotFoundError:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    await settle_question(query, t("onboard.lookup.billing", name=customer.name))
    invoice = InvoiceFlowDraft(
        customer_id=customer.id,
        customer_name=customer.name,
        amount=draft.amount,
        description=draft.description,
        due=draft.due,
    )
    save_draft(context, invoice)
    return await invoice_flow._next(update, context, t)


@staff_only
async def change(update: Update, context: BotContext) -> int | None:
    """Ask the student id (or the contact) again; the answer goes back to the summary."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    if await _waiting_draft(update, context, t) is None:
        return None
    await settle_question(query, t("onboard.lookup.changing"))
    if callbacks.value(query.data) == "username":
        await reply(update, context, t("billing.checkout.ask_username"), t=t)
        return checkout_flow.USERNAME
    await reply(update, context, t("billing.checkout.ask_contact"), t=t)
    return checkout_flow.CONTACT


@staff_only
async def anyway(update: Update, context: BotContext) -> int | None:
    """A new student whose family shares a phone or e-mail: the checkout's summary."""
    query = update.callback_query
    assert query is not None
    t = await texts_for(update, context)
    draft = await _waiting_draft(update, context, t)
    if draft is None or draft.due is None:
        return None
    await settle_question(query, t("onboard.lookup.new_student"))
    return await checkout_flow._summary(update, context, t, draft.due, look=False)


@staff_only
@quentli_reads
async def typed_instead(update: Update, context: BotContext) -> int | None:
    """A new student id, phone or e-mail typed instead of pressing a button."""
    message = update.effective_message
    assert message is not None and message.text is not None
    t = await texts_for(update, context)
    draft = load_draft(context, CheckoutFlowDraft)
    if draft.due is None:
        return None
    try:
        contact = parse_contact(message.text)
        draft.phone, draft.email = contact.phone, contact.email
    except InputError:
        try:
            draft.username = clean_username(message.text)
        except InputError:
            await reply(update, context, t("onboard.lookup.typed_hint"), t=t)
            return None
    save_draft(context, draft)
    return await checkout_flow._summary(update, context, t, draft.due)


STATES: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
    MATCHES: [
        MessageHandler(filters.TEXT & ~filters.COMMAND, typed_instead),
        CallbackQueryHandler(bill_instead, pattern=callbacks.CHECKOUT_BILL_INSTEAD.pattern),
        CallbackQueryHandler(change, pattern=callbacks.CHECKOUT_CHANGE.pattern),
        CallbackQueryHandler(anyway, pattern=callbacks.CHECKOUT_ANYWAY.pattern),
    ]
}
STALE_PREFIXES = (
    callbacks.CHECKOUT_BILL_INSTEAD,
    callbacks.CHECKOUT_CHANGE,
    callbacks.CHECKOUT_ANYWAY,
)
