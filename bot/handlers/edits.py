"""Edited messages are not answers: a corrected typo must never be read as the next step."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, MessageHandler, filters

from bot.context import BotContext
from bot.handlers.ui.common import is_private, reply, texts_for


async def edited(update: Update, context: BotContext) -> None:
    """An edit: in a private chat say it was not taken; nothing else sees it."""
    if is_private(update):
        t = await texts_for(update, context)
        await reply(update, context, t("edit.ignored"), t=t)
    raise ApplicationHandlerStop


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """Registered in a group before every other handler."""
    return [MessageHandler(filters.UpdateType.EDITED, edited)]
