"""/remind (/recordar) <customer> for staff, and /notifications (/avisos) for parents.

/remind sends that family (a student, or the family of an invoice id), now, a reminder of
everything it owes with a Pay button each (at most once a day per family) and says whether it
reached anyone; when several customers match it offers pick buttons. The 🔔 buttons of /overdue
and of the student card land here too. /notifications turns the scheduled
reminders on or off for this chat; receipts always arrive.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.callbacks import (
    NOTIFY_PATTERN,
    REMIND,
    REMIND_PATTERN,
    customer_of,
    notify_data,
)
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import edit_or_reply, reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.open_invoice import look_up_open
from bot.handlers.ui.picking import resolve_or_pick
from bot.handlers.ui.private_links import linked_private_chat
from bot.services.billing_input import looks_like_invoice_id
from bot.services.reminder_results import (
    AllMuted,
    AlreadyReminded,
    FamilyOutcome,
    FamilyReminded,
    FamilyTarget,
    NoChats,
    NothingOwed,
)
from bot.texts import Texts

#: The code of this action in the invoice actions' table and its buttons.
ACTION = "rmd"

_ON = {"on", "si", "sí", "yes", "activar", "activa", "encender", "prender"}
_OFF = {"off", "no", "desactivar", "desactiva", "apagar", "quitar"}


# -- /remind ---------------------------------------------------------------------------------


@staff_only
@quentli_reads
async def remind(update: Update, context: BotContext) -> None:
    """/remind <customer>: remind that family now, or pick buttons when several match."""
    t = await texts_for(update, context)
    if not context.args:
        await reply(update, context, t("remind.usage"), t=t)
        return
    query = " ".join(context.args)
    if looks_like_invoice_id(query):
        await offer(update, context, t, query.strip())
        return
    found = await resolve_or_pick(update, context, t, query, REMIND, "remind")
    if found is not None:
        await _remind(update, context, t, found)


async def offer(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The card's 🔔 button (or /remind with an invoice id): if the invoice is still open,
    remind its family now of everything it owes, and say whom it reached."""
    found = await look_up_open(update, context, t, invoice_id)
    if found is not None:
        await _remind(update, context, t, found.customer or found.invoice.customer_id)


@staff_only
@quentli_reads
async def remind_pressed(update: Update, context: BotContext) -> None:
    """A 🔔 button (/overdue) or a pick button of /remind: remind that family now."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    await _remind(update, context, t, customer_of(query.data))


async def _remind(update: Update, context: BotContext, t: Texts, customer: FamilyTarget) -> None:
    user = update.effective_user
    assert user is not None
    outcome = await context.services.reminders.remind_family(customer, user.id)
    await reply(update, context, remind_outcome(t, outcome), t=t)


def remind_outcome(t: Texts, outcome: FamilyOutcome) -> str:
    """What staff are told after /remind: whom it reached, or why it reached nobody."""
    if isinstance(outcome, FamilyReminded):
        text = t(
            "remind.sent", name=outcome.name, total=t.money(outcome.total), chats=outcome.chats
        )
        if outcome.muted:
            text += "\n" + t("remind.sent_muted", muted=outcome.muted)
        return text
    if isinstance(outcome, AlreadyReminded):
        at = outcome.at.astimezone(t.tz).strftime("%H:%M")
        return t("remind.already", name=outcome.name, time=at)
    if isinstance(outcome, NoChats):
        return t("remind.no_chats", name=outcome.name, who=outcome.handle)
    if isinstance(outcome, AllMuted):
        return t("remind.all_muted", name=outcome.name, chats=outcome.chats)
    if isinstance(outcome, NothingOwed):
        return t("remind.nothing_owed", name=outcome.name)
    return t("remind.unknown_customer")


# -- /notifications --------------------------------------------------------------------------


async def notifications(update: Update, context: BotContext) -> None:
    """/notifications [on|off]: switch at once with an argument, else the state and a button."""
    t = await texts_for(update, context)
    chat = update.effective_chat
    links = await linked_private_chat(update, context, t)
    if links is None or chat is None:
        return
    service = context.services.reminders
    if context.args:
        word = context.args[0].casefold()
        if word not in _ON | _OFF:
            await reply(update, context, t("notifications.unknown", given=context.args[0]), t=t)
            return
        await service.set_enabled(chat.id, word in _ON)
    text, markup = notifications_state(t, await service.enabled(chat.id))
    await reply(update, context, text, t=t, reply_markup=markup)


async def notifications_pressed(update: Update, context: BotContext) -> None:
    """The on/off button of /notifications."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    await query.answer()
    t = await texts_for(update, context)
    if not await context.services.parents.links(chat.id):
        await edit_or_reply(update, context, t("parents.not_linked"), t=t)
        return
    on = query.data == notify_data(True)
    await context.services.reminders.set_enabled(chat.id, on)
    text, markup = notifications_state(t, on)
    await edit_or_reply(update, context, text, t=t, reply_markup=markup)


def notifications_state(t: Texts, on: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The chat's reminders state, with the button that switches it."""
    label = t("notifications.turn_off" if on else "notifications.turn_on")
    button = InlineKeyboardButton(label, callback_data=notify_data(not on))
    return t("notifications.on" if on else "notifications.off"), InlineKeyboardMarkup([[button]])


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/remind (/recordar), /notifications (/avisos) and their buttons."""
    return [
        CommandHandler(names("remind"), remind),
        CommandHandler(names("notifications"), notifications),
        CallbackQueryHandler(remind_pressed, pattern=REMIND_PATTERN),
        CallbackQueryHandler(notifications_pressed, pattern=NOTIFY_PATTERN),
    ]
