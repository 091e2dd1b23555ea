"""Collections: payment reminders, /notifications, /remind, /overdue, /today, the office summary.

Counts are written as "label: number" (``Chats: 2``) so that no noun needs a plural form; days use
Babel's plural forms (``{days}`` comes formatted: "1 día", "3 días"). Values: ``{name}`` family,
``{concept}``, ``{amount}`` / ``{total}`` (money), ``{due}`` / ``{date}`` (days).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- The command menu ---
    "cmd.overdue": {"es": "Vencidos: quién debe y desde cuándo", "en": "Overdue invoices by age"},
    "cmd.today": {"es": "Corte del día: pagos recibidos", "en": "The day's payments received"},
    "cmd.remind": {
        "es": "Recordarle a una familia lo que debe",
        "en": "Remind a family of what they owe",
    },
    "cmd.notifications": {
        "es": "Activar o desactivar recordatorios de pago",
        "en": "Turn payment reminders on or off",
    },
    # --- Reminders (pushed to parents) ---
    "remind.message": {
        "es": "{head}\n\n{lines}\n\n{closing}",
        "en": "{head}\n\n{lines}\n\n{closing}",
    },
    "remind.school": {"es": "🏫 <b>{name}</b>", "en": "🏫 <b>{name}</b>"},
    "remind.head.before": {
        "es": "👋 <b>Recordatorio amistoso</b>\nSe acerca la fecha de pago:",
        "en": "👋 <b>A friendly reminder</b>\nA payment date is coming up:",
    },
    "remind.head.due": {
        "es": "📅 <b>Hoy es día de pago</b>",
        "en": "📅 <b>Today is a payment day</b>",
    },
    "remind.head.overdue": {
        "es": "🔔 <b>Recordatorio de pago</b>\nTenemos pendiente lo siguiente:",
        "en": "🔔 <b>Payment reminder</b>\nThe following is still pending:",
    },
    "remind.head.requested": {
        "es": "🔔 <b>Recordatorio de la escuela</b>\nEsto es lo que tienes pendiente:",
        "en": "🔔 <b>A reminder from the school</b>\nThis is what is pending:",
    },
    "remind.line.before": {
        "es": "• {name} · {concept}: <b>{amount}</b>, vence el {due} (en {days})",
        "en": "• {name} · {concept}: <b>{amount}</b>, due {due} (in {days})",
    },
    "remind.line.due": {
        "es": "• {name} · {concept}: <b>{amount}</b>, vence <b>hoy</b>",
        "en": "• {name} · {concept}: <b>{amount}</b>, due <b>today</b>",
    },
    "remind.line.overdue": {
        "es": "• {name} · {concept}: <b>{amount}</b>, venció el {due}",
        "en": "• {name} · {concept}: <b>{amount}</b>, was due {due}",
    },
    "remind.more": {
        "es": "Más pendientes: {count}. Velos todos con /pagar.",
        "en": "More pending: {count}. See them all with /pay.",
    },
    "remind.closing.before": {
        "es": "Puedes pagar con tarjeta desde aquí cuando quieras 👇",
        "en": "You can pay by card right here whenever you like 👇",
    },
    "remind.closing.due": {
        "es": "Puedes pagar con tarjeta desde aquí 👇 ¡Gracias!",
        "en": "You can pay by card right here 👇 Thank you!",
    },
    "remind.closing.overdue": {
        "es": (
            "Si ya pagaste, muchas gracias y no tomes en cuenta este mensaje. Si necesitas "
            "ayuda, escríbele a la escuela. Puedes pagar con tarjeta desde aquí 👇"
        ),
        "en": (
            "If you have already paid, thank you, and please disregard this message. If you "
            "need help, write to the school. You can pay by card right here 👇"
        ),
    },
    "remind.off_hint": {
        "es": "<i>¿Prefieres no recibir recordatorios? Usa /avisos.</i>",
        "en": "<i>Rather not get reminders? Use /notifications.</i>",
    },
    "remind.button": {"es": "💳 {concept} · {amount}", "en": "💳 {concept} · {amount}"},
    "remind.button_named": {
        "es": "💳 {name} · {concept} · {amount}",
        "en": "💳 {name} · {concept} · {amount}",
    },
    # --- /notifications (/avisos) ---
    "notifications.on": {
        "es": (
            "🔔 Los recordatorios de pago están <b>activados</b> en este chat: te aviso antes "
            "de cada fecha de pago, el día que vence y si queda pendiente.\n"
            "Los comprobantes de pago te llegan siempre."
        ),
        "en": (
            "🔔 Payment reminders are <b>on</b> in this chat: I remind you before each payment "
            "date, on the day it is due and if it stays pending.\n"
            "Payment receipts always arrive."
        ),
    },
    "notifications.off": {
        "es": (
            "🔕 Los recordatorios de pago están <b>desactivados</b> en este chat.\n"
            "Los comprobantes de pago te siguen llegando, y puedes ver lo que debes con /pagar."
        ),
        "en": (
            "🔕 Payment reminders are <b>off</b> in this chat.\n"
            "Payment receipts still arrive, and you can see what you owe with /pay."
        ),
    },
    "notifications.turn_off": {"es": "🔕 Desactivar recordatorios", "en": "🔕 Turn reminders off"},
    "notifications.turn_on": {"es": "🔔 Activar recordatorios", "en": "🔔 Turn reminders on"},
    "notifications.unknown": {
        "es": "No entendí «{given}». Usa <code>/avisos si</code> o <code>/avisos no</code>.",
        "en": (
            "I didn't understand “{given}”. Use <code>/notifications on</code> or "
            "<code>/notifications off</code>."
        ),
    },
    # --- /remind (/recordar) ---
    "remind.usage": {
        "es": (
            "Escribe a quién recordarle, por ejemplo <code>/recordar Sofía García</code> o "
            "<code>/recordar A-1029</code> (la matrícula).\n"
            "La familia recibe en su chat lo que debe, con un botón para pagar cada cosa. "
            "Se manda un recordatorio al día por familia como máximo."
        ),
        "en": (
            "Say whom to remind, for example <code>/remind Sofía García</code> or "
            "<code>/remind A-1029</code> (the student number).\n"
            "The family gets what they owe in their chat, with a button to pay each item. "
            "At most one reminder a day per family."
        ),
    },
    "remind.sent": {
        "es": (
            "🔔 Listo: le recordé a la familia de <b>{name}</b> lo que debe.\n"
            "Pendiente: <b>{total}</b>\nChats que lo reciben: {chats}"
        ),
        "en": (
            "🔔 Done: I reminded <b>{name}</b>'s family of what they owe.\n"
            "Pending: <b>{total}</b>\nChats it goes to: {chats}"
        ),
    },
    "remind.sent_muted": {
        "es": "Chats con los recordatorios desactivados (no lo reciben): {muted}",
        "en": "Chats with reminders off (they don't get it): {muted}",
    },
    "remind.already": {
        "es": (
            "Ya se le recordó hoy a la familia de <b>{name}</b> (a las {time}). Se manda un "
            "recordatorio al día por familia como máximo: mañana puedes mandar otro."
        ),
        "en": (
            "<b>{name}</b>'s family was already reminded today (at {time}). At most one "
            "reminder a day per family: you can send another tomorrow."
        ),
    },
    "remind.no_chats": {
        "es": (
            "⚠️ El recordatorio no le llegó a nadie: <b>{name}</b> no tiene ningún chat "
            "vinculado. Invita a la familia con <code>/invitar {who}</code>."
        ),
        "en": (
            "⚠️ The reminder reached nobody: <b>{name}</b> has no linked chat. Invite the "
            "family with <code>/invite {who}</code>."
        ),
    },
    "remind.all_muted": {
        "es": (
            "⚠️ El recordatorio no le llegó a nadie: los chats de <b>{name}</b> desactivaron "
            "los recordatorios con /avisos.\nChats vinculados: {chats}"
        ),
        "en": (
            "⚠️ The reminder reached nobody: <b>{name}</b>'s chats turned reminders off with "
            "/notifications.\nLinked chats: {chats}"
        ),
    },
    "remind.nothing_owed": {
        "es": "🎉 <b>{name}</b> no debe nada: no hay nada que recordar.",
        "en": "🎉 <b>{name}</b> owes nothing: there is nothing to remind.",
    },
    "remind.unknown_customer": {
        "es": "No encontré a esa familia en Quentli. Búscala otra vez con /alumno.",
        "en": "I couldn't find that family in Quentli. Look it up again with /customer.",
    },
    # --- /overdue (/vencidos) ---
    "overdue.usage": {
        "es": (
            "/vencidos no lleva nada después (escribiste «{given}»): envía solo /vencidos y "
            "cambia de página con los botones «◀ Anterior» y «Siguiente ▶»."
        ),
        "en": (
            "/overdue takes nothing after it (you wrote “{given}”): send just /overdue and "
            "turn the pages with the «◀ Previous» and «Next ▶» buttons."
        ),
    },
    "overdue.title": {
        "es": "📋 <b>Vencidos</b> al {date}",
        "en": "📋 <b>Overdue</b> as of {date}",
    },
    "overdue.none": {
        "es": "🎉 No hay pagos vencidos al {date}. ¡Todo al corriente!",
        "en": "🎉 Nothing is overdue as of {date}. All caught up!",
    },
    "overdue.summary": {
        "es": "Total vencido: <b>{amount}</b>\nSolicitudes: {invoices} · Familias: {families}",
        "en": "Total overdue: <b>{amount}</b>\nInvoices: {invoices} · Families: {families}",
    },
    "overdue.bucket": {
        "es": "• {range}: <b>{amount}</b> · solicitudes: {invoices}",
        "en": "• {range}: <b>{amount}</b> · invoices: {invoices}",
    },
    "overdue.range": {"es": "{first} a {last} días", "en": "{first} to {last} days"},
    "overdue.range_over": {"es": "más de {last} días", "en": "over {last} days"},
    "overdue.families_head": {
        "es": "<b>Familias, de más a menos días de atraso</b> (página {page} de {pages})",
        "en": "<b>Families, most days late first</b> (page {page} of {pages})",
    },
    "overdue.family": {
        "es": "{n}. <b>{who}</b>: <b>{amount}</b> · {days} de atraso",
        "en": "{n}. <b>{who}</b>: <b>{amount}</b> · {days} late",
    },
    "overdue.invoice": {
        "es": "    ◦ {concept}: {amount}, venció el {due}",
        "en": "    ◦ {concept}: {amount}, was due {due}",
    },
    "overdue.more_invoices": {
        "es": "    ◦ más solicitudes vencidas: {count}",
        "en": "    ◦ more overdue invoices: {count}",
    },
    "overdue.hint": {
        "es": "Toca 📇 para abrir la ficha de la familia o 🔔 para mandarle un recordatorio.",
        "en": "Tap 📇 to open the family's card or 🔔 to send them a reminder.",
    },
    "overdue.button_card": {"es": "📇 {name}", "en": "📇 {name}"},
    "overdue.button_remind": {"es": "🔔 Recordar", "en": "🔔 Remind"},
    "overdue.prev": {"es": "◀ Anterior", "en": "◀ Previous"},
    "overdue.next": {"es": "Siguiente ▶", "en": "Next ▶"},
    # --- /today (/corte) ---
    "cut.usage": {
        "es": (
            "Uso: <code>/corte</code> (hoy), <code>/corte ayer</code> o "
            "<code>/corte {example}</code>."
        ),
        "en": (
            "Usage: <code>/today</code>, <code>/today yesterday</code> or "
            "<code>/today {example}</code>."
        ),
    },
    "cut.future": {
        "es": "El {date} todavía no llega: el corte es de los pagos ya recibidos.",
        "en": "{date} hasn't come yet: the cut lists payments already received.",
    },
    "cut.title": {"es": "💵 <b>Corte del {date}</b>", "en": "💵 <b>Payments of {date}</b>"},
    "cut.none": {
        "es": "No se registraron pagos ese día.",
        "en": "No payments were recorded that day.",
    },
    "cut.line": {
        "es": "• {time} · {name} · {concept}: <b>{amount}</b> ({method})",
        "en": "• {time} · {name} · {concept}: <b>{amount}</b> ({method})",
    },
    "cut.more": {"es": "Pagos sin mostrar: {count}", "en": "Payments not shown: {count}"},
    "cut.totals_head": {"es": "<b>Por forma de pago</b>", "en": "<b>By payment method</b>"},
    "cut.method_total": {
        "es": "• {method}: <b>{amount}</b> · pagos: {count}",
        "en": "• {method}: <b>{amount}</b> · payments: {count}",
    },
    "cut.total": {
        "es": "<b>Total: {amount}</b> · pagos: {count}",
        "en": "<b>Total: {amount}</b> · payments: {count}",
    },
    "cut.method.card": {"es": "tarjeta", "en": "card"},
    "cut.method.direct_debit": {"es": "domiciliación", "en": "direct debit"},
    "cut.method.quentli_other": {"es": "registrado en Quentli", "en": "recorded in Quentli"},
    "cut.method.school": {"es": "en la escuela", "en": "at the school"},
    "cut.method.cash": {"es": "efectivo", "en": "cash"},
    "cut.method.transfer": {"es": "transferencia", "en": "transfer"},
    "cut.method.check": {"es": "cheque", "en": "check"},
    "cut.method.deposit": {"es": "depósito", "en": "deposit"},
    # --- The office's daily summary ---
    "digest.message": {
        "es": "{title}\n\n{cut}\n\n{overdue}\n\n{lost}",
        "en": "{title}\n\n{cut}\n\n{overdue}\n\n{lost}",
    },
    "digest.title": {
        "es": "🗓 <b>Resumen del día</b> · {date}",
        "en": "🗓 <b>Summary of the day</b> · {date}",
    },
    "digest.cut_head": {"es": "<b>💵 Pagos recibidos</b>", "en": "<b>💵 Payments received</b>"},
    "digest.overdue_head": {
        "es": "<b>📋 Vencieron hoy</b>",
        "en": "<b>📋 Became overdue today</b>",
    },
    "digest.overdue_line": {
        "es": "• {name} · {concept}: {amount}",
        "en": "• {name} · {concept}: {amount}",
    },
    "digest.overdue_total": {
        "es": "Total: <b>{amount}</b> · solicitudes: {count}",
        "en": "Total: <b>{amount}</b> · invoices: {count}",
    },
    "digest.more": {"es": "Sin mostrar: {count}", "en": "Not shown: {count}"},
    "digest.none": {"es": "Ninguno.", "en": "None."},
    "digest.proofs": {
        "es": "<b>🧾 Comprobantes por revisar</b>: {count}",
        "en": "<b>🧾 Proofs to review</b>: {count}",
    },
    "digest.lost_head": {"es": "<b>📵 Chats perdidos</b>", "en": "<b>📵 Chats lost</b>"},
    "digest.lost.blocked": {"es": "• {names}: bloqueó el bot", "en": "• {names}: blocked the bot"},
    "digest.lost.unlinked": {"es": "• {names}: se desvinculó", "en": "• {names}: unlinked"},
    "digest.lost.other": {"es": "• {names}", "en": "• {names}"},
    "digest.button_overdue": {"es": "📋 Ver vencidos", "en": "📋 See overdue"},
    "digest.button_cut": {"es": "💵 Ver el corte", "en": "💵 See the payments"},
    "office.sent_private": {
        "es": "Te lo mandé por mensaje privado.",
        "en": "I sent it to you in a private message.",
    },
    "office.open_private": {
        "es": (
            "No pude mandártelo por mensaje privado: abre un chat conmigo, envía /inicio "
            "y vuelve a tocar el botón."
        ),
        "en": (
            "I could not send it to you privately: open a chat with me, send /start "
            "and tap the button again."
        ),
    },
}
