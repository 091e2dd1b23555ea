"""Parents' self-service: /pay (/pagar), the Pay button, /status (/estado), /portal."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # --- Not linked yet, or asked in a group ---
    "parents.not_linked": {
        "es": (
            "Este chat todavía no está vinculado con tu cuenta de la escuela. "
            "Usa /inicio para vincularlo con tu número de teléfono o con la liga que te dio "
            "la escuela."
        ),
        "en": (
            "This chat isn't linked to your school account yet. Use /start to link it with "
            "your phone number or with the link the school gave you."
        ),
    },
    "parents.private_only": {
        "es": (
            "🔒 Por tu seguridad, tus pagos y tus ligas solo te los muestro en nuestro chat "
            "privado. Escríbeme por ahí y con gusto te ayudo 👇"
        ),
        "en": (
            "🔒 For your security, I only show your payments and links in our private chat. "
            "Write to me there and I'll gladly help 👇"
        ),
    },
    "parents.private_button": {"es": "💬 Ir al chat privado", "en": "💬 Open private chat"},
    # --- /pay ---
    "pay.nothing_owed": {
        "es": "🎉 ¡Estás al corriente! No tienes pagos pendientes. Gracias por tu puntualidad.",
        "en": "🎉 You're all caught up! Nothing is pending. Thank you for paying on time.",
    },
    "pay.title": {"es": "<b>Tus pagos pendientes</b>", "en": "<b>Your pending payments</b>"},
    "pay.customer": {"es": "\n👤 <b>{name}</b>", "en": "\n👤 <b>{name}</b>"},
    "pay.line": {
        "es": "• {concept}: <b>{amount}</b>, vence el {due}",
        "en": "• {concept}: <b>{amount}</b>, due {due}",
    },
    "pay.line_overdue": {
        "es": "• {concept}: <b>{amount}</b>, venció el {due} ⚠️ <i>vencido</i>",
        "en": "• {concept}: <b>{amount}</b>, was due {due} ⚠️ <i>overdue</i>",
    },
    "pay.total": {"es": "\nTotal: <b>{total}</b>", "en": "\nTotal: <b>{total}</b>"},
    "pay.more": {
        "es": "…y {count} más. Puedes verlos todos en /portal.",
        "en": "…and {count} more. You can see them all in /portal.",
    },
    "pay.hint": {
        "es": "Toca un botón para pagar con tarjeta en línea. 💳",
        "en": "Tap a button to pay online by card. 💳",
    },
    "pay.button": {"es": "💳 {concept} · {amount}", "en": "💳 {concept} · {amount}"},
    "pay.button_named": {
        "es": "💳 {name} · {concept} · {amount}",
        "en": "💳 {name} · {concept} · {amount}",
    },
    # --- The Pay button ---
    "pay.link": {
        "es": (
            "Aquí está tu liga para pagar <b>{concept}</b> de {name} por <b>{amount}</b>.\n"
            "Es personal, así que por favor no la compartas. Vale hasta el {expires}."
        ),
        "en": (
            "Here is your link to pay <b>{concept}</b> for {name}, <b>{amount}</b>.\n"
            "It is personal, so please don't share it. Valid until {expires}."
        ),
    },
    "pay.link_no_expiry": {
        "es": (
            "Aquí está tu liga para pagar <b>{concept}</b> de {name} por <b>{amount}</b>.\n"
            "Es personal, así que por favor no la compartas."
        ),
        "en": (
            "Here is your link to pay <b>{concept}</b> for {name}, <b>{amount}</b>.\n"
            "It is personal, so please don't share it."
        ),
    },
    "pay.link_inline": {"es": "\n\nÁbrela aquí: {url}", "en": "\n\nOpen it here: {url}"},
    "pay.open_button": {"es": "💳 Pagar ahora", "en": "💳 Pay now"},
    "pay.not_found": {
        "es": (
            "🔎 No encontré ese cobro entre los de tu cuenta. "
            "Usa /pagar para ver tus pagos pendientes."
        ),
        "en": "🔎 I couldn't find that charge in your account. Use /pay to see what is pending.",
    },
    "pay.already_paid": {
        "es": "✅ <b>{concept}</b> de {name} ya está pagado. ¡Muchas gracias!",
        "en": "✅ <b>{concept}</b> for {name} is already paid. Thank you!",
    },
    "pay.canceled": {
        "es": (
            "La escuela canceló el cobro <b>{concept}</b> de {name}; ya no tienes que pagarlo."
        ),
        "en": (
            "The school cancelled the charge <b>{concept}</b> for {name}; there is nothing to pay."
        ),
    },
    # --- /status ---
    "status.title": {"es": "<b>Tu estado de cuenta</b>", "en": "<b>Your account</b>"},
    "status.owed": {
        "es": "Total pendiente: <b>{total}</b>",
        "en": "Total pending: <b>{total}</b>",
    },
    "status.nothing_owed": {
        "es": "No tienes pagos pendientes. 🎉",
        "en": "You have nothing pending. 🎉",
    },
    "status.overdue": {
        "es": "⚠️ Vencido: <b>{total}</b>",
        "en": "⚠️ Overdue: <b>{total}</b>",
    },
    "status.overdue_line": {
        "es": "• {name}: {concept}, {amount}, venció el {due}",
        "en": "• {name}: {concept}, {amount}, was due {due}",
    },
    "status.more": {
        "es": {
            "one": "…y {count} más vencido. Puedes verlos todos en /portal.",
            "other": "…y {count} más vencidos. Puedes verlos todos en /portal.",
        },
        "en": "…and {count} more overdue. You can see them all in /portal.",
    },
    "status.no_overdue": {"es": "Nada vencido. 👍", "en": "Nothing overdue. 👍"},
    "status.payments_title": {"es": "\n<b>Últimos pagos</b>", "en": "\n<b>Last payments</b>"},
    "status.payment_line": {
        "es": "• {date}: <b>{amount}</b>, {concept}",
        "en": "• {date}: <b>{amount}</b>, {concept}",
    },
    "status.payment_line_named": {
        "es": "• {date}: <b>{amount}</b>, {concept} ({name})",
        "en": "• {date}: <b>{amount}</b>, {concept} ({name})",
    },
    "status.payment_no_concept": {"es": "pago", "en": "payment"},
    "status.no_payments": {
        "es": "Todavía no hay pagos registrados.",
        "en": "No payments recorded yet.",
    },
    "status.hint": {"es": "\nPara pagar, usa /pagar.", "en": "\nTo pay, use /pay."},
    # --- /portal ---
    "portal.pick": {
        "es": "¿De quién quieres abrir el portal de pagos?",
        "en": "Whose payment portal would you like to open?",
    },
    "portal.link": {
        "es": (
            "Aquí está tu acceso al portal de pagos de <b>{name}</b>: ahí puedes guardar "
            "tarjetas, ver tus recibos y tus datos de facturación.\n"
            "La liga es personal y sirve una sola vez; no la compartas."
        ),
        "en": (
            "Here is your access to <b>{name}</b>'s payment portal: save cards, see your "
            "receipts and your tax details there.\n"
            "The link is personal and works once; please don't share it."
        ),
    },
    "portal.link_inline": {"es": "\n\nÁbrelo aquí: {url}", "en": "\n\nOpen it here: {url}"},
    "portal.open_button": {"es": "🔐 Abrir mi portal", "en": "🔐 Open my portal"},
    "portal.not_found": {
        "es": "No encontré esa cuenta entre las vinculadas a este chat. Usa /portal de nuevo.",
        "en": "I couldn't find that account among this chat's links. Use /portal again.",
    },
}
