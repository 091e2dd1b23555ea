"""Command menus: per language for everyone, per chat for staff (the menu is cosmetic)."""

from __future__ import annotations

import logging
from datetime import tzinfo

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.handlers.ui.commands import visible_to
from bot.handlers.ui.common import Role, plain
from bot.texts import SUPPORTED, Texts

log = logging.getLogger(__name__)


def menu(role: Role, lang: str, t: Texts) -> list[BotCommand]:
    """The menu a role sees in a language."""
    return [BotCommand(c.name(lang), plain(t(c.help_key))) for c in visible_to(role)]


async def set_default_menus(bot: Bot, default_lang: str, tz: tzinfo) -> None:
    """Everyone's menu, once per language, plus the fallback in the school's language."""
    for lang in SUPPORTED:
        t = Texts(lang, tz)
        await bot.set_my_commands(menu(Role.PARENT, lang, t), language_code=lang)
    t = Texts(default_lang, tz)
    await bot.set_my_commands(menu(Role.PARENT, default_lang, t))


async def set_chat_menu(bot: Bot, chat_id: int, role: Role, lang: str, tz: tzinfo) -> None:
    """One chat's own menu (staff, or a chat that chose its language)."""
    t = Texts(lang, tz)
    try:
        await bot.set_my_commands(menu(role, lang, t), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        # An admin who never opened the chat has no chat yet; the menu is cosmetic.
        log.info("could not set the menu of chat %s: %s", chat_id, exc)


async def clear_chat_menu(bot: Bot, chat_id: int) -> None:
    """Back to the everyone menu (a staff member removed)."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.info("could not clear the menu of chat %s: %s", chat_id, exc)


__all__ = ["clear_chat_menu", "menu", "set_chat_menu", "set_default_menus"]
