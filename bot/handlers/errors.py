"""The one global error handler: log with the traceback, then apologise in the user's language."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.handlers.ui.common import Role, plain, reply, role_of, texts_for
from bot.quentli.errors import (
    AuthError,
    ConflictError,
    NotFoundError,
    QuentliError,
    QuentliTransportError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from bot.texts import Texts

log = logging.getLogger(__name__)


def quentli_error_text(t: Texts, exc: QuentliError, role: Role) -> str:
    """The plain message for a Quentli failure, by its class (never by its text).

    "We don't know if the change was applied, check with /customer" is staff advice: only
    staff make writes that matter twice. The writes a parent makes (a portal session) are
    harmless to repeat, so a parent is just asked to try again.
    """
    if getattr(exc, "write_may_have_landed", False):
        return t("quentli.write_unknown") if role >= Role.STAFF else t("quentli.retry")
    if isinstance(exc, QuentliTransportError):
        return t("quentli.unreachable")
    if isinstance(exc, AuthError):
        return t("quentli.auth_staff") if role >= Role.STAFF else t("quentli.unavailable")
    if isinstance(exc, NotFoundError):
        return t("quentli.not_found")
    if isinstance(exc, ConflictError):
        return t("quentli.conflict")
    if isinstance(exc, ValidationError):
        return t("quentli.validation", message=exc.message)
    if isinstance(exc, RateLimitedError):
        return t("quentli.rate_limited")
    if isinstance(exc, ServerError):
        return t("quentli.server")
    return t("quentli.unavailable")


async def on_error(update: object, context: BotContext) -> None:
    """Log every unhandled error with its traceback, then apologise without internals."""
    error = context.error
    if isinstance(error, QuentliError):
        log.warning("Quentli call failed: %s", type(error).__name__, exc_info=error)
    else:
        log.error("unhandled error while processing an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        t = await texts_for(update, context)
        user = update.effective_user
        role = await role_of(context, user.id if user else None)
        if isinstance(error, QuentliError):
            text = quentli_error_text(t, error, role)
        else:
            text = t("error.generic")
        if update.callback_query is not None:
            try:
                await update.callback_query.answer(plain(text)[:190], show_alert=True)
                return
            except TelegramError:
                pass  # already answered: say it in the chat instead
        await reply(update, context, text, t=t)
    except Exception:
        log.exception("could not tell the user about the error")
