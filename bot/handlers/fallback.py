"""Last resort: an unknown command or a stale button gets a pointer to /help, never silence.

Words, stickers and the like are answered by ``bot.handlers.words``, registered just before.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers.ui.common import plain, reply, texts_for


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not know (often a typo)."""
    t = await texts_for(update, context)
    await reply(update, context, t("fallback.unknown_command"), t=t)


async def stale_button(update: Update, context: BotContext) -> None:
    """A button no handler knows (an old keyboard, e.g. from before an update of the bot)."""
    query = update.callback_query
    assert query is not None
    t = await texts_for(update, context)
    await query.answer(plain(t("fallback.stale_button")), show_alert=True)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Registered last, in their own group."""
    return [
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, unknown_command),
        CallbackQueryHandler(stale_button),
    ]
