"""/portal: a one-time link to the family's Quentli portal (cards, receipts, tax details).

One linked customer: the link at once. Several: a button per customer (``portal:<cus_id>``),
each re-checked against the chat's links when pressed. Private chats only.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.errors import quentli_error_text
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, is_private, reply, texts_for
from bot.handlers.ui.private_links import invite_to_private, linked_private_chat, send_link
from bot.quentli.errors import QuentliError
from bot.texts import Texts

log = logging.getLogger(__name__)


async def portal(update: Update, context: BotContext) -> None:
    """/portal: the portal link, or buttons to choose whose portal when there are several."""
    t = await texts_for(update, context)
    links = await linked_private_chat(update, context, t)
    if links is None:
        return
    if len(links) == 1:
        await _send_portal(update, context, t, links[0].customer_id)
        return
    rows = []
    for link in links:
        data = callbacks.PORTAL.data_if_fits(link.customer_id)
        if data is not None:  # an id too long for a button's data gets no button
            rows.append([InlineKeyboardButton(link.customer_name, callback_data=data)])
    await reply(update, context, t("portal.pick"), t=t, reply_markup=InlineKeyboardMarkup(rows))


async def portal_button(update: Update, context: BotContext) -> None:
    """A customer picked in /portal: re-check the link, then send that portal."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    if not is_private(update):
        await invite_to_private(update, context, t)
        return
    await _send_portal(update, context, t, callbacks.value(query.data))


async def _send_portal(update: Update, context: BotContext, t: Texts, customer_id: str) -> None:
    chat = update.effective_chat
    assert chat is not None
    service = context.services.parents
    try:
        session = await service.portal_link(chat.id, customer_id)
    except QuentliError as exc:
        # a portal session is harmless to ask for again: whoever asks (even staff looking at
        # their own child's portal) acts as a parent here, and is told to try again
        log.warning("portal session failed: %s", type(exc).__name__)
        await reply(update, context, quentli_error_text(t, exc, Role.PARENT), t=t)
        return
    if session is None:
        await reply(update, context, t("portal.not_found"), t=t)
        return
    name = next(
        (
            link.customer_name
            for link in await service.links(chat.id)
            if link.customer_id == customer_id
        ),
        customer_id,
    )
    await send_link(
        update,
        context,
        t,
        t("portal.link", name=name),
        session.url,
        inline_key="portal.link_inline",
        button_key="portal.open_button",
    )


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/portal and its pick buttons (``portal:<customer_id>``)."""
    return [
        CommandHandler(names("portal"), portal),
        CallbackQueryHandler(portal_button, pattern=callbacks.PORTAL.pattern),
    ]
