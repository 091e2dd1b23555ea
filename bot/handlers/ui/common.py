"""What every handler shares: the user's language, their role, and replying with the texts."""

from __future__ import annotations

import html
import re
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType

from bot.context import BotContext
from bot.services.roles import Role
from bot.texts import Html, Texts, pick_language


async def role_of(context: BotContext, user_id: int | None, chat_id: int | None = None) -> Role:
    """The role of a user (PARENT only with ``chat_id``), read afresh on every call."""
    return await context.services.roles.of(user_id, chat_id)


async def language_of(update: Update, context: BotContext) -> str:
    """The chat's chosen language, else (a private chat) the user's Telegram language, else
    the default. A group (the office) is answered in its own language whoever writes or
    presses, so that what everyone there reads stays in one language."""
    stored = None
    chat = update.effective_chat
    if chat is not None:
        stored = await context.services.languages.chosen(chat.id)
    user = update.effective_user
    telegram = user.language_code if user is not None else None
    if chat is not None and chat.type != ChatType.PRIVATE:
        telegram = None
    return pick_language(stored, telegram, context.services.settings.bot_language)


async def texts_for(update: Update, context: BotContext) -> Texts:
    """The catalog in the language this update should be answered in."""
    return Texts(await language_of(update, context), context.services.settings.tz)


_TAG = re.compile(r"<[^>]+>")


def plain(html_text: str) -> str:
    """Text without markup, for places Telegram shows unformatted (alerts, button labels)."""
    return html.unescape(_TAG.sub("", html_text))


MESSAGE_LIMIT = 4096
"""Telegram's limit on a message text, counted after its HTML is parsed."""


def telegram_length(html_text: str) -> int:
    """How long Telegram counts an HTML message: tags dropped, entities decoded, in UTF-16
    code units (an emoji may count two; never less than what Telegram counts)."""
    return len(plain(html_text).encode("utf-16-le")) // 2


def is_private(update: Update) -> bool:
    """True for a one-to-one chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def sandbox_suffix(update: Update, context: BotContext, t: Texts) -> str:
    """The sandbox notice that ends every staff reply while no Quentli key is set."""
    if not context.services.sandbox_mode:
        return ""
    user = update.effective_user
    if await role_of(context, user.id if user else None) >= Role.STAFF:
        return "\n\n" + t("sandbox.notice")
    return ""


async def reply(
    update: Update,
    context: BotContext,
    text: str,
    *,
    t: Texts | None = None,
    **kwargs: Any,
) -> Message:
    """Answer in the update's chat: HTML, with the sandbox notice for staff."""
    t = t or await texts_for(update, context)
    text += await sandbox_suffix(update, context, t)
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, **kwargs)


async def edit_or_reply(
    update: Update, context: BotContext, text: str, *, t: Texts | None = None, **kwargs: Any
) -> None:
    """Edit the message a button belongs to, or answer anew when there is none."""
    query = update.callback_query
    t = t or await texts_for(update, context)
    if query is not None and isinstance(query.message, Message):
        text += await sandbox_suffix(update, context, t)
        await query.edit_message_text(text, **kwargs)
        return
    await reply(update, context, text, t=t, **kwargs)


__all__ = [
    "MESSAGE_LIMIT",
    "Html",
    "Role",
    "edit_or_reply",
    "is_private",
    "language_of",
    "plain",
    "reply",
    "role_of",
    "telegram_length",
    "texts_for",
]
