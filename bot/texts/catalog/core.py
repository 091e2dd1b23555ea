"""Texts of the bot core: welcome, linking, invites, staff management, language, help, menus."""

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # Commands, as menus and /help describe them.
    "cmd.start": {"es": "Empezar o vincular tu cuenta", "en": "Start or link your account"},
    "cmd.pay": {"es": "Ver lo que debes y pagar", "en": "See what you owe and pay"},
    "cmd.status": {"es": "Tu saldo y últimos pagos", "en": "Your balance and last payments"},
    "cmd.portal": {"es": "Tu portal de pagos de Quentli", "en": "Your Quentli payment portal"},
    "cmd.unlink": {"es": "Desvincular este chat", "en": "Unlink this chat"},
    "cmd.language": {"es": "Cambiar idioma", "en": "Change language"},
    "cmd.help": {"es": "Qué puedo hacer", "en": "What I can do"},
    "cmd.cancel": {"es": "Salir de lo que estés haciendo", "en": "Leave the current step"},
    "cmd.invoice": {"es": "Cobrar: crear una solicitud de pago", "en": "Issue a payment request"},
    "cmd.markpaid": {"es": "Registrar un pago recibido", "en": "Record a payment received"},
    "cmd.charge": {"es": "Cobrar a la tarjeta guardada", "en": "Charge the saved card"},
    "cmd.link": {"es": "Liga de pago de una solicitud", "en": "Payment link of an invoice"},
    "cmd.checkout": {
        "es": "Liga de pago para una familia nueva",
        "en": "Payment link for a new family",
    },
    "cmd.customer": {"es": "Ver un alumno o familia", "en": "Look up a student or family"},
    "cmd.invite": {"es": "Invitar a un papá o mamá", "en": "Invite a parent"},
    "cmd.staff": {"es": "Administrar el personal", "en": "Manage staff"},
    # /start
    "start.welcome_stranger": {
        "es": (
            "¡Hola! 👋 Soy el asistente de pagos de la escuela.\n\n"
            "Para ver y pagar lo que debes, vincula este chat con tu cuenta:\n"
            "• toca <b>Compartir mi número</b> abajo (el número registrado en la escuela), o\n"
            "• abre la liga de invitación que te dio la escuela."
        ),
        "en": (
            "Hi! 👋 I am the school's payments assistant.\n\n"
            "To see and pay what you owe, link this chat to your account:\n"
            "• tap <b>Share my number</b> below (the number the school has on file), or\n"
            "• open the invite link the school gave you."
        ),
    },
    "start.share_phone_button": {"es": "📱 Compartir mi número", "en": "📱 Share my number"},
    "start.welcome_parent": {
        "es": "¡Hola de nuevo! Este chat está vinculado con: <b>{names}</b>.\n"
        "Usa /pagar para ver lo que debes.",
        "en": "Welcome back! This chat is linked to: <b>{names}</b>.\n"
        "Use /pay to see what you owe.",
    },
    "start.welcome_staff": {
        "es": "¡Hola! Tienes acceso de personal. Usa /ayuda para ver tus comandos.",
        "en": "Hi! You have staff access. Use /help to see your commands.",
    },
    "start.welcome_group": {
        "es": "¡Hola! Para vincular tu cuenta y pagar, escríbeme en un chat privado.",
        "en": "Hi! To link your account and pay, write to me in a private chat.",
    },
    "start.token_private_only": {
        "es": "Esta liga de invitación solo funciona en un chat privado conmigo.",
        "en": "This invite link only works in a private chat with me.",
    },
    # Linking
    "link.done": {
        "es": "✅ Listo. Este chat quedó vinculado con: <b>{names}</b>.\n"
        "Usa /pagar para ver lo que debes.",
        "en": "✅ Done. This chat is now linked to: <b>{names}</b>.\n"
        "Use /pay to see what you owe.",
    },
    "invite.unknown": {
        "es": "Esta liga de invitación no es válida. Pide una nueva a la escuela.",
        "en": "This invite link is not valid. Ask the school for a new one.",
    },
    "invite.too_many": {
        "es": "Demasiados intentos con ligas de invitación. Espera un minuto y abre de nuevo "
        "la liga que te dio la escuela.",
        "en": "Too many invite link attempts. Wait a minute, then open the link the school "
        "gave you again.",
    },
    "invite.expired": {
        "es": "Esta liga de invitación ya venció. Pide una nueva a la escuela.",
        "en": "This invite link has expired. Ask the school for a new one.",
    },
    "invite.used": {
        "es": "Esta liga de invitación ya se usó. Cada liga sirve una sola vez; "
        "pide una nueva a la escuela.",
        "en": "This invite link was already used. Each link works once; "
        "ask the school for a new one.",
    },
    "phone.not_own": {
        "es": "Solo puedo vincular tu propio número. Toca <b>Compartir mi número</b> "
        "en lugar de enviar un contacto.",
        "en": "I can only link your own number. Tap <b>Share my number</b> "
        "instead of sending a contact.",
    },
    "phone.no_match": {
        "es": "No encontré ninguna cuenta con tu número. Pide a la escuela una liga de "
        "invitación o que actualice tu teléfono.",
        "en": "I found no account with your number. Ask the school for an invite link "
        "or to update your phone number.",
    },
    "invite.ask_customer": {
        "es": "¿Para qué alumno o familia es la invitación? Escribe el nombre, la matrícula "
        "o el id (<code>cus_…</code>). /cancelar para salir.",
        "en": "Which student or family is the invite for? Type the name, student number "
        "or id (<code>cus_…</code>). /cancel to leave.",
    },
    "invite.created": {
        "es": {
            "one": "Invitación para <b>{name}</b> (un solo uso, vence en {count} día):\n{url}\n\n"
            "Reenvíala a la familia; al abrirla, su chat queda vinculado.",
            "other": "Invitación para <b>{name}</b> (un solo uso, vence en {count} días):\n{url}"
            "\n\nReenvíala a la familia; al abrirla, su chat queda vinculado.",
        },
        "en": {
            "one": "Invite for <b>{name}</b> (single use, expires in {count} day):\n{url}\n\n"
            "Forward it to the family; opening it links their chat.",
            "other": "Invite for <b>{name}</b> (single use, expires in {count} days):\n{url}\n\n"
            "Forward it to the family; opening it links their chat.",
        },
    },
    "invite.qr_caption": {
        "es": {
            "one": "Código QR de la invitación de {name}, para imprimir. Un solo uso; vence en "
            "{count} día.",
            "other": "Código QR de la invitación de {name}, para imprimir. Un solo uso; vence en "
            "{count} días.",
        },
        "en": {
            "one": "QR code of {name}'s invite, for printing. Single use; expires in {count} day.",
            "other": "QR code of {name}'s invite, for printing. Single use; expires in "
            "{count} days.",
        },
    },
    "customer.pick": {
        "es": "Encontré varios resultados para «{query}». ¿Cuál es?",
        "en": "I found several matches for “{query}”. Which one?",
    },
    "customer.pick_more": {
        "es": "Hay más resultados; escribe más del nombre o la matrícula.",
        "en": "There are more matches; type more of the name or the student number.",
    },
    "customer.pick_more_command": {
        "es": "Hay más resultados; vuelve a enviar {command} con más del nombre o la matrícula.",
        "en": "There are more matches; send {command} again with more of the name or the "
        "student number.",
    },
    "customer.no_match": {
        "es": "No encontré a nadie con «{query}». Prueba con otra parte del nombre, la "
        "matrícula o el id <code>cus_…</code>.",
        "en": "I found nobody matching “{query}”. Try another part of the name, the student "
        "number or the <code>cus_…</code> id.",
    },
    "customer.did_you_mean": {
        "es": "No encontré a nadie con «{query}». ¿Quisiste decir…?",
        "en": "I found nobody matching “{query}”. Did you mean…?",
    },
    # /unlink
    "unlink.none": {
        "es": "Este chat no está vinculado con ninguna cuenta.",
        "en": "This chat is not linked to any account.",
    },
    "unlink.confirm": {
        "es": "¿Desvincular este chat de <b>{names}</b>? Dejarás de recibir avisos y recibos "
        "aquí.",
        "en": "Unlink this chat from <b>{names}</b>? You will stop getting notices and receipts "
        "here.",
    },
    "unlink.done": {
        "es": "Listo, este chat ya no está vinculado. Puedes volver a vincularlo con /inicio.",
        "en": "Done, this chat is no longer linked. You can link it again with /start.",
    },
    "unlink.kept": {"es": "De acuerdo, no cambié nada.", "en": "All right, nothing changed."},
    "button.confirm": {"es": "✅ Confirmar", "en": "✅ Confirm"},
    "button.cancel": {"es": "✖️ Cancelar", "en": "✖️ Cancel"},
    # /cancel
    "cancel.done": {
        "es": "Cancelado. No se cambió nada.",
        "en": "Cancelled. Nothing was changed.",
    },
    "cancel.nothing": {
        "es": "No hay nada que cancelar. Usa /ayuda para ver qué puedo hacer.",
        "en": "There is nothing to cancel. Use /help to see what I can do.",
    },
    # /language
    "language.ask": {"es": "¿En qué idioma te escribo?", "en": "Which language should I use?"},
    "language.set": {
        "es": "Listo, te escribiré en español.",
        "en": "Done, I will write in English.",
    },
    "language.unknown": {
        "es": "No conozco el idioma «{given}». Escribe <code>/idioma es</code> o "
        "<code>/idioma en</code>.",
        "en": "I don't know the language “{given}”. Type <code>/language es</code> or "
        "<code>/language en</code>.",
    },
    # /help
    "help.intro.stranger": {
        "es": "Para ver y pagar lo que debes, primero vincula este chat con /inicio.\n",
        "en": "To see and pay what you owe, first link this chat with /start.\n",
    },
    "help.intro.parent": {"es": "Esto puedes hacer:\n", "en": "Here is what you can do:\n"},
    "help.intro.staff": {
        "es": "Comandos de personal (en chat privado) y de familias:\n",
        "en": "Staff commands (in a private chat) and family commands:\n",
    },
    "help.intro.admin": {
        "es": "Eres administrador. Comandos disponibles:\n",
        "en": "You are an admin. Available commands:\n",
    },
    "help.staff_footer": {
        "es": "\n<i>Alumno</i> acepta id <code>cus_…</code>, matrícula o parte del nombre. "
        "Montos como 1500, 1,500.50 o $1500. Fechas AAAA-MM-DD o DD/MM/AAAA.",
        "en": "\n<i>Customer</i> accepts a <code>cus_…</code> id, student number or part of the "
        "name. Amounts like 1500, 1,500.50 or $1500. Dates YYYY-MM-DD or DD/MM/YYYY.",
    },
    # /staff
    "staff.usage": {
        "es": "Uso:\n<code>/personal agregar ID</code> — dar acceso (ID numérico de Telegram)\n"
        "<code>/personal invitar</code> — liga de un solo uso para un nuevo miembro\n"
        "<code>/personal quitar NOMBRE o ID</code> — quitar acceso\n"
        "<code>/personal lista</code> — ver quién tiene acceso, con su ID",
        "en": "Usage:\n<code>/staff add ID</code> — grant access (numeric Telegram ID)\n"
        "<code>/staff invite</code> — single-use link for a new member\n"
        "<code>/staff remove NAME or ID</code> — revoke access\n"
        "<code>/staff list</code> — see who has access, with their ID",
    },
    "staff.bad_id": {
        "es": "«{given}» no es un ID de Telegram: debe ser un número, p. ej. 123456789.",
        "en": "“{given}” is not a Telegram ID: it must be a number, e.g. 123456789.",
    },
    "staff.added": {
        "es": "✅ {who} ahora es personal. Le mando un aviso por mensaje privado.",
        "en": "✅ {who} is now staff. I'm sending them a private notice.",
    },
    "staff.already": {"es": "{who} ya era personal.", "en": "{who} was already staff."},
    "staff.removed": {
        "es": "{who} ya no es personal. Le mando un aviso por mensaje privado.",
        "en": "{who} is no longer staff. I'm sending them a private notice.",
    },
    "staff.not_found": {
        "es": "{who} no estaba en el personal; no cambié nada.",
        "en": "{who} was not staff; nothing changed.",
    },
    "staff.invite": {
        "es": {
            "one": "Liga para un nuevo miembro del personal (un solo uso, vence en {count} día):"
            "\n{url}\nEnvíala solo a esa persona.",
            "other": "Liga para un nuevo miembro del personal (un solo uso, vence en "
            "{count} días):\n{url}\nEnvíala solo a esa persona.",
        },
        "en": {
            "one": "Link for a new staff member (single use, expires in {count} day):\n{url}\n"
            "Send it only to that person.",
            "other": "Link for a new staff member (single use, expires in {count} days):\n{url}\n"
            "Send it only to that person.",
        },
    },
    "staff.welcome": {
        "es": "✅ Bienvenido al personal. Usa /ayuda para ver tus comandos.",
        "en": "✅ Welcome to the staff. Use /help to see your commands.",
    },
    "staff.list_title": {"es": "<b>Personal</b>", "en": "<b>Staff</b>"},
    "staff.list_admin": {"es": "• {name} (administrador)", "en": "• {name} (admin)"},
    "staff.list_member": {
        "es": "• {name} · ID <code>{user_id}</code> (desde el {since})",
        "en": "• {name} · ID <code>{user_id}</code> (since {since})",
    },
    "staff.list_empty": {
        "es": "Aún no hay personal agregado.",
        "en": "No staff added yet.",
    },
    # Fallbacks
    "edit.ignored": {
        "es": "Vi que editaste un mensaje, pero no tomo en cuenta las ediciones. Si querías "
        "corregir algo, escríbelo de nuevo.",
        "en": "I saw you edited a message, but I don't take edits into account. If you meant "
        "to correct something, send it again.",
    },
    "link.already": {
        "es": "Este chat ya está vinculado con <b>{names}</b>. Usa /pagar para ver lo que debes.",
        "en": "This chat is already linked to <b>{names}</b>. Use /pay to see what you owe.",
    },
    "staff.already_member": {
        "es": "Ya eres parte del personal. Usa /ayuda para ver tus comandos.",
        "en": "You are already staff. Use /help to see your commands.",
    },
    "fallback.unknown_command": {
        "es": "No conozco ese comando. Usa /ayuda para ver la lista.",
        "en": "I don't know that command. Use /help to see the list.",
    },
    "fallback.stale_button": {
        "es": "Este botón ya no está activo. Vuelve a escribir el comando, por ejemplo /ayuda.",
        "en": "This button is no longer active. Send the command again, e.g. /help.",
    },
}
