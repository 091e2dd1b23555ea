"""Parents who write instead of tapping: the phrases the bot understands, and its answers.

:data:`INTENTS` is the table of phrases per intent, in Spanish and English, written without
accents and in lower case (the matcher folds what people type the same way). The first intent
with a phrase in the message wins, so the more specific ones come first: "ya pagué, ¿cuánto
debo?" is about a proof of payment, not the balance. Anything else, a greeting included, gets
the menu.
"""

from __future__ import annotations

#: Intent name -> the phrases that mean it (whole words, accents and case ignored), in order.
INTENTS: dict[str, tuple[str, ...]] = {
    "proof": (
        # es
        "ya pague",
        "ya pagamos",
        "ya deposite",
        "ya transferi",
        "ya hice el pago",
        "ya hice la transferencia",
        "ya quedo pagado",
        "comprobante",
        "transferencia",
        "deposito",
        "recibo",
        "ticket",
        "voucher",
        # en
        "i paid",
        "i ve paid",
        "i have paid",
        "already paid",
        "receipt",
        "proof of payment",
        "bank transfer",
    ),
    "status": (
        # es
        "cuanto debo",
        "cuanto le debo",
        "cuanto es",
        "que debo",
        "lo que debo",
        "saldo",
        "adeudo",
        "estado de cuenta",
        "mi cuenta",
        # en
        "how much do i owe",
        "what do i owe",
        "how much",
        "balance",
        "my account",
    ),
    "pay": (
        # es
        "quiero pagar",
        "pagar",
        "pago",
        "liga",
        "link",
        "enlace",
        # en
        "pay",
        "payment link",
    ),
    "greeting": (
        # es
        "hola",
        "buenas",
        "buenos dias",
        "buen dia",
        # en
        "hi",
        "hello",
        "hey",
        "good morning",
        "good afternoon",
    ),
}

TEXTS: dict[str, dict[str, str]] = {
    # --- the parents' menu (a greeting, anything not understood, a sticker…) ---
    "words.greeting": {"es": "¡Hola, {name}! 👋", "en": "Hi, {name}! 👋"},
    "words.menu": {
        "es": "¿En qué te ayudo? Toca una opción o escríbeme, por ejemplo «cuánto debo».",
        "en": "How can I help? Tap an option or write to me, e.g. “how much do I owe”.",
    },
    "words.button.pay": {"es": "💳 Pagar", "en": "💳 Pay"},
    "words.button.status": {"es": "📋 Lo que debo", "en": "📋 What I owe"},
    "words.button.portal": {"es": "🔐 Portal", "en": "🔐 Portal"},
    "words.button.help": {"es": "❓ Ayuda", "en": "❓ Help"},
    # --- "ya pagué", "comprobante", "transferencia" ---
    "words.proof": {
        "es": (
            "🧾 <b>¿Ya pagaste?</b> ¡Gracias!\n"
            "Mándame aquí mismo una <b>foto</b> del ticket o del recibo, o el <b>PDF</b> del "
            "comprobante (transferencia, depósito, OXXO). "
            "Te pregunto de qué pago es, la escuela lo revisa y te aviso en cuanto quede "
            "registrado.\n\n"
            "Para pagar con tarjeta en línea, usa /pagar."
        ),
        "en": (
            "🧾 <b>Already paid?</b> Thank you!\n"
            "Send me a <b>photo</b> of the ticket or the receipt, or the <b>PDF</b> of the "
            "proof (bank transfer, deposit, OXXO) right here. "
            "I'll ask which payment it is for, the school checks it and I'll tell you as soon "
            "as it is recorded.\n\n"
            "To pay online by card, use /pay."
        ),
    },
    # --- someone whose chat is not linked yet ---
    "words.stranger": {
        "es": (
            "Todavía no sé de qué familia eres, así que no puedo mostrarte pagos. 🔒\n\n"
            "Para vincular este chat:\n"
            "• toca <b>Compartir mi número</b> abajo (el número que tiene registrado la "
            "escuela), o\n"
            "• pide a la escuela tu liga de invitación y ábrela."
        ),
        "en": (
            "I don't know which family you are yet, so I can't show you any payments. 🔒\n\n"
            "To link this chat:\n"
            "• tap <b>Share my number</b> below (the number the school has on file), or\n"
            "• ask the school for your invite link and open it."
        ),
    },
    # --- staff write instead of a command ---
    "words.staff_menu": {
        "es": "¿Qué necesitas hacer? Toca un comando:",
        "en": "What do you need to do? Tap a command:",
    },
    "words.staff_footer": {
        "es": "\nTodos tus comandos: /ayuda",
        "en": "\nAll your commands: /help",
    },
}
