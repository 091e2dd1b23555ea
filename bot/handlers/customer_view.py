"""/customer (/alumno) <customer>: the student card.

Who they are, whether a card is saved, their linked chats (active and inactive), every unpaid
invoice (paged: none unreachable) each with its buttons (bot.handlers.invoice_actions: record a
payment, charge the card when one is saved, payment link, reminder, …), and the recent actions
through the bot. Each page fits in one Telegram message whatever the concepts' length.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.invoice_actions import INVOICE_ACTIONS
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import edit_or_reply, plain, reply, telegram_length, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import page_buttons
from bot.handlers.ui.office import MESSAGE_BUDGET
from bot.handlers.ui.picking import resolve_or_pick
from bot.quentli.errors import NotFoundError
from bot.quentli.models import Customer, Invoice
from bot.services.billing import CustomerOverview
from bot.services.billing_results import LinkedChat
from bot.texts import Html, Texts

#: Unpaid invoices per page of the card (each has two rows of buttons).
INVOICES_PER_PAGE = 4
#: Linked chats listed one by one (the count covers them all).
MAX_CHAT_LINES = 6
#: A concept is cut to this many characters in the card's text, and on its button.
CONCEPT_CHARS = 80
BUTTON_CONCEPT_CHARS = 18

Card = tuple[str, InlineKeyboardMarkup | None]
_SAVED_CARD = {
    True: "card.saved_card.yes",
    False: "card.saved_card.no",
    None: "card.saved_card.unknown",
}


@staff_only
@quentli_reads
async def customer(update: Update, context: BotContext) -> None:
    """/customer <customer>: the card, or pick buttons when several match."""
    t = await texts_for(update, context)
    if not context.args:
        await reply(update, context, t("billing.customer.usage"), t=t)
        return
    query = " ".join(context.args)
    found = await resolve_or_pick(update, context, t, query, callbacks.CUSTOMER_PICK, "customer")
    if found is not None:
        await show_overview(update, context, t, found)


@staff_only
@quentli_reads
async def picked(update: Update, context: BotContext) -> None:
    """A pick button of /customer: that student's card (in place of the question)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    found = await context.services.resolver.get(callbacks.value(query.data))
    await show_overview(update, context, t, found)


@staff_only
@quentli_reads
async def page_pressed(update: Update, context: BotContext) -> None:
    """◀ / ▶ on the card: that page of its invoices, read afresh."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    page, _, customer_id = callbacks.value(query.data).partition(":")
    try:
        found = await context.services.resolver.get(customer_id)
    except NotFoundError:
        await reply(update, context, t("card.pick.gone"), t=t)
        return
    await show_overview(update, context, t, found, int(page))


async def show_overview(
    update: Update, context: BotContext, t: Texts, who: Customer, page: int = 0
) -> None:
    """Render the card (edits the message of the button pressed, when there is one)."""
    now = datetime.now(UTC)
    overview = await context.services.billing.overview(who, now)
    text, markup = card(t, overview, now, page)
    await edit_or_reply(update, context, text, t=t, reply_markup=markup)


def card(t: Texts, o: CustomerOverview, now: datetime, page: int = 0) -> Card:
    """Page ``page`` of the card: its text and the buttons of its invoices and pages.

    A page that would pass Telegram's limit (very long names or e-mail) leaves out the
    recent actions, then cuts the concepts shorter.
    """
    pages = max(1, -(-len(o.open_invoices) // INVOICES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = o.open_invoices[page * INVOICES_PER_PAGE : (page + 1) * INVOICES_PER_PAGE]
    first = page * INVOICES_PER_PAGE + 1
    text = render(t, o, now, page, pages)
    if telegram_length(text) > MESSAGE_BUDGET:
        text = render(t, o, now, page, pages, audit=False)
    if telegram_length(text) > MESSAGE_BUDGET:
        text = render(t, o, now, page, pages, audit=False, concept_chars=30)
    rows: list[list[InlineKeyboardButton]] = []
    for n, invoice in enumerate(shown, start=first):
        rows.extend(_invoice_rows(t, o, invoice, n))
    rows.append(
        page_buttons(
            t, page, pages, lambda p: callbacks.CARD_PAGE.data_if_fits(str(p), o.customer.id)
        )
    )
    rows = [row for row in rows if row]
    return text, InlineKeyboardMarkup(rows) if rows else None


def _invoice_rows(
    t: Texts, o: CustomerOverview, invoice: Invoice, n: int
) -> list[list[InlineKeyboardButton]]:
    """The first action on a row of its own (with the concept), the others under it."""
    concept = short(invoice.concept_text or "—", BUTTON_CONCEPT_CHARS)
    buttons = []
    for code, action in INVOICE_ACTIONS.items():
        if action.needs_card and o.has_card is False:  # unknown: the press asks Quentli
            continue
        data = callbacks.INVOICE_ACTION.data_if_fits(code, invoice.id)
        if data is not None:
            label = plain(t(action.label, n=n, concept=concept))
            buttons.append(InlineKeyboardButton(label, callback_data=data))
    return [buttons[:1], buttons[1:]]


def mask_phone(phone: str | None) -> str:
    """``+525512345678`` -> ``+52••••••5678``: enough to recognise, not to copy from a
    screenshot (the full number is in Quentli)."""
    if not phone:
        return "—"
    if len(phone) <= 7:
        return phone
    return phone[:3] + "•" * (len(phone) - 7) + phone[-4:]


def chat_line(t: Texts, link: LinkedChat, names: Mapping[int, str]) -> str:
    """One linked chat as the card shows it: who (by name, when the bot has seen them),
    active or not, since when."""
    name = names.get(link.chat_id)
    if name is not None:
        who = t("card.chat.named", name=name)
    else:
        who = t("card.chat.who", chat_id=link.chat_id)
    since = link.created_at if link.active else link.deactivated_at
    key = "card.chat.active" if link.active else "card.chat.inactive"
    return t(key, who=Html(who), since=t.date(since) if since is not None else "—")


def render(
    t: Texts,
    o: CustomerOverview,
    now: datetime,
    page: int = 0,
    pages: int = 1,
    *,
    audit: bool = True,
    concept_chars: int = CONCEPT_CHARS,
) -> str:
    """The card's text for page ``page`` of its unpaid invoices."""
    c = o.customer
    lines = [
        t(
            "billing.customer.head",
            name=c.name,
            username=c.username or "—",
            customer_id=c.id,
            phone=mask_phone(c.phone_number),
            email=c.email or "—",
        ),
        t(_SAVED_CARD[o.has_card]),
        t(
            "billing.customer.chats",
            active=Html(t("billing.customer.chats_active", count=o.active_chats)),
            inactive=Html(t("billing.customer.chats_inactive", count=o.inactive_chats)),
        ),
    ]
    ordered = sorted(o.chats, key=lambda link: not link.active)
    lines.extend(chat_line(t, link, o.chat_names) for link in ordered[:MAX_CHAT_LINES])
    if len(ordered) > MAX_CHAT_LINES:
        lines.append(t("billing.customer.more", count=len(ordered) - MAX_CHAT_LINES))
    lines.append("")
    if not o.open_invoices:
        lines.append(t("billing.customer.nothing_owed"))
    else:
        lines.append(
            t(
                "billing.customer.owed" if o.overdue else "billing.customer.owed_current",
                owed=t.money(o.owed),
                overdue=t.money(o.overdue),
                count=len(o.open_invoices),
            )
        )
        if pages > 1:
            lines.append(t("card.page", page=page + 1, pages=pages))
        start = page * INVOICES_PER_PAGE
        shown = o.open_invoices[start : start + INVOICES_PER_PAGE]
        for n, invoice in enumerate(shown, start=start + 1):
            key = "card.line_overdue" if invoice.is_overdue(now) else "card.line"
            lines.append(
                t(
                    key,
                    n=n,
                    invoice_id=invoice.id,
                    concept=short(invoice.concept_text or "—", concept_chars),
                    amount=t.money(invoice.outstanding),
                    due=t.date(invoice.due_date),
                )
            )
    if audit:
        lines.append("")
        if o.recent:
            lines.append(t("billing.customer.audit_head"))
            lines.extend(_audit_lines(t, o))
        else:
            lines.append(t("billing.customer.audit_none"))
    return "\n".join(lines)


def _audit_lines(t: Texts, o: CustomerOverview) -> list[str]:
    """The customer's recent audited actions, one line each."""
    lines = []
    for entry in o.recent:
        action_key = f"billing.action.{entry.action}"
        action = t(action_key) if t.has(action_key) else entry.action
        outcome_key = f"billing.outcome.{entry.outcome}"
        outcome = t(outcome_key) if t.has(outcome_key) else entry.outcome
        amount = entry.request.get("amount")
        line = t(
            "billing.customer.audit_line",
            when=t.datetime(entry.at),
            action=action,
            amount=t.money(amount) if isinstance(amount, int) else "—",
            outcome=outcome,
            actor=o.actor_names.get(entry.actor_id, entry.actor_id) if entry.actor_id else "—",
            invoice_id=entry.invoice_id or "—",
        )
        lines.append(line)
    return lines


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/customer (/alumno), its pick buttons and its pages."""
    return [
        CommandHandler(names("customer"), customer),
        CallbackQueryHandler(picked, pattern=callbacks.CUSTOMER_PICK.pattern),
        CallbackQueryHandler(page_pressed, pattern=callbacks.CARD_PAGE.pattern),
    ]
