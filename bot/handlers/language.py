"""/language: Spanish or English for this chat."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, edit_or_reply, is_private, reply, role_of, texts_for
from bot.handlers.ui.menus import set_chat_menu
from bot.texts import SUPPORTED, Texts


async def language(update: Update, context: BotContext) -> None:
    """/language [es|en]: switch at once with an argument, else offer two buttons."""
    t = await texts_for(update, context)
    if context.args:
        choice = context.args[0].lower()
        if choice not in SUPPORTED:
            await reply(update, context, t("language.unknown", given=context.args[0]), t=t)
            return
        await _switch(update, context, choice)
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Español", callback_data=callbacks.LANGUAGE.data("es")),
                InlineKeyboardButton("English", callback_data=callbacks.LANGUAGE.data("en")),
            ]
        ]
    )
    await reply(update, context, t("language.ask"), t=t, reply_markup=keyboard)


async def language_pressed(update: Update, context: BotContext) -> None:
    """A language button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await _switch(update, context, callbacks.value(query.data))


async def _switch(update: Update, context: BotContext, lang: str) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    await context.services.languages.choose(chat.id, lang)
    t = Texts(lang, context.services.settings.tz)
    role = await role_of(context, user.id if user else None, chat.id)
    if not is_private(update):
        role = Role.PARENT  # a group's menu is everyone's menu, whoever changed its language
    # The chat's own menu follows its chosen language, whatever the phone's language is.
    await set_chat_menu(context.bot, chat.id, role, lang, t.tz)
    await edit_or_reply(update, context, t("language.set"), t=t)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/language (/idioma) and its buttons."""
    return [
        CommandHandler(names("language"), language),
        CallbackQueryHandler(language_pressed, pattern=callbacks.LANGUAGE.pattern),
    ]
