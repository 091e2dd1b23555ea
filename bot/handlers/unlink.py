"""/unlink: remove this chat's links to its customers, after a confirmation."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import edit_or_reply, reply, texts_for


async def unlink(update: Update, context: BotContext) -> None:
    """/unlink: list what would be unlinked and ask to confirm."""
    t = await texts_for(update, context)
    chat = update.effective_chat
    assert chat is not None
    links = await context.services.parents.links(chat.id)
    if not links:
        await reply(update, context, t("unlink.none"), t=t)
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("button.confirm"), callback_data=callbacks.UNLINK.data("yes")
                ),
                InlineKeyboardButton(
                    t("button.cancel"), callback_data=callbacks.UNLINK.data("no")
                ),
            ]
        ]
    )
    names_ = ", ".join(link.customer_name for link in links)
    await reply(update, context, t("unlink.confirm", names=names_), t=t, reply_markup=keyboard)


async def unlink_answer(update: Update, context: BotContext) -> None:
    """The Confirm / Cancel buttons of /unlink."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    await query.answer()
    t = await texts_for(update, context)
    if callbacks.value(query.data) != "yes":
        await edit_or_reply(update, context, t("unlink.kept"), t=t)
        return
    removed = await context.services.linking.unlink(chat.id)
    key = "unlink.done" if removed else "unlink.none"
    await edit_or_reply(update, context, t(key), t=t)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/unlink (/desvincular) and its confirmation buttons."""
    return [
        CommandHandler(names("unlink"), unlink),
        CallbackQueryHandler(unlink_answer, pattern=callbacks.UNLINK.pattern),
    ]
