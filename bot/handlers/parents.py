"""/pay (/pagar), the Pay button and /status (/estado): what a family owes, and paying it.

Amounts and links are shown only in the parent's private chat; in a group the bot invites the
user to write privately. The Pay button re-checks on the server side that the invoice belongs to
a customer linked to this chat, and fetches a fresh link (links expire).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import (
    MESSAGE_LIMIT,
    is_private,
    plain,
    reply,
    telegram_length,
    texts_for,
)
from bot.handlers.ui.private_links import invite_to_private, linked_private_chat, send_link
from bot.services.parents import (
    AlreadyPaid,
    Canceled,
    LinkReady,
    Owed,
    OwedInvoice,
    Status,
)
from bot.texts import Html, Texts

MAX_LISTED = 20
MAX_BUTTONS = 100  # Telegram's limit on the buttons of one message
BUTTON_CONCEPT_CHARS = 28
LINE_CONCEPT_CHARS = 200  # a concept joins every item's text: it can be very long
NAME_CHARS = 80
# what a list may take of Telegram's 4096 characters; the rest is room for the sandbox notice
# staff replies end with (a staff member may also be a parent)
MESSAGE_BUDGET = MESSAGE_LIMIT - 200


async def pay(update: Update, context: BotContext) -> None:
    """/pay: list the unpaid invoices of every linked customer, each with a Pay button."""
    t = await texts_for(update, context)
    chat = update.effective_chat
    links = await linked_private_chat(update, context, t)
    if links is None or chat is None:
        return
    service = context.services.parents
    owed = await service.owed(chat.id, links)
    if not owed.invoices:
        await reply(update, context, t("pay.nothing_owed"), t=t)
        return
    text, markup = render_owed(t, owed)
    await reply(update, context, text, t=t, reply_markup=markup)


def render_owed(t: Texts, owed: Owed) -> tuple[str, InlineKeyboardMarkup]:
    """The /pay message: invoices grouped by child or family, and one Pay button each.

    The oldest due first, as many as fit in one Telegram message (and at most
    :data:`MAX_LISTED`); the rest are counted and sent to /portal. The total counts them all.
    """
    count = min(len(owed.invoices), MAX_LISTED, MAX_BUTTONS)
    text, markup = _owed_message(t, owed, count)
    while count > 0 and telegram_length(text) > MESSAGE_BUDGET:
        count -= 1
        text, markup = _owed_message(t, owed, count)
    return text, markup


def _owed_message(t: Texts, owed: Owed, count: int) -> tuple[str, InlineKeyboardMarkup]:
    """The /pay message listing the first ``count`` invoices."""
    shown = owed.invoices[:count]
    several = len(owed.links) > 1
    lines = [t("pay.title")]
    buttons: list[list[InlineKeyboardButton]] = []
    for link in owed.links:
        mine = [item for item in shown if item.invoice.customer_id == link.customer_id]
        if not mine:
            continue
        lines.append(t("pay.customer", name=_short(link.customer_name, NAME_CHARS)))
        for item in mine:
            lines.append(_line(t, item, owed))
            button = _pay_button(t, item, several)
            if button is not None:
                buttons.append([button])
    if len(owed.invoices) > len(shown):
        lines.append(t("pay.more", count=len(owed.invoices) - len(shown)))
    lines.append(t("pay.total", total=t.money(owed.total)))
    lines.append(t("pay.hint"))
    return "\n".join(lines), InlineKeyboardMarkup(buttons)


def _line(t: Texts, item: OwedInvoice, owed: Owed) -> str:
    invoice = item.invoice
    key = "pay.line_overdue" if invoice.is_overdue(owed.now) else "pay.line"
    return t(
        key,
        concept=_short(invoice.concept_text or invoice.id, LINE_CONCEPT_CHARS),
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
    )


def _pay_button(t: Texts, item: OwedInvoice, several: bool) -> InlineKeyboardButton | None:
    invoice = item.invoice
    data = callbacks.PAY.data_if_fits(invoice.id)
    if data is None:
        return None
    concept = _short(invoice.concept_text or invoice.id, BUTTON_CONCEPT_CHARS)
    amount = t.money(invoice.outstanding)
    if several:
        first_name = _short(item.customer_name.split()[0] if item.customer_name else "", 14)
        label = t("pay.button_named", name=first_name, concept=concept, amount=amount)
    else:
        label = t("pay.button", concept=concept, amount=amount)
    return InlineKeyboardButton(plain(label), callback_data=data)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def pay_button(update: Update, context: BotContext) -> None:
    """The Pay button: re-check the invoice is this chat's, then send a fresh payment link."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None and chat is not None
    await query.answer()
    t = await texts_for(update, context)
    if not is_private(update):
        await invite_to_private(update, context, t)
        return
    invoice_id = callbacks.value(query.data)
    outcome = await context.services.parents.payment_link(chat.id, invoice_id)
    if isinstance(outcome, LinkReady):
        invoice = outcome.invoice
        values = {
            "concept": invoice.concept_text or invoice.id,
            "name": outcome.customer_name,
            "amount": t.money(invoice.outstanding),
        }
        expires = outcome.link.expires_at
        if expires is not None:
            text = t("pay.link", expires=Html(t.datetime(expires)), **values)
        else:
            text = t("pay.link_no_expiry", **values)
        await send_link(
            update,
            context,
            t,
            text,
            outcome.link.url,
            inline_key="pay.link_inline",
            button_key="pay.open_button",
        )
    elif isinstance(outcome, AlreadyPaid):
        invoice = outcome.invoice
        concept = invoice.concept_text or invoice.id
        await reply(
            update,
            context,
            t("pay.already_paid", concept=concept, name=outcome.customer_name),
            t=t,
        )
    elif isinstance(outcome, Canceled):
        invoice = outcome.invoice
        concept = invoice.concept_text or invoice.id
        await reply(
            update, context, t("pay.canceled", concept=concept, name=outcome.customer_name), t=t
        )
    else:
        await reply(update, context, t("pay.not_found"), t=t)


async def status(update: Update, context: BotContext) -> None:
    """/status: the total owed, what is overdue and the last payments."""
    t = await texts_for(update, context)
    chat = update.effective_chat
    links = await linked_private_chat(update, context, t)
    if links is None or chat is None:
        return
    service = context.services.parents
    await reply(update, context, render_status(t, await service.status(chat.id)), t=t)


def render_status(t: Texts, status: Status) -> str:
    """The /status message: the overdue invoices listed (the oldest first) as far as they fit
    in one Telegram message, the rest counted and sent to /portal."""
    count = min(len(status.owed.overdue), MAX_LISTED)
    text = _status_message(t, status, count)
    while count > 0 and telegram_length(text) > MESSAGE_BUDGET:
        count -= 1
        text = _status_message(t, status, count)
    return text


def _status_message(t: Texts, status: Status, count: int) -> str:
    """The /status message listing the first ``count`` overdue invoices."""
    owed = status.owed
    several = len(owed.links) > 1
    lines = [t("status.title"), ""]
    if owed.invoices:
        lines.append(t("status.owed", total=t.money(owed.total)))
        overdue = owed.overdue
        if overdue:
            lines.append(t("status.overdue", total=t.money(owed.overdue_total)))
            for item in overdue[:count]:
                invoice = item.invoice
                lines.append(
                    t(
                        "status.overdue_line",
                        name=_short(item.customer_name, NAME_CHARS),
                        concept=_short(invoice.concept_text or invoice.id, LINE_CONCEPT_CHARS),
                        amount=t.money(invoice.outstanding),
                        due=t.date(invoice.due_date),
                    )
                )
            if len(overdue) > count:
                lines.append(t("status.more", count=len(overdue) - count))
        else:
            lines.append(t("status.no_overdue"))
    else:
        lines.append(t("status.nothing_owed"))
    lines.append(t("status.payments_title"))
    if not status.payments:
        lines.append(t("status.no_payments"))
    for paid in status.payments:
        when = paid.when
        concept = paid.payment.description or t("status.payment_no_concept")
        values = {
            "date": t.date(when) if when is not None else "—",
            "amount": t.money(paid.payment.amount),
            "concept": _short(concept, LINE_CONCEPT_CHARS),
        }
        if several and paid.customer_name:
            name = _short(paid.customer_name, NAME_CHARS)
            lines.append(t("status.payment_line_named", name=name, **values))
        else:
            lines.append(t("status.payment_line", **values))
    if owed.invoices:
        lines.append(t("status.hint"))
    return "\n".join(lines)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/pay (/pagar), /status (/estado) and the Pay buttons (``pay:<invoice_id>``)."""
    return [
        CommandHandler(names("pay"), pay),
        CommandHandler(names("status"), status),
        CallbackQueryHandler(pay_button, pattern=callbacks.PAY.pattern),
    ]
