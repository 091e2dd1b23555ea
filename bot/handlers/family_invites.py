"""Family-wide invites: an /invite also links the siblings who share the chosen customer's
phone number, unless the staff member switches them off with the button of the invite's reply
(on by default) before the invite is used."""

from __future__ import annotations

import contextlib
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler
from telegram.helpers import create_deep_linked_url

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import plain, texts_for
from bot.handlers.ui.gates import staff_only
from bot.quentli.models import Customer
from bot.texts import Texts

__all__ = ["build_handlers", "family_invite"]


def siblings_keyboard(t: Texts, ref: str, on: bool) -> InlineKeyboardMarkup:
    """The one switch: pressing it turns the siblings off (when on) or on again."""
    label = t("invite.siblings_button_on" if on else "invite.siblings_button_off")
    data = callbacks.INVITE_SIBLINGS.data(ref, "off" if on else "on")
    return InlineKeyboardMarkup([[InlineKeyboardButton(plain(label), callback_data=data)]])


async def family_invite(
    context: BotContext, t: Texts, customer: Customer, staff_id: int
) -> tuple[str, str, InlineKeyboardMarkup | None]:
    """Make the invite of ``customer`` (and its siblings).

    Returns:
        The deep link, the staff's reply text and its siblings switch (None: no siblings).

    Raises:
        QuentliError: the siblings could not be looked up; no invite was made.
    """
    invite = await context.services.linking.create_family_invite(customer, staff_id)
    url = create_deep_linked_url(context.bot.username, invite.token)
    days = context.services.linking.invite_ttl.days
    text = t("invite.created", name=customer.name, url=url, count=days)
    if not invite.siblings:
        return url, text, None
    names = ", ".join(name for _, name in invite.siblings)
    text += "\n\n" + t("invite.siblings", names=names)
    return url, text, siblings_keyboard(t, invite.ref, on=True)


@staff_only
async def siblings_switched(update: Update, context: BotContext) -> None:
    """The siblings switch of an invite's reply: include them or not, while it is unused."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    ref, _, choice = callbacks.value(query.data).partition(":")
    invite = await context.services.linking.include_siblings(ref, choice == "on")
    if invite is None or invite.used_at is not None:
        await query.answer(plain(t("invite.siblings_too_late")), show_alert=True)
        return
    if invite.with_siblings:
        note = t("invite.siblings_on")
    else:
        note = t("invite.siblings_off", name=invite.customer_name or "")
    await query.answer(plain(note))
    if isinstance(query.message, Message):
        # The same press delivered twice: the keyboard already shows it.
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(
                siblings_keyboard(t, invite.ref, invite.with_siblings)
            )


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The siblings switch of /invite's replies."""
    return [CallbackQueryHandler(siblings_switched, pattern=callbacks.INVITE_SIBLINGS.pattern)]
