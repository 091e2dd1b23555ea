"""Fixtures: the fake server, and a real PTB Application polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.faketelegram import FakeTelegram
from tests.faketelegram.fixtures import fake_telegram

__all__ = ["echo_app", "fake_telegram"]


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the command's arguments and one button to press."""
    assert update.message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Pagar", callback_data="pay:inv_1")]])
    await update.message.reply_html(
        f"<b>echo</b> {' '.join(context.args or [])}", reply_markup=keyboard
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press, then replace the message (its keyboard disappears)."""
    query = update.callback_query
    assert query is not None
    await query.answer(f"Pagado {query.data}", show_alert=True)
    await query.edit_message_text("Listo")


def build_echo_app(fake: FakeTelegram) -> Application:  # type: ignore[type-arg]
    app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
    app.add_handler(CommandHandler("echo", echo))
    app.add_handler(CallbackQueryHandler(pressed))
    return app


@pytest.fixture
async def echo_app(fake_telegram: FakeTelegram) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """A started Application polling the fake; stopped cleanly after the test."""
    app = build_echo_app(fake_telegram)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        yield app
        await app.updater.stop()
        await app.stop()
