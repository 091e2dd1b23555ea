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
    text += "\n\n" + _siblings_line(t, names, on=True)
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
        keyboard = siblings_keyboard(t, invite.ref, invite.with_siblings)
        names = ", ".join(name for _, name in invite.siblings)
        text = _switched_text(t, query.message, names, invite.with_siblings)
        # The same press delivered twice: the message already shows it.
        with contextlib.suppress(BadRequest):
            if text is None:
                await query.edit_message_reply_markup(keyboard)
            else:
                await query.edit_message_text(text, reply_markup=keyboard)


def _siblings_line(t: Texts, names: str, on: bool) -> str:
    """The paragraph of the invite's reply that says whether the siblings come along."""
    return t("invite.siblings" if on else "invite.siblings_left_out", names=names)


def _switched_text(t: Texts, message: Message, names: str, on: bool) -> str | None:
    """The invite's reply with its siblings paragraph saying what the switch now says (None:
    the paragraph is not there, the text stays). The raw token is not stored, so the rest of
    the reply (its link, the sandbox notice) is kept as it was sent."""
    if message.text is None:
        return None
    lines = {plain(_siblings_line(t, names, either)) for either in (True, False)}
    paragraphs = message.text_html.split("\n\n")
    plain_paragraphs = message.text.split("\n\n")
    if len(paragraphs) != len(plain_paragraphs):
        return None
    for index, paragraph in enumerate(plain_paragraphs):
        if paragraph in lines:
            paragraphs[index] = _siblings_line(t, names, on)
            return "\n\n".join(paragraphs)
    return None


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The siblings switch of /invite's replies."""
    return [CallbackQueryHandler(siblings_switched, pattern=callbacks.INVITE_SIBLINGS.pattern)]
