"""Plain answers for Quentli failures in staff money commands, and bad input.

Reads and writes need different words: a failed read changed nothing; a write whose fate is
unknown must say so and how to check, because it is never retried automatically.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from typing import Any

from telegram import Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.handlers.errors import quentli_error_text
from bot.handlers.ui.common import Role, reply, texts_for
from bot.handlers.ui.gates import Callback
from bot.quentli.errors import NotFoundError, QuentliError, ServerError
from bot.texts import Texts

log = logging.getLogger(__name__)


def billing_error_text(t: Texts, exc: QuentliError, *, check: str = "") -> str:
    """The message for a failed Quentli call of a staff money command.

    Args:
        t: the texts.
        exc: what the client raised.
        check: for a write whose fate is unknown, what to pass to /customer to check.
    """
    if exc.write_may_have_landed:
        return t("billing.err.write_unknown", check=check or "…")
    if isinstance(exc, ServerError):
        return t("billing.err.server")
    if isinstance(exc, NotFoundError):
        return t("billing.err.not_found")
    return quentli_error_text(t, exc, Role.STAFF)


def quentli_reads(callback: Callback) -> Callback:
    """Answer a Quentli failure during a handler's reads plainly (nothing was changed) and
    stay where the user was (a flow keeps its state: the handler returns None)."""

    @functools.wraps(callback)
    async def guarded(update: Update, context: BotContext) -> Any:
        try:
            return await callback(update, context)
        except QuentliError as exc:
            log.warning("Quentli read failed: %s", type(exc).__name__)
            t = await texts_for(update, context)
            if update.callback_query is not None:
                with contextlib.suppress(BadRequest):  # it may have been answered already
                    await update.callback_query.answer()
            await reply(update, context, billing_error_text(t, exc), t=t)
            return None

    return guarded
