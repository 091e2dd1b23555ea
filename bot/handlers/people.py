"""Every update: keep its sender's name and Telegram language (people by name, SPEC rules 8, 9).

Registered alone in the first group, not blocking: the update goes on to the other handlers
at once, whatever happens here.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update, User
from telegram.ext import BaseHandler, TypeHandler

from bot.context import BotContext

log = logging.getLogger(__name__)


def display_name(user: User) -> str:
    """First and last name, else ``@username``, else the id (Telegram requires a first name,
    but it may be blank)."""
    name = " ".join(f"{user.first_name} {user.last_name or ''}".split())
    if name:
        return name
    return f"@{user.username}" if user.username else str(user.id)


async def remember(update: Update, context: BotContext) -> None:
    """Any update from a person: keep their name and language when they changed."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    try:
        await context.services.people.seen(
            user.id, display_name(user), user.username, user.language_code
        )
    except Exception:
        # A profile is a nicety: never let it cost the update its answer.
        log.warning("could not keep a person's profile", exc_info=True)


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The profile keeper (group -2 in bot/app.py: before everything, never blocking)."""
    return [TypeHandler(Update, remember, block=False)]
