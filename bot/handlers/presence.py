"""Every update first: a chat that had blocked the bot and writes again gets its messages."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, TypeHandler

from bot.context import BotContext


async def chat_seen(update: Update, context: BotContext) -> None:
    """Any update: turn delivery back on for a chat that had blocked the bot; then the
    update goes on to the other handlers."""
    chat = update.effective_chat
    if chat is not None:
        await context.services.notifier.chat_returned(chat.id)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The presence check, for a group of its own before every other."""
    return [TypeHandler(Update, chat_seen)]
