"""/cancel: leave any guided flow; outside one, cancel the summaries still waiting for
their Confirm (one-line /invoice, /markpaid, /charge), or say there was nothing to cancel."""

from __future__ import annotations

from typing import Any

from telegram import ReplyKeyboardRemove, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.context import BotContext
from bot.handlers.outcomes import cancelled_text
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.drafts import drop_draft


async def cancel_flow(update: Update, context: BotContext) -> int:
    """/cancel inside a flow: drop its draft and end it."""
    drop_draft(context)
    t = await texts_for(update, context)
    await reply(update, context, t("cancel.done"), t=t, reply_markup=ReplyKeyboardRemove())
    return ConversationHandler.END


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/cancel with no flow open: cancel this user's operations whose Confirm was never
    pressed (a later press on their summary says so), or say there was nothing to cancel."""
    t = await texts_for(update, context)
    user, chat = update.effective_user, update.effective_chat
    cancelled = []
    # Staff operations live in private chats: a group never hears what they were.
    if user is not None and chat is not None and chat.type == ChatType.PRIVATE:
        cancelled = await context.services.billing.cancel_pending(user.id)
    text = cancelled_text(t, cancelled) if cancelled else t("cancel.nothing")
    await reply(update, context, text, t=t, reply_markup=ReplyKeyboardRemove())


def cancel_handler() -> BaseHandler[Update, BotContext, Any]:
    """The fallback every ConversationHandler lists."""
    return CommandHandler(names("cancel"), cancel_flow)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/cancel outside any flow (registered after the flows)."""
    return [CommandHandler(names("cancel"), nothing_to_cancel)]
