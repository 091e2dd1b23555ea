"""An amount typed two ways (``1.500``, ``1 500``): the question and its buttons, shared by
the guided flows (/invoice and /checkout). The bot asks; it never guesses."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers.ui import callbacks
from bot.handlers.ui.quickpicks import settle_question
from bot.parsing import AmbiguousAmount
from bot.texts import Texts

__all__ = ["amount_keyboard", "amount_pressed", "amount_question", "picked_amount"]


def amount_question(t: Texts, typed: str, choices: Sequence[int]) -> str:
    """Which amount ``typed`` means: the readings are on the buttons."""
    return t.error(AmbiguousAmount(typed, tuple(choices)))


def amount_keyboard(t: Texts, choices: Sequence[int]) -> InlineKeyboardMarkup:
    """One button per reading, labelled as the amount reads (``$1,500.00 MXN``)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t.money(c), callback_data=callbacks.AMOUNT_PICK.data(str(c)))]
            for c in choices
        ]
    )


def picked_amount(data: str, choices: Sequence[int]) -> int | None:
    """The amount a pressed button means, if it is one the question offered (else None)."""
    value = callbacks.value(data)
    if value.isdigit() and int(value) in choices:
        return int(value)
    return None


async def amount_pressed(update: Update, t: Texts, choices: Sequence[int]) -> int | None:
    """The reading a pressed button picked, its question settled; None (the press answered
    as stale) for a button the open question did not offer."""
    query = update.callback_query
    assert query is not None and query.data is not None
    amount = picked_amount(query.data, choices)
    if amount is None:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    await settle_question(query, t("billing.flow.amount_is", amount=t.money(amount)))
    return amount
