"""``<invoice>`` in a staff command: an invoice id, or a student whose unpaid invoices are
offered as buttons (all of them, paged).

A command calls :func:`invoice_or_pick` with its action's code (a key of
``bot.handlers.invoice_actions.INVOICE_ACTIONS``). An ``inv_…`` id comes back at once; a
``<customer>`` is resolved (several matches: pick buttons ``kc:<action>:<customer id>``) and its
unpaid invoices are listed, each button ``ka:<action>:<invoice id>``: pressing one runs that
action's ``offer`` for it, as the card's buttons do. Pages: ``kp:<action>:<page>:<customer id>``.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.common import edit_or_reply, plain, reply
from bot.handlers.ui.picking import resolve_or_pick
from bot.parsing import InputError
from bot.quentli.models import Customer, Invoice
from bot.services.billing_input import invoice_id, looks_like_invoice_id
from bot.texts import Texts

__all__ = [
    "INVOICES_PER_PAGE",
    "invoice_choices",
    "invoice_or_pick",
    "page_buttons",
    "show_invoice_choices",
]

#: Invoices offered per message (one button each, plus the page buttons).
INVOICES_PER_PAGE = 8
#: A concept on a button is cut to this many characters (the button shows ~30 on a phone).
BUTTON_CONCEPT_CHARS = 28


async def invoice_argument(
    update: Update,
    context: BotContext,
    t: Texts,
    code: str,
    command: str,
    usage_key: str,
    *,
    needs_card: bool = False,
) -> str | None:
    """The invoice a command's arguments name (see :func:`invoice_or_pick`); None when the
    command was answered instead: its usage (``usage_key``) without arguments, the picker, or
    why nothing matched."""
    if not context.args:
        await reply(update, context, t(usage_key), t=t)
        return None
    query = " ".join(context.args)
    return await invoice_or_pick(update, context, t, code, command, query, needs_card=needs_card)


async def invoice_or_pick(
    update: Update,
    context: BotContext,
    t: Texts,
    code: str,
    command: str,
    query: str,
    *,
    needs_card: bool = False,
) -> str | None:
    """The invoice id ``query`` is; otherwise None, once the student ``query`` names has been
    offered their unpaid invoices as buttons of action ``code`` (or pick buttons when several
    students match, or a "no match" answer). ``command``: the English command name, for the
    pick question; ``needs_card``: a student without a saved card is told so instead."""
    text = query.strip()
    if looks_like_invoice_id(text):
        return text
    if text.casefold().startswith("inv_"):  # an id mistyped: say so, not "nobody found"
        try:
            invoice_id(text)
        except InputError as err:
            await reply(update, context, t.error(err), t=t)
            return None
    customer = await resolve_or_pick(
        update, context, t, text, callbacks.INVOICE_ACTION_CUSTOMER, command, code
    )
    if customer is not None:
        await show_invoice_choices(update, context, t, code, customer, 0, needs_card=needs_card)
    return None


async def show_invoice_choices(
    update: Update,
    context: BotContext,
    t: Texts,
    code: str,
    customer: Customer,
    page: int,
    *,
    edit: bool = False,
    needs_card: bool = False,
) -> None:
    """Read the student's unpaid invoices afresh and offer page ``page`` of them (for an action
    that ``needs_card``, only when the student has a saved card)."""
    billing = context.services.billing
    if needs_card and not await billing.has_saved_card(customer.id):
        await reply(update, context, t("card.charge.no_card_student", name=customer.name), t=t)
        return
    invoices = await billing.open_invoices(customer.id)
    text, markup = invoice_choices(t, code, customer, invoices, page)
    if edit:
        await edit_or_reply(update, context, text, t=t, reply_markup=markup)
    else:
        await reply(update, context, text, t=t, reply_markup=markup)


def invoice_choices(
    t: Texts, code: str, customer: Customer, invoices: list[Invoice], page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the picker: the question, and a button per invoice, then the pages."""
    if not invoices:
        return t("card.pick.none", name=customer.name), None
    pages = -(-len(invoices) // INVOICES_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    question = f"card.pick.{code}" if t.has(f"card.pick.{code}") else "card.pick.any"
    text = t(question, name=customer.name) + "\n" + t("card.pick.count", count=len(invoices))
    if pages > 1:
        text += " " + t("card.pick.page", page=page + 1, pages=pages)
    start = page * INVOICES_PER_PAGE
    rows = []
    for invoice in invoices[start : start + INVOICES_PER_PAGE]:
        data = callbacks.INVOICE_ACTION.data_if_fits(code, invoice.id)
        if data is None:  # an id too long for Telegram's 64 bytes: never seen, never offered
            continue
        label = t(
            "card.pick.button",
            concept=short(invoice.concept_text or "—", BUTTON_CONCEPT_CHARS),
            amount=t.money(invoice.outstanding),
            due=t.date(invoice.due_date),
        )
        rows.append([InlineKeyboardButton(plain(label), callback_data=data)])
    nav = page_buttons(
        t,
        page,
        pages,
        lambda p: callbacks.INVOICE_ACTION_PAGE.data_if_fits(code, str(p), customer.id),
    )
    if nav:
        rows.append(nav)
    return text, InlineKeyboardMarkup(rows)


def page_buttons(
    t: Texts, page: int, pages: int, data: Callable[[int], str | None]
) -> list[InlineKeyboardButton]:
    """◀ / ▶ buttons around page ``page`` (counted from 0) of ``pages``; ``data`` builds a
    page's callback data (None: left out)."""
    nav = []
    for key, target in (("card.prev", page - 1), ("card.next", page + 1)):
        if 0 <= target < pages:
            built = data(target)
            if built is not None:
                nav.append(InlineKeyboardButton(t(key), callback_data=built))
    return nav
