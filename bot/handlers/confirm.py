"""The Confirm / Cancel buttons of every staff money operation (exactly once).

The operation was recorded (``pending``) before its summary was shown; the buttons carry only
its id: ``op:<op_id>:ok`` / ``op:<op_id>:no`` (18 bytes). Pressing Confirm twice, Telegram
delivering the press twice or the bot restarting in between never sends the write twice: the
ledger lets one press start it and tells the others what became of it.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.handlers.onboarding import send_family_link
from bot.handlers.outcomes import (
    changed_text,
    done_reply,
    earlier_text,
    expired_text,
    failed_text,
)
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import edit_or_reply, plain, reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.services.billing_results import (
    Cancelled,
    Changed,
    Done,
    Earlier,
    Expired,
    Failed,
    Missing,
    NotYours,
    OperationState,
)
from bot.texts import Texts

log = logging.getLogger(__name__)

OP_PATTERN = callbacks.OP.pattern


def confirm_keyboard(t: Texts, op_id: str) -> InlineKeyboardMarkup:
    """Confirm / Cancel for the pending operation ``op_id``."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t("button.confirm"), callback_data=callbacks.OP.data(op_id, "ok")
                ),
                InlineKeyboardButton(
                    t("button.cancel"), callback_data=callbacks.OP.data(op_id, "no")
                ),
            ]
        ]
    )


async def send_summary(
    update: Update, context: BotContext, t: Texts, text: str, op_id: str
) -> Message:
    """The summary of a recorded operation, with its Confirm / Cancel buttons."""
    return await reply(update, context, text, t=t, reply_markup=confirm_keyboard(t, op_id))


@staff_only
async def op_pressed(update: Update, context: BotContext) -> None:
    """Confirm or Cancel of an operation: run it once, or cancel it; then show the outcome."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.data is not None and user is not None
    t = await texts_for(update, context)
    op_id, choice = callbacks.op_choice(query.data)
    billing = context.services.billing
    op = await billing.operation(op_id)
    if op is None:
        await answer_press(query, t("billing.op.missing"), alert=True)
        return
    if op.created_by != user.id:
        await answer_press(query, t("billing.op.not_yours"), alert=True)
        return
    # Answer at once: the Quentli call may outlast Telegram's patience with a button.
    await answer_press(query)
    if choice == "no":
        cancelled = await billing.cancel(op_id, user.id)
        if isinstance(cancelled, Cancelled):
            await _show(update, context, t, t("billing.op.cancelled"))
        elif isinstance(cancelled, Done):
            await _show(update, context, t, *await done_reply(context, t, cancelled))
        elif isinstance(cancelled, Earlier):
            await _show(update, context, t, earlier_text(t, cancelled.op))
        return
    # "Sending…" only when something may be sent: an expired summary is refused at once.
    if op.state == OperationState.PENDING and not billing.expired(op):
        await _show(update, context, t, t("billing.op.working"))
    outcome = await billing.confirm(op_id, user.id)
    if isinstance(outcome, Done):
        await _show(update, context, t, *await done_reply(context, t, outcome))
        await send_family_link(update, context, t, outcome)  # a checkout's: onboarding.py
    elif isinstance(outcome, Failed):
        await _show(update, context, t, failed_text(t, outcome))
    elif isinstance(outcome, Changed):
        await _show(update, context, t, changed_text(t, outcome))
    elif isinstance(outcome, Expired):
        await _show(update, context, t, expired_text(t))
    elif isinstance(outcome, Earlier):
        await _show(update, context, t, earlier_text(t, outcome.op))
    elif isinstance(outcome, NotYours | Missing):  # changed hands between the two reads
        await reply(update, context, t("billing.op.missing"), t=t)


async def answer_press(
    query: CallbackQuery, text: str | None = None, *, alert: bool = False
) -> None:
    """Answer a button press (at most 190 characters); a press delivered twice is answered once."""
    try:
        await query.answer(plain(text)[:190] if text else None, show_alert=alert)
    except BadRequest as exc:
        # The same press delivered twice: Telegram only takes one answer per button press.
        log.info("callback query already answered: %s", exc.message)


async def _show(
    update: Update,
    context: BotContext,
    t: Texts,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace the summary with ``text`` (its buttons go away); a new message if that fails."""
    try:
        await edit_or_reply(update, context, text, t=t, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        await reply(update, context, text, t=t, reply_markup=markup)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The op Confirm / Cancel buttons of every feature."""
    return [CallbackQueryHandler(op_pressed, pattern=OP_PATTERN)]
