"""/help: what this user can do, by role."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui.commands import names, visible_to
from bot.handlers.ui.common import Role, reply, role_of, texts_for


async def help_command(update: Update, context: BotContext) -> None:
    """/help: the commands of the user's role, each with one line."""
    t = await texts_for(update, context)
    user, chat = update.effective_user, update.effective_chat
    role = await role_of(context, user.id if user else None, chat.id if chat else None)
    lines = [t(f"help.intro.{role.name.lower()}")]
    for spec in visible_to(role):
        lines.append(f"/{spec.name(t.lang)} — {t(spec.help_key)}")
    if role >= Role.STAFF:
        lines.append(t("help.staff_footer"))
    await reply(update, context, "\n".join(lines), t=t)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """/help (/ayuda)."""
    return [CommandHandler(names("help"), help_command)]
