"""Pick-one buttons for a customer search that matched several."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.quentli import Customer


def customer_label(customer: Customer) -> str:
    """How a customer reads on a button: name, then the student number when there is one."""
    if customer.username:
        return f"{customer.name} · {customer.username}"
    return customer.name


def pick_keyboard(candidates: list[Customer], action: str) -> InlineKeyboardMarkup:
    """One button per candidate; the callback data is `<action>:<customer id>` (short)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(customer_label(c), callback_data=f"{action}:{c.id}")]
            for c in candidates
        ]
    )
