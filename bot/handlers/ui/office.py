"""The office's report buttons: a staff check on every press, and where the report goes.

The office's daily summary is posted in the office group; its buttons (and /overdue's pages)
re-check that the presser is staff, and a report asked for in a group goes to the presser's
private chat.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.handlers.ui.billing_errors import billing_error_text
from bot.handlers.ui.common import (
    MESSAGE_LIMIT,
    Role,
    edit_or_reply,
    is_private,
    plain,
    reply,
    role_of,
    sandbox_suffix,
    texts_for,
)
from bot.quentli.errors import QuentliError
from bot.texts import Texts

log = logging.getLogger(__name__)

Report = tuple[str, InlineKeyboardMarkup | None]

CONCEPT_CHARS = 60
NAME_CHARS = 60
MESSAGE_BUDGET = MESSAGE_LIMIT - 200  # room for the sandbox notice
ALERT_CHARS = 200  # Telegram's limit on a button's alert


async def office_button(
    update: Update,
    context: BotContext,
    render: Callable[[Texts, str], Awaitable[Report]],
    *,
    edit: bool,
) -> None:
    """A report button: checks on every press that the presser is staff; in a private chat
    the report edits the message (``edit``) or follows it, elsewhere (the office group) it
    goes to the presser's private chat."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    if await role_of(context, user.id if user else None) < Role.STAFF:
        await query.answer(plain(t("gate.staff_only")), show_alert=True)
        return
    if is_private(update):
        await query.answer()
        try:
            text, markup = await render(t, query.data)
        except ValueError:  # data the bot never built (not a real day)
            return
        if edit:
            await edit_or_reply(update, context, text, t=t, reply_markup=markup)
        else:
            await reply(update, context, text, t=t, reply_markup=markup)
        return
    # In the office group nothing but a short alert is said there: the report, or why it
    # could not be made, goes to the presser alone, in their own language (SPEC rule 9).
    assert user is not None
    t = Texts(await context.services.languages.for_chat(user.id), t.tz)
    try:
        text, markup = await render(t, query.data)
    except ValueError:
        await query.answer()
        return
    except QuentliError as exc:
        log.warning("Quentli read failed: %s", type(exc).__name__)
        await query.answer(plain(billing_error_text(t, exc))[:ALERT_CHARS], show_alert=True)
        return
    sent = await _to_presser(update, context, t, text, markup)
    note = "office.sent_private" if sent else "office.open_private"
    await query.answer(plain(t(note)), show_alert=True)


async def _to_presser(
    update: Update,
    context: BotContext,
    t: Texts,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> bool:
    """Send a report to the private chat of the staff member who pressed in a group; False
    when Telegram refused (they never opened a private chat with the bot)."""
    user = update.effective_user
    assert user is not None
    text += await sandbox_suffix(update, context, t)
    try:
        await context.bot.send_message(user.id, text, reply_markup=markup)
    except TelegramError as exc:  # they never opened a private chat with the bot
        log.info("could not send a report privately: %s", exc)
        return False
    return True
