"""Texts of onboarding a family from /checkout, /checkout's look-up, and family-wide invites."""

from __future__ import annotations

from bot.texts.catalog import Entry

TEXTS: dict[str, Entry] = {
    # --- /checkout looks before it creates (staff) ---
    "onboard.lookup.head": {
        "es": (
            "🆕 <b>{name}</b> · {contact} · matrícula <code>{username}</code>\n"
            "{concept}: <b>{amount}</b>, vence {due}"
        ),
        "en": (
            "🆕 <b>{name}</b> · {contact} · student number <code>{username}</code>\n"
            "{concept}: <b>{amount}</b>, due {due}"
        ),
    },
    "onboard.lookup.username": {
        "es": "⚠️ Matrícula <code>{value}</code>: ya existe: <b>{name}</b>",
        "en": "⚠️ Student number <code>{value}</code>: already exists: <b>{name}</b>",
    },
    "onboard.lookup.phone": {
        "es": "⚠️ Celular {value}: ya existe: <b>{name}</b>",
        "en": "⚠️ Mobile {value}: already exists: <b>{name}</b>",
    },
    "onboard.lookup.email": {
        "es": "⚠️ Correo {value}: ya existe: <b>{name}</b>",
        "en": "⚠️ E-mail {value}: already exists: <b>{name}</b>",
    },
    "onboard.lookup.taken": {
        "es": (
            "Esa matrícula ya es de otra familia: una liga nueva le cobraría a ella. "
            "Cóbrale con /cobrar o cambia la matrícula. No se creó nada."
        ),
        "en": (
            "That student number belongs to another family: a new link would bill them. "
            "Bill them with /invoice or change the student number. Nothing was created."
        ),
    },
    "onboard.lookup.maybe_sibling": {
        "es": (
            "¿Es la misma familia? Cóbrale con /cobrar, cambia el dato, o sigue si es un "
            "alumno nuevo (un hermano, por ejemplo). No se creó nada."
        ),
        "en": (
            "Is it the same family? Bill them with /invoice, change the value, or go on if "
            "this is a new student (a sibling, for example). Nothing was created."
        ),
    },
    "onboard.lookup.bill_button": {
        "es": "💵 Cobrar a {name} con /cobrar",
        "en": "💵 Bill {name} with /invoice",
    },
    "onboard.lookup.change_username": {
        "es": "✏️ Cambiar la matrícula",
        "en": "✏️ Change the student number",
    },
    "onboard.lookup.change_contact": {
        "es": "✏️ Cambiar celular o correo",
        "en": "✏️ Change the mobile or e-mail",
    },
    "onboard.lookup.anyway": {
        "es": "➡️ Es un alumno nuevo: seguir",
        "en": "➡️ It is a new student: go on",
    },
    "onboard.lookup.typed_hint": {
        "es": (
            "Toca uno de los botones de arriba, o escribe la nueva matrícula (por ejemplo "
            "<code>B-2001</code>), celular o correo. /cancelar para salir."
        ),
        "en": (
            "Tap one of the buttons above, or type the new student number (for example "
            "<code>B-2001</code>), mobile or e-mail. /cancel to leave."
        ),
    },
    "onboard.lookup.billing": {
        "es": "Cobrar a <b>{name}</b> con /cobrar.",
        "en": "Bill <b>{name}</b> with /invoice.",
    },
    "onboard.lookup.changing": {
        "es": "Cambiar el dato que ya existe.",
        "en": "Change the value that already exists.",
    },
    "onboard.lookup.new_student": {
        "es": "Es un alumno nuevo.",
        "en": "It is a new student.",
    },
    # --- after Confirm: the family's one-time link (staff) ---
    "onboard.family_link": {
        "es": {
            "one": "📲 Para que <b>{name}</b> reciba la liga y el recibo en Telegram, dale esta "
            "liga (un solo uso, vence en {count} día):\n{url}\n\n"
            "Al abrirla, su chat queda vinculado y el bot le manda la liga de pago.",
            "other": "📲 Para que <b>{name}</b> reciba la liga y el recibo en Telegram, dale esta "
            "liga (un solo uso, vence en {count} días):\n{url}\n\n"
            "Al abrirla, su chat queda vinculado y el bot le manda la liga de pago.",
        },
        "en": {
            "one": "📲 For <b>{name}</b> to get the link and the receipt in Telegram, give them "
            "this link (single use, expires in {count} day):\n{url}\n\n"
            "Opening it links their chat and the bot sends them the payment link.",
            "other": "📲 For <b>{name}</b> to get the link and the receipt in Telegram, give "
            "them this link (single use, expires in {count} days):\n{url}\n\n"
            "Opening it links their chat and the bot sends them the payment link.",
        },
    },
    "onboard.qr_caption": {
        "es": "Código QR de la liga de {name} en Telegram, para imprimir o mostrar. Un solo uso.",
        "en": "QR code of {name}'s Telegram link, to print or show. Single use.",
    },
    # --- the family opened it ---
    "onboard.checkout": {
        "es": (
            "🧾 La escuela te envía <b>{concept}</b> de {name} por <b>{amount}</b>, vence el "
            "{due}.\nPágala con la liga de abajo; es personal, no la compartas. Te mandaremos "
            "el recibo aquí en cuanto se pague."
        ),
        "en": (
            "🧾 The school sends you <b>{concept}</b> for {name}, <b>{amount}</b>, due {due}.\n"
            "Pay it with the link below; it is personal, do not share it. We will send the "
            "receipt here as soon as it is paid."
        ),
    },
    "onboard.checkout_later": {
        "es": "No pude traer tu liga de pago ahora. Usa /pagar en un momento.",
        "en": "I could not get your payment link right now. Use /pay in a moment.",
    },
    "link.already_unused": {
        "es": (
            "Este chat ya está vinculado con <b>{names}</b>, así que la invitación sigue sin "
            "usar, por si es para otro familiar. Usa /pagar para ver lo que debes."
        ),
        "en": (
            "This chat is already linked to <b>{names}</b>, so the invite is still unused, "
            "in case it is for another family member. Use /pay to see what you owe."
        ),
    },
    # --- family-wide invites (staff) ---
    "invite.siblings": {
        "es": "👨‍👩‍👧 También vincula a sus hermanos (mismo celular): <b>{names}</b>.",
        "en": "👨‍👩‍👧 It also links the siblings (same mobile): <b>{names}</b>.",
    },
    "invite.siblings_left_out": {
        "es": "⬜ No vincula a sus hermanos (mismo celular): <b>{names}</b>. Para incluirlos, "
        "toca el botón.",
        "en": "⬜ It does not link the siblings (same mobile): <b>{names}</b>. To include them, "
        "tap the button.",
    },
    "invite.siblings_button_on": {
        "es": "✅ Incluir a los hermanos",
        "en": "✅ Include the siblings",
    },
    "invite.siblings_button_off": {
        "es": "⬜ Incluir a los hermanos",
        "en": "⬜ Include the siblings",
    },
    "invite.siblings_on": {
        "es": "La invitación vincula también a los hermanos.",
        "en": "The invite links the siblings too.",
    },
    "invite.siblings_off": {
        "es": "La invitación vincula solo a {name}.",
        "en": "The invite links {name} only.",
    },
    "invite.siblings_too_late": {
        "es": "Esa invitación ya se usó o no existe; ya no se puede cambiar.",
        "en": "That invite was already used or does not exist; it cannot be changed.",
    },
}
