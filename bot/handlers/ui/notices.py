"""Notices in words: what ``bot.services.notifications`` queues, rendered in a chat's language.

The Notifier decides who is told what (a catalog key, typed values, maybe a Pay button); this
renderer writes it with the catalogs and builds the Pay button as Telegram's JSON, which the
outbox stores with the text until Telegram accepted the message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ui import callbacks
from bot.services.notifications import Money, Notice, RenderedNotice
from bot.texts import Texts

__all__ = ["TelegramNotices"]


class TelegramNotices:
    """The :class:`~bot.services.notifications.NoticeRenderer` of the bot (wired in runtime)."""

    def render(self, notice: Notice, lang: str, tz: dt.tzinfo) -> RenderedNotice:
        """The text of ``notice`` in ``lang``, and its Pay button when it has one that fits."""
        t = Texts(lang, tz)
        text = t(notice.key, **_shown(t, notice.values))
        data = callbacks.PAY.data_if_fits(notice.pay_invoice_id) if notice.pay_invoice_id else None
        if data is None:
            return RenderedNotice(text)
        button = InlineKeyboardButton(t("notify.pay_button"), callback_data=data)
        markup = InlineKeyboardMarkup([[button]]).to_dict()
        return RenderedNotice(text, json.dumps(markup, ensure_ascii=False))


def _shown(t: Texts, values: Mapping[str, Any]) -> dict[str, Any]:
    """Money as an amount and dates as a day, in the chat's language; the rest as it is."""
    shown: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, Money):
            shown[name] = t.money(int(value))
        elif isinstance(value, dt.date | dt.datetime):
            shown[name] = t.date(value)
        else:
            shown[name] = value
    return shown
