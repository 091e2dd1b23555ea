"""The bot's Telegram profile: what someone opening an invite sees before pressing Start."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "profile.description": {
        "es": (
            "Pagos escolares en Telegram, con Quentli. Las familias ven lo que deben y pagan con "
            "tarjeta en dos toques, y reciben su recibo aquí. La escuela cobra, registra pagos "
            "y manda recordatorios.\n\nPara empezar toca «Iniciar» (o abre la liga que te dio "
            "la escuela)."
        ),
        "en": (
            "School payments in Telegram, with Quentli. Families see what they owe, pay by card "
            "in two taps and get their receipt here. The school bills, records payments and "
            "sends reminders.\n\nTo begin, tap Start (or open the link the school gave you)."
        ),
    },
    "profile.description_school": {
        "es": (
            "Pagos de {school} en Telegram, con Quentli. Las familias ven lo que deben y pagan "
            "con tarjeta en dos toques, y reciben su recibo aquí.\n\nPara empezar toca "
            "«Iniciar» (o abre la liga que te dio la escuela)."
        ),
        "en": (
            "{school}'s payments in Telegram, with Quentli. Families see what they owe, pay by "
            "card in two taps and get their receipt here.\n\nTo begin, tap Start (or open the "
            "link the school gave you)."
        ),
    },
    "profile.short": {
        "es": "Pagos escolares: lo que debes, pagar con tarjeta y tus recibos.",
        "en": "School payments: what you owe, pay by card, your receipts.",
    },
    "profile.short_school": {
        "es": "Pagos de {school}: lo que debes, pagar con tarjeta y tus recibos.",
        "en": "{school} payments: what you owe, pay by card, your receipts.",
    },
}
