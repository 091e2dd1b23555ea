"""Texts of the student card (/customer), its invoice buttons, the invoice picker of the
invoice commands, and the steps of /markpaid (how it was paid, which day)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # --- the card ----------------------------------------------------------------------------
    "card.saved_card.yes": {
        "es": "💳 Tarjeta guardada: <b>sí</b> (se le puede cobrar con 💳 Cargar)",
        "en": "💳 Saved card: <b>yes</b> (it can be charged with 💳 Charge)",
    },
    "card.saved_card.no": {
        "es": "💳 Tarjeta guardada: <b>no</b> (mándale la 🔗 liga de pago)",
        "en": "💳 Saved card: <b>no</b> (send them the 🔗 payment link)",
    },
    "card.saved_card.unknown": {
        "es": "💳 Tarjeta guardada: Quentli no respondió; 💳 Cargar lo vuelve a consultar",
        "en": "💳 Saved card: Quentli did not answer; 💳 Charge asks again",
    },
    "card.chat.who": {"es": "chat <code>{chat_id}</code>", "en": "chat <code>{chat_id}</code>"},
    "card.chat.named": {"es": "<b>{name}</b>", "en": "<b>{name}</b>"},
    "card.chat.active": {
        "es": "  • {who}: activo desde el {since}",
        "en": "  • {who}: active since {since}",
    },
    "card.chat.inactive": {
        "es": "  • {who}: inactivo desde el {since}",
        "en": "  • {who}: inactive since {since}",
    },
    "card.line": {
        "es": "<b>{n}.</b> {concept} — {amount} — vence {due}\n     <code>{invoice_id}</code>",
        "en": "<b>{n}.</b> {concept} — {amount} — due {due}\n     <code>{invoice_id}</code>",
    },
    "card.line_overdue": {
        "es": (
            "<b>{n}.</b> {concept} — {amount} — ⚠️ <b>vencida</b> el {due}\n"
            "     <code>{invoice_id}</code>"
        ),
        "en": (
            "<b>{n}.</b> {concept} — {amount} — ⚠️ <b>overdue</b> since {due}\n"
            "     <code>{invoice_id}</code>"
        ),
    },
    "card.page": {
        "es": "Página {page} de {pages} · toca los botones de cada solicitud",
        "en": "Page {page} of {pages} · tap the buttons of each invoice",
    },
    "card.button.pay": {
        "es": "💵 {n}. Registrar pago · {concept}",
        "en": "💵 {n}. Record payment · {concept}",
    },
    "card.button.charge": {"es": "💳 Cargar", "en": "💳 Charge"},
    "card.button.link": {"es": "🔗 Liga", "en": "🔗 Link"},
    "card.button.remind": {"es": "🔔 Recordar", "en": "🔔 Remind"},
    "card.button.void": {"es": "✖️ Anular", "en": "✖️ Cancel it"},
    "card.prev": {"es": "◀ Anterior", "en": "◀ Previous"},
    "card.next": {"es": "Siguiente ▶", "en": "Next ▶"},
    # --- picking one of a student's invoices ------------------------------------------------
    "card.pick.pay": {
        "es": "💵 ¿Qué solicitud de <b>{name}</b> se pagó? Toca una.",
        "en": "💵 Which of <b>{name}</b>'s invoices was paid? Tap one.",
    },
    "card.pick.chg": {
        "es": "💳 ¿Qué solicitud de <b>{name}</b> cobramos a su tarjeta? Toca una.",
        "en": "💳 Which of <b>{name}</b>'s invoices should the card pay? Tap one.",
    },
    "card.pick.lnk": {
        "es": "🔗 ¿De qué solicitud de <b>{name}</b> quieres la liga de pago? Toca una.",
        "en": "🔗 Which of <b>{name}</b>'s invoices do you want the payment link of? Tap one.",
    },
    "card.pick.rmd": {
        "es": "🔔 ¿Por qué solicitud de <b>{name}</b> le recordamos? Toca una.",
        "en": "🔔 Which of <b>{name}</b>'s invoices should we remind them of? Tap one.",
    },
    "card.pick.void": {
        "es": "✖️ ¿Qué solicitud de <b>{name}</b> anulamos? Toca una.",
        "en": "✖️ Which of <b>{name}</b>'s invoices should be cancelled? Tap one.",
    },
    "card.pick.any": {
        "es": "🧾 ¿Qué solicitud de <b>{name}</b>? Toca una.",
        "en": "🧾 Which of <b>{name}</b>'s invoices? Tap one.",
    },
    "card.pick.count": {
        "es": {
            "one": "Tiene {count} solicitud pendiente.",
            "other": "Tiene {count} solicitudes pendientes.",
        },
        "en": {
            "one": "They have {count} unpaid invoice.",
            "other": "They have {count} unpaid invoices.",
        },
    },
    "card.pick.page": {"es": "Página {page} de {pages}.", "en": "Page {page} of {pages}."},
    "card.pick.button": {
        "es": "{concept} · {amount} · vence {due}",
        "en": "{concept} · {amount} · due {due}",
    },
    "card.pick.none": {
        "es": "✅ <b>{name}</b> no tiene pagos pendientes: no hay nada que hacer.",
        "en": "✅ <b>{name}</b> owes nothing: there is nothing to do.",
    },
    "card.pick.gone": {
        "es": "No encontré a ese alumno en Quentli. Búscalo otra vez con /alumno.",
        "en": "I couldn't find that student in Quentli. Look them up again with /customer.",
    },
    # --- /markpaid: how and when ------------------------------------------------------------
    "card.markpaid.ask_method": {
        "es": (
            "💵 <b>¿Cómo se pagó?</b>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto pendiente: <b>{amount}</b> (vence {due})"
        ),
        "en": (
            "💵 <b>How was it paid?</b>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount due: <b>{amount}</b> (due {due})"
        ),
    },
    "card.method.cash": {"es": "efectivo", "en": "cash"},
    "card.method.transfer": {"es": "transferencia", "en": "bank transfer"},
    "card.method.check": {"es": "cheque", "en": "check"},
    "card.method.deposit": {"es": "depósito", "en": "deposit"},
    "card.method.card_page": {"es": "tarjeta (página de pago)", "en": "card (payment page)"},
    "card.method.saved_card": {"es": "tarjeta guardada", "en": "saved card"},
    "card.method.button.cash": {"es": "💵 Efectivo", "en": "💵 Cash"},
    "card.method.button.transfer": {"es": "🏦 Transferencia", "en": "🏦 Transfer"},
    "card.method.button.check": {"es": "🧾 Cheque", "en": "🧾 Check"},
    "card.method.button.deposit": {"es": "🏧 Depósito", "en": "🏧 Deposit"},
    "card.markpaid.method_line": {"es": "Forma de pago: {method}", "en": "Paid by: {method}"},
    # the hint names the day buttons the summary has: Ayer, Hoy, or both
    "card.markpaid.other_day.yday": {
        "es": "📅 ¿Fue otro día? Toca «Ayer» o escribe la fecha (<code>DD/MM/AAAA</code>).",
        "en": "📅 Another day? Tap “Yesterday” or type the date (<code>DD/MM/YYYY</code>).",
    },
    "card.markpaid.other_day.today": {
        "es": "📅 ¿Fue otro día? Toca «Hoy» o escribe la fecha (<code>DD/MM/AAAA</code>).",
        "en": "📅 Another day? Tap “Today” or type the date (<code>DD/MM/YYYY</code>).",
    },
    "card.markpaid.other_day.today_yday": {
        "es": (
            "📅 ¿Fue otro día? Toca «Hoy» o «Ayer», o escribe la fecha (<code>DD/MM/AAAA</code>)."
        ),
        "en": (
            "📅 Another day? Tap “Today” or “Yesterday”, or type the date "
            "(<code>DD/MM/YYYY</code>)."
        ),
    },
    "card.markpaid.replaced": {
        "es": "↪️ Este resumen se reemplazó por el de abajo, con la fecha que escribiste.",
        "en": "↪️ This summary was replaced by the one below, with the date you typed.",
    },
    "card.markpaid.bad_day": {
        "es": "Escribe la fecha del pago como <code>DD/MM/AAAA</code>, o toca Confirmar.",
        "en": "Type the payment date as <code>DD/MM/YYYY</code>, or tap Confirm.",
    },
    "card.day.today": {"es": "📅 Hoy", "en": "📅 Today"},
    "card.day.yday": {"es": "📅 Ayer", "en": "📅 Yesterday"},
    # --- what staff are told after a payment is recorded or charged -------------------------
    "card.notified.none_paid": {
        "es": (
            "ℹ️ Nadie de esta familia tiene su chat vinculado, así que no se enteraron por "
            "Telegram. Invítalos con el botón o con <code>/invitar {who}</code>."
        ),
        "en": (
            "ℹ️ Nobody in this family has linked their chat, so they were not told on "
            "Telegram. Invite them with the button or with <code>/invite {who}</code>."
        ),
    },
    "card.notified.blocked_paid": {
        "es": (
            "ℹ️ La familia tiene su chat vinculado, pero bloqueó el bot: el recibo le llegará en "
            "cuanto vuelva a escribirle al bot."
        ),
        "en": (
            "ℹ️ The family's chat is linked but has blocked the bot: the receipt reaches them "
            "as soon as they write to the bot again."
        ),
    },
    "card.invite_button": {"es": "✉️ Invitar a la familia", "en": "✉️ Invite the family"},
    "card.charge.no_card_student": {
        "es": (
            "💳 <b>{name}</b> no tiene una tarjeta guardada en Quentli, así que no se le puede "
            "cobrar. Mándale la liga de pago: <code>/liga {name}</code>."
        ),
        "en": (
            "💳 <b>{name}</b> has no saved card in Quentli, so it cannot be charged. Send them "
            "the payment link: <code>/link {name}</code>."
        ),
    },
    "card.charge.no_card": {
        "es": (
            "💳 <b>{name}</b> no tiene una tarjeta guardada en Quentli, así que no se le puede "
            "cobrar. Mándale la liga de pago: <code>/liga {invoice_id}</code>."
        ),
        "en": (
            "💳 <b>{name}</b> has no saved card in Quentli, so it cannot be charged. Send "
            "them the payment link: <code>/link {invoice_id}</code>."
        ),
    },
}
