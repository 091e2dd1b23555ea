"""Texts every feature uses: errors from Quentli, the generic apology, the sandbox notice,
permission refusals, and what is wrong with a typed amount or date."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- Quentli failures, by error class (bot.handlers.errors.quentli_error_text) ---
    "quentli.unreachable": {
        "es": "⚠️ Quentli no respondió. Intenta de nuevo en un momento; no se cambió nada.",
        "en": "⚠️ Quentli did not respond. Please try again in a moment; nothing was changed.",
    },
    "quentli.retry": {
        "es": "⚠️ Quentli no respondió. Intenta de nuevo en un momento, por favor.",
        "en": "⚠️ Quentli did not respond. Please try again in a moment.",
    },
    "quentli.write_unknown": {
        "es": (
            "⚠️ Quentli no respondió a tiempo y no sabemos si se aplicó el cambio. "
            "Revisa con /alumno antes de repetirlo, para no hacerlo dos veces."
        ),
        "en": (
            "⚠️ Quentli did not answer in time, so we don't know whether the change went "
            "through. Check with /customer before trying again, so it isn't done twice."
        ),
    },
    "quentli.auth_staff": {
        "es": (
            "⚠️ La llave de la API de Quentli es incorrecta o ya no es válida. "
            "Avisa al administrador del bot; no se cambió nada."
        ),
        "en": (
            "⚠️ The Quentli API key is wrong or no longer valid. "
            "Please tell the bot's administrator; nothing was changed."
        ),
    },
    "quentli.unavailable": {
        "es": (
            "⚠️ En este momento no pudimos completar la consulta con Quentli. "
            "Intenta más tarde; si sigue pasando, avisa a la escuela."
        ),
        "en": (
            "⚠️ We couldn't complete the request with Quentli right now. "
            "Please try again later; if it keeps happening, let the school know."
        ),
    },
    "quentli.not_found": {
        "es": "🔎 No encontramos eso en Quentli. Revisa el dato e intenta de nuevo.",
        "en": "🔎 We couldn't find that in Quentli. Check it and try again.",
    },
    "quentli.conflict": {
        "es": (
            "⚠️ Quentli no hizo el cambio porque choca con algo que ya existe "
            "(por ejemplo, un teléfono o un número de alumno ya registrado). No se cambió nada."
        ),
        "en": (
            "⚠️ Quentli didn't make the change because it clashes with something that already "
            "exists (for example, a phone or student number already in use). Nothing was changed."
        ),
    },
    "quentli.validation": {
        "es": (
            "⚠️ Quentli no aceptó los datos: {message}\n"
            "Corrígelos e intenta de nuevo; no se cambió nada."
        ),
        "en": (
            "⚠️ Quentli didn't accept the data: {message}\n"
            "Please fix them and try again; nothing was changed."
        ),
    },
    "quentli.rate_limited": {
        "es": (
            "⏳ Quentli está recibiendo demasiadas solicitudes. "
            "Espera un minuto e intenta de nuevo; no se cambió nada."
        ),
        "en": (
            "⏳ Quentli is receiving too many requests. "
            "Please wait a minute and try again; nothing was changed."
        ),
    },
    "quentli.server": {
        "es": "⚠️ Quentli tuvo un problema de su lado. Intenta de nuevo en unos minutos.",
        "en": "⚠️ Quentli had a problem on its side. Please try again in a few minutes.",
    },
    # --- The global error handler ---
    "error.generic": {
        "es": (
            "😕 Perdón, algo salió mal de nuestro lado. "
            "Intenta de nuevo en un momento; si vuelve a pasar, avisa a la escuela."
        ),
        "en": (
            "😕 Sorry, something went wrong on our side. "
            "Please try again in a moment; if it happens again, let the school know."
        ),
    },
    # --- Gatekeepers (bot.handlers.ui.gates): who may use a command, and where ---
    "gate.staff_only": {
        "es": (
            "🔒 Este comando es solo para el personal de la escuela. "
            "Usa /ayuda para ver lo que puedes hacer."
        ),
        "en": "🔒 This command is only for school staff. Use /help to see what you can do.",
    },
    "gate.admin_only": {
        "es": "🔒 Solo un administrador del bot puede hacer esto.",
        "en": "🔒 Only a bot administrator can do this.",
    },
    "gate.private_only": {
        "es": "🔒 Por seguridad, este comando solo funciona en un chat privado conmigo.",
        "en": "🔒 For your security, this command only works in a private chat with me.",
    },
    # --- Sandbox mode: shown to staff while no Quentli API key is configured ---
    "sandbox.notice": {
        "es": "🧪 <i>Modo sandbox: son datos de prueba y no se mueve dinero real.</i>",
        "en": "🧪 <i>Sandbox mode: this is test data and no real money moves.</i>",
    },
    # --- Amounts (reasons of bot.parsing.amounts.AmountError) ---
    "amount.empty": {
        "es": (
            "Falta el monto. Escríbelo en pesos, por ejemplo: <code>1500</code>, "
            "<code>1,500.50</code> o <code>$1500</code>."
        ),
        "en": (
            "The amount is missing. Write it in pesos, for example: <code>1500</code>, "
            "<code>1,500.50</code> or <code>$1500</code>."
        ),
    },
    "amount.format": {
        "es": (
            "No entendí «{text}» como monto. Escríbelo en pesos, con coma para los miles y "
            "punto para los centavos, por ejemplo: <code>1500</code>, <code>1,500.50</code> "
            "o <code>$1500</code>."
        ),
        "en": (
            "I couldn't read “{text}” as an amount. Write it in pesos, with a comma for "
            "thousands and a point for centavos, for example: <code>1500</code>, "
            "<code>1,500.50</code> or <code>$1500</code>."
        ),
    },
    "amount.decimals": {
        "es": (
            "«{text}» tiene más de dos decimales. Los centavos llevan como máximo dos cifras, "
            "por ejemplo: <code>1500.50</code>."
        ),
        "en": (
            "“{text}” has more than two decimals. Centavos take at most two digits, "
            "for example: <code>1500.50</code>."
        ),
    },
    "amount.not_positive": {
        "es": (
            "El monto debe ser mayor que cero, por ejemplo: <code>1500</code>. Recibí «{text}»."
        ),
        "en": (
            "The amount must be greater than zero, for example: <code>1500</code>. I got “{text}”."
        ),
    },
    "amount.ambiguous": {
        "es": (
            "«{text}» se puede leer de más de una forma y no quiero adivinar. Toca el monto "
            "correcto o escríbelo otra vez sin espacios ni punto de miles, por ejemplo "
            "<code>1500</code> o <code>1.50</code>."
        ),
        "en": (
            "“{text}” can be read more than one way and I won't guess. Tap the right amount "
            "or type it again without spaces or a thousands point, for example "
            "<code>1500</code> or <code>1.50</code>."
        ),
    },
    "amount.too_large": {
        "es": "«{text}» es demasiado: el máximo por cobro es {max}. Revisa el monto.",
        "en": "“{text}” is too much: the maximum per charge is {max}. Please check the amount.",
    },
    # --- Dates (reasons of bot.parsing.dates.DateError) ---
    "date.empty": {
        "es": (
            "Falta la fecha. Escríbela como <code>DD/MM/AAAA</code> o <code>AAAA-MM-DD</code>, "
            "por ejemplo: <code>{example}</code>."
        ),
        "en": (
            "The date is missing. Write it as <code>DD/MM/YYYY</code> or <code>YYYY-MM-DD</code>, "
            "for example: <code>{example}</code>."
        ),
    },
    "date.format": {
        "es": (
            "No entendí «{text}» como fecha. Escríbela como <code>DD/MM/AAAA</code>, "
            "<code>DD/MM</code>, <code>AAAA-MM-DD</code> o <code>15 de diciembre</code>, "
            "por ejemplo: <code>{example}</code> o <code>{example_iso}</code>."
        ),
        "en": (
            "I couldn't read “{text}” as a date. Write it as <code>DD/MM/YYYY</code>, "
            "<code>DD/MM</code>, <code>YYYY-MM-DD</code> or <code>December 15</code>, "
            "for example: <code>{example}</code> or <code>{example_iso}</code>."
        ),
    },
    "date.invalid": {
        "es": (
            "La fecha «{text}» no existe en el calendario. Revisa el día y el mes, "
            "por ejemplo: <code>{example}</code>."
        ),
        "en": (
            "The date “{text}” doesn't exist on the calendar. Check the day and the month, "
            "for example: <code>{example}</code>."
        ),
    },
}
