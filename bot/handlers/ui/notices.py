"""Notices in words: what ``bot.services.notifications`` queues, rendered in a chat's language.

The Notifier decides who is told what (a catalog key, typed values, maybe a Pay button); this
renderer writes it with the catalogs and builds the Pay button as Telegram's JSON, which the
outbox stores with the text until Telegram accepted the message.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers.ui import callbacks
from bot.services.notifications import Days, Lines, Money, Notice, RenderedNotice
from bot.texts import Html, Texts
from bot.texts.durations import format_days

__all__ = ["TelegramNotices"]


class TelegramNotices:
    """The :class:`~bot.services.notifications.NoticeRenderer` of the bot (wired in runtime)."""

    def render(self, notice: Notice, lang: str, tz: dt.tzinfo) -> RenderedNotice:
        """The text of ``notice`` in ``lang``, its Pay button when it has one that fits, then
        its other buttons, one per row."""
        t = Texts(lang, tz)
        text = t(notice.key, **_shown(t, notice.values))
        rows: list[list[InlineKeyboardButton]] = []
        data = callbacks.PAY.data_if_fits(notice.pay_invoice_id) if notice.pay_invoice_id else None
        if data is not None:
            rows.append([InlineKeyboardButton(t("notify.pay_button"), callback_data=data)])
        for extra in notice.buttons:
            # A label is plain text on Telegram: unescape what the template escaped.
            label = html.unescape(t(extra.label_key, **_shown(t, extra.values)))
            rows.append([InlineKeyboardButton(label, callback_data=extra.callback_data)])
        if not rows:
            return RenderedNotice(text)
        markup = InlineKeyboardMarkup(rows).to_dict()
        return RenderedNotice(text, json.dumps(markup, ensure_ascii=False))


def _shown(t: Texts, values: Mapping[str, Any]) -> dict[str, Any]:
    """Money as an amount, days counted, lines of texts and dates as a day, in the chat's
    language; the rest as it is."""
    shown: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, Money):
            shown[name] = t.money(int(value))
        elif isinstance(value, Days):
            shown[name] = format_days(int(value), t.lang)
        elif isinstance(value, Lines):
            lines = (t(key, **_shown(t, entry)) for key, entry in value.entries)
            shown[name] = Html("\n".join(lines))
        elif isinstance(value, dt.date | dt.datetime):
            shown[name] = t.date(value)
        else:
            shown[name] = value
    return shown
