"""Receipts: the school's line and how a payment was made (``bot.services.receipts``)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "receipt.school": {"es": "🏫 {school}", "en": "🏫 {school}"},
    "receipt.school_unnamed": {"es": "🏫 La escuela", "en": "🏫 The school"},
    "receipt.method.card_page": {
        "es": "tarjeta, en la página de pago",
        "en": "card, on the payment page",
    },
    "receipt.method.saved_card": {
        "es": "tarjeta guardada (cargo hecho por la escuela)",
        "en": "saved card (charged by the school)",
    },
    "receipt.method.cash": {"es": "efectivo, en la escuela", "en": "cash, at the school"},
    "receipt.method.transfer": {"es": "transferencia bancaria", "en": "bank transfer"},
    "receipt.method.check": {"es": "cheque, en la escuela", "en": "check, at the school"},
    "receipt.method.deposit": {"es": "depósito bancario", "en": "bank deposit"},
    "receipt.method.school": {"es": "en la escuela", "en": "at the school"},
    "receipt.method.online": {"es": "en línea, con Quentli", "en": "online, with Quentli"},
}
