"""Gatekeepers: staff and admin commands check the store on every call, before anything else."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.handlers.ui.common import Role, is_private, plain, reply, role_of, texts_for

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]


def _gate(minimum: Role, refusal_key: str) -> Callable[[Callback], Callback]:
    def decorate(callback: Callback) -> Callback:
        @functools.wraps(callback)
        async def gated(update: Update, context: BotContext) -> Any:
            user = update.effective_user
            role = await role_of(context, user.id if user else None)
            if role < minimum:
                await _refuse(update, context, refusal_key)
                return ConversationHandler.END
            if not is_private(update):
                await _refuse(update, context, "gate.private_only")
                return ConversationHandler.END
            return await callback(update, context)

        return gated

    return decorate


async def _refuse(update: Update, context: BotContext, key: str) -> None:
    t = await texts_for(update, context)
    query = update.callback_query
    if query is not None:
        await query.answer(plain(t(key)), show_alert=True)
        return
    await reply(update, context, t(key), t=t)


staff_only = _gate(Role.STAFF, "gate.staff_only")
admin_only = _gate(Role.ADMIN, "gate.admin_only")
