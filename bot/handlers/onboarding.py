"""A new family from /checkout into the chat: a one-time Telegram link for them, and their
checkout link once they opened it.

1. After the checkout's Confirm (bot/handlers/confirm.py), the staff member also gets a
   one-time ``t.me/<bot>?start=<token>`` link and its QR picture (the invite's token rules);
2. the family opens it (bot/handlers/start.py): their chat is linked to the customer the
   session made or found, and :func:`send_checkout` gives them a fresh payment link of the
   session's invoice with a Pay button. The invoice is watched since the checkout, so the
   receipt reaches the chat when it is paid.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.helpers import create_deep_linked_url

from bot.context import BotContext
from bot.handlers.ui.common import reply
from bot.handlers.ui.printable import invite_png
from bot.handlers.ui.private_links import send_link
from bot.quentli.errors import QuentliError
from bot.services.billing_payloads import KIND_CHECKOUT
from bot.services.billing_results import ConfirmOutcome, Done, InvoiceCreated
from bot.services.parents import AlreadyPaid, Canceled, LinkReady
from bot.texts import Texts

__all__ = ["send_checkout", "send_family_link"]

log = logging.getLogger(__name__)

_AS_PAY_LINK = {"inline_key": "pay.link_inline", "button_key": "pay.open_button"}


async def send_family_link(
    update: Update, context: BotContext, t: Texts, outcome: ConfirmOutcome
) -> None:
    """After a checkout's first Confirm: the family's one-time link, then its QR picture."""
    if not isinstance(outcome, Done) or outcome.op.kind != KIND_CHECKOUT:
        return
    if not outcome.first or not isinstance(outcome.result, InvoiceCreated):
        return
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    created = outcome.result
    token = await context.services.linking.create_checkout_invite(
        created.customer_id, created.customer_name, created.invoice_id, user.id
    )
    url = create_deep_linked_url(context.bot.username, token)
    days = context.services.linking.invite_ttl.days
    text = t("onboard.family_link", name=created.customer_name, url=url, count=days)
    await reply(update, context, text, t=t, link_preview_options=None)
    caption = t("onboard.qr_caption", name=created.customer_name)
    picture = invite_png(url, context.services.school_name, created.customer_name)
    await context.bot.send_photo(chat.id, picture, caption=caption)


async def send_checkout(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The family's chat was just linked by a /checkout link: the invoice with a Pay button
    (a fresh link: the session's URL may have expired since), or that it is settled."""
    chat = update.effective_chat
    assert chat is not None
    try:
        outcome = await context.services.parents.payment_link(chat.id, invoice_id)
    except QuentliError as exc:
        log.warning("no checkout link for a new family: %s", type(exc).__name__)
        await reply(update, context, t("onboard.checkout_later"), t=t)
        return
    if isinstance(outcome, LinkReady):
        invoice = outcome.invoice
        text = t(
            "onboard.checkout",
            concept=invoice.concept_text or invoice.id,
            name=outcome.customer_name,
            amount=t.money(invoice.outstanding),
            due=t.date(invoice.due_date),
        )
        # Shown as /pay's Pay button shows a link: a URL button, or in the text.
        await send_link(update, context, t, text, outcome.link.url, **_AS_PAY_LINK)
    elif isinstance(outcome, AlreadyPaid | Canceled):
        key = "pay.already_paid" if isinstance(outcome, AlreadyPaid) else "pay.canceled"
        concept = outcome.invoice.concept_text or outcome.invoice.id
        await reply(update, context, t(key, concept=concept, name=outcome.customer_name), t=t)
