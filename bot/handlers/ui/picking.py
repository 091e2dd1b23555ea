"""Pick-one buttons for a customer search that matched several."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ui.callbacks import CallbackKind
from bot.handlers.ui.commands import COMMANDS
from bot.quentli.models import Customer
from bot.services.customers import Ambiguous
from bot.texts import Texts


def customer_label(customer: Customer) -> str:
    """How a customer reads on a button: name, then the student number when there is one."""
    if customer.username:
        return f"{customer.name} · {customer.username}"
    return customer.name


def pick_keyboard(candidates: list[Customer], kind: CallbackKind) -> InlineKeyboardMarkup:
    """One button per candidate; the callback data is ``<prefix>:<customer id>`` (short)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(customer_label(c), callback_data=kind.data(c.id))]
            for c in candidates
        ]
    )


def pick_question(t: Texts, query: str, found: Ambiguous, command: str | None = None) -> str:
    """The text above the pick buttons. When more matched than there are buttons, it says so
    and how to narrow the search: type more (a flow waiting for the customer, ``command`` None)
    or send the command again (``command``: its English name, shown in the user's language).
    """
    text = t("customer.pick", query=query)
    if not found.more:
        return text
    if command is None:
        return text + "\n" + t("customer.pick_more")
    name = "/" + COMMANDS[command].name(t.lang)
    return text + "\n" + t("customer.pick_more_command", command=name)
