"""The notices' renderer: catalog texts in the chat's language, the Pay button as Telegram JSON."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.handlers.ui.notices import TelegramNotices
from bot.services.notifications import Lines, Money, Notice

TZ = ZoneInfo("America/Mexico_City")
VALUES = {
    "name": "Ana <García>",
    "concept": "Colegiatura",
    "amount": Money(150000),
    "paid_on": dt.datetime(2025, 2, 1, 3, 0, tzinfo=dt.UTC),  # still 31 January in Mexico
    "school": Lines((("receipt.school", {"school": "Colegio <Demo>"}),)),
    "how": Lines((("receipt.method.cash", {}),)),
    "reference": "p_123",
}


def test_money_dates_and_escaping_in_each_language():
    notices = TelegramNotices()

    es = notices.render(Notice("notify.paid", VALUES), "es", TZ)
    en = notices.render(Notice("notify.paid", VALUES), "en", TZ)

    assert "$1,500.00 MXN" in es.text and "31 de enero de 2025" in es.text
    assert "Ana &lt;García&gt;" in es.text
    assert "🏫 Colegio &lt;Demo&gt;" in es.text and "efectivo" in es.text
    assert "cash, at the school" in en.text and "<code>p_123</code>" in en.text
    assert "January 31, 2025" in en.text and "We received your payment" in en.text
    assert es.reply_markup is None


def test_the_pay_button():
    rendered = TelegramNotices().render(
        Notice("notify.charge_failed", VALUES, pay_invoice_id="inv_1"), "es", TZ
    )

    assert rendered.reply_markup is not None
    markup = json.loads(rendered.reply_markup)
    assert markup == {"inline_keyboard": [[{"text": "💳 Pagar", "callback_data": "pay:inv_1"}]]}
    assert InlineKeyboardMarkup.de_json(markup, None) is not None  # what the outbox sends


def test_no_pay_button_when_the_invoice_id_would_not_fit():
    notice = Notice("notify.charge_failed", VALUES, pay_invoice_id="i" * 61)

    assert TelegramNotices().render(notice, "es", TZ).reply_markup is None
