"""/cancel: leave any guided flow; outside one, say there was nothing to cancel."""

from __future__ import annotations

from typing import Any

from telegram import ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.context import BotContext
from bot.handlers.commands import names
from bot.handlers.common import reply, texts_for


async def cancel_flow(update: Update, context: BotContext) -> int:
    """/cancel inside a flow: drop its draft and end it."""
    context.user_data.pop("draft", None) if context.user_data is not None else None
    t = await texts_for(update, context)
    await reply(update, context, t("cancel.done"), t=t, reply_markup=ReplyKeyboardRemove())
    return ConversationHandler.END


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/cancel with no flow open."""
    t = await texts_for(update, context)
    await reply(update, context, t("cancel.nothing"), t=t, reply_markup=ReplyKeyboardRemove())


def cancel_handler() -> BaseHandler[Update, BotContext, Any]:
    """The fallback every ConversationHandler lists."""
    return CommandHandler(names("cancel"), cancel_flow)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/cancel outside any flow (registered after the flows)."""
    return [CommandHandler(names("cancel"), nothing_to_cancel)]
