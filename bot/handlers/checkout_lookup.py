"""/checkout looks before it creates: before its summary, the new family's student id, phone
and e-mail are looked up in Quentli; when a customer already has one, staff see who instead of
a Confirm button, with buttons to bill that family with /invoice, to change the value, or (a
phone or e-mail only: a new sibling) to go on (bot/handlers/checkout_detour.py)."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import plain, reply
from bot.handlers.ui.drafts import CheckoutFlowDraft, load_draft, save_draft
from bot.services.checkout_lookup import Match
from bot.texts import Texts

__all__ = ["MATCHES", "stop_for_matches"]

#: The flow's state while the matches wait for a button (its handlers: checkout_detour.py).
MATCHES = 27

#: How many matched families get their own "bill them" button.
MAX_BILL_BUTTONS = 3


async def stop_for_matches(update: Update, context: BotContext, t: Texts, due: date) -> bool:
    """Look the draft's student id, phone and e-mail up; when a customer already has one,
    say who with the detour buttons, keep the draft (with ``due``) and return True.

    Raises:
        QuentliError: the look-up failed (the caller's flow stays where it was).
    """
    draft = load_draft(context, CheckoutFlowDraft)
    assert draft.username is not None
    matches = await context.services.checkout_lookup.matches(
        draft.username, draft.phone, draft.email
    )
    if not matches:
        return False
    draft.due = due
    save_draft(context, draft)
    text, markup = render_matches(t, draft, due, matches)
    await reply(update, context, text, t=t, reply_markup=markup)
    return True


def render_matches(
    t: Texts, draft: CheckoutFlowDraft, due: date, matches: list[Match]
) -> tuple[str, InlineKeyboardMarkup]:
    """What was typed, who already has which part of it, and the way out of each."""
    assert draft.amount is not None
    lines = [
        t(
            "onboard.lookup.head",
            name=draft.name or "",
            contact=draft.phone or draft.email or "",
            username=draft.username or "",
            concept=draft.description or "",
            amount=t.money(draft.amount),
            due=t.date(due),
        ),
        "",
    ]
    lines += [t(f"onboard.lookup.{m.field}", value=m.value, name=m.customer.name) for m in matches]
    taken = any(m.field == "username" for m in matches)
    lines += ["", t("onboard.lookup.taken" if taken else "onboard.lookup.maybe_sibling")]
    rows: list[list[InlineKeyboardButton]] = []
    seen: set[str] = set()
    for match in matches:
        customer = match.customer
        data = callbacks.CHECKOUT_BILL_INSTEAD.data_if_fits(customer.id)
        if customer.id in seen or data is None or len(seen) >= MAX_BILL_BUTTONS:
            continue
        seen.add(customer.id)
        label = plain(t("onboard.lookup.bill_button", name=customer.name))
        rows.append([InlineKeyboardButton(label, callback_data=data)])
    if taken:
        change = t("onboard.lookup.change_username")
        rows.append([_button(change, callbacks.CHECKOUT_CHANGE.data("username"))])
    if any(m.field != "username" for m in matches):
        change = t("onboard.lookup.change_contact")
        rows.append([_button(change, callbacks.CHECKOUT_CHANGE.data("contact"))])
    if not taken:
        anyway = t("onboard.lookup.anyway")
        rows.append([_button(anyway, callbacks.CHECKOUT_ANYWAY.data("go"))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(plain(label), callback_data=data)
