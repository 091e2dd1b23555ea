"""Quick-pick buttons shared by the guided flows: concepts and due dates."""

from __future__ import annotations

import logging
from datetime import date

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from bot.handlers.ui import callbacks
from bot.handlers.ui.callbacks import CallbackKind
from bot.services.billing_input import CONCEPTS, DUE_CHOICES, due_choice
from bot.texts import Texts

log = logging.getLogger(__name__)


def concept_keyboard(kind: CallbackKind) -> InlineKeyboardMarkup:
    """One button per usual concept; callback data ``<prefix>:<index>`` (short, ASCII)."""
    buttons = [
        InlineKeyboardButton(name, callback_data=kind.data(str(i)))
        for i, name in enumerate(CONCEPTS)
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def concept_from(data: str) -> str | None:
    """The concept a ``<prefix>:<index>`` button means (None for a forged one)."""
    index = callbacks.value(data)
    if index.isdigit() and int(index) < len(CONCEPTS):
        return CONCEPTS[int(index)]
    return None


def due_keyboard(t: Texts, kind: CallbackKind, today: date) -> InlineKeyboardMarkup:
    """End of this month, the 10th of next month, in 7 days: each labelled with its date."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(f"billing.due_pick.{code}", day=due_choice(code, today).strftime("%d/%m")),
                    callback_data=kind.data(code),
                )
            ]
            for code in DUE_CHOICES
        ]
    )


def due_from(data: str, today: date) -> date | None:
    """The day a ``<prefix>:<code>`` button means (None for a forged one)."""
    try:
        return due_choice(callbacks.value(data), today)
    except ValueError:
        return None


async def settle_question(query: CallbackQuery, text: str) -> None:
    """Answer the button and turn its question into the chosen value (buttons removed).

    Both are cosmetic: a press Telegram delivered twice must still move the flow on.
    """
    try:
        await query.answer()
        if isinstance(query.message, Message):
            await query.edit_message_text(text)
    except BadRequest as exc:
        log.info("could not settle a flow question: %s", exc.message)
