"""Texts of the staff money operations: /invoice, /markpaid, /charge, /link, /checkout,
/customer, their Confirm buttons, and what parents are told about them."""

from __future__ import annotations

_EXAMPLE_ID = "<code>inv_AbCdEfGhIj0123456789</code>"

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # --- asking, step by step --------------------------------------------------------------
    "billing.invoice.ask_customer": {
        "es": (
            "🧾 <b>Nueva solicitud de pago</b>\n"
            "¿A qué alumno o familia le cobramos? Escribe el nombre, la matrícula o el id "
            "(<code>cus_…</code>). /cancelar para salir."
        ),
        "en": (
            "🧾 <b>New payment request</b>\n"
            "Which student or family is it for? Type the name, student number or id "
            "(<code>cus_…</code>). /cancel to leave."
        ),
    },
    "billing.ask_amount": {
        "es": (
            "¿Cuánto le cobramos a <b>{name}</b>? Escribe el monto en pesos, por ejemplo "
            "<code>1500</code> o <code>1,500.50</code>."
        ),
        "en": (
            "How much should <b>{name}</b> pay? Type the amount in pesos, for example "
            "<code>1500</code> or <code>1,500.50</code>."
        ),
    },
    "billing.ask_concept": {
        "es": "¿Por qué concepto? Toca uno o escríbelo.",
        "en": "What is it for? Tap one or type it.",
    },
    "billing.ask_due": {
        "es": (
            "¿Cuándo vence? Toca una opción o escribe la fecha, por ejemplo "
            "<code>DD/MM/AAAA</code>, <code>15/12</code> o <code>15 de diciembre</code>."
        ),
        "en": (
            "When is it due? Tap an option or type the date, for example "
            "<code>DD/MM/YYYY</code>, <code>15/12</code> or <code>December 15</code>."
        ),
    },
    "billing.due_pick.eom": {"es": "Fin de mes ({day})", "en": "End of month ({day})"},
    "billing.due_pick.d10": {
        "es": "El 10 del próximo mes ({day})",
        "en": "The 10th of next month ({day})",
    },
    "billing.due_pick.w1": {"es": "En 7 días ({day})", "en": "In 7 days ({day})"},
    "billing.flow.customer_is": {"es": "Alumno: <b>{name}</b>", "en": "Student: <b>{name}</b>"},
    "billing.flow.concept_is": {
        "es": "Concepto: <b>{concept}</b>",
        "en": "Concept: <b>{concept}</b>",
    },
    "billing.flow.amount_is": {
        "es": "Monto: <b>{amount}</b>",
        "en": "Amount: <b>{amount}</b>",
    },
    "billing.flow.due_is": {"es": "Vence: <b>{due}</b>", "en": "Due: <b>{due}</b>"},
    "billing.flow.stale": {
        "es": "Ese paso ya terminó. Si quieres, empieza de nuevo con el comando.",
        "en": "That step is already over. Start again with the command if you need to.",
    },
    "billing.invoice.usage": {
        "es": (
            "Uso: <code>/cobrar</code> (te pregunto paso a paso) o en una línea:\n"
            "<code>/cobrar ALUMNO MONTO CONCEPTO [vence DD/MM/AAAA]</code>\n"
            "Ejemplo: <code>/cobrar A-1029 1500 Colegiatura vence {example_date}</code>\n"
            "Si el nombre lleva espacios, usa la matrícula o el id."
        ),
        "en": (
            "Usage: <code>/invoice</code> (I ask step by step) or in one line:\n"
            "<code>/invoice STUDENT AMOUNT CONCEPT [due DD/MM/YYYY]</code>\n"
            "Example: <code>/invoice A-1029 1500 Tuition due {example_date}</code>\n"
            "If the name has spaces, use the student number or the id."
        ),
    },
    "billing.oneline.usage": {
        "es": "Falta el alumno. Escribe <code>/cobrar ALUMNO MONTO CONCEPTO</code>.",
        "en": "The student is missing. Type <code>/invoice STUDENT AMOUNT CONCEPT</code>.",
    },
    # --- summaries (Confirm / Cancel) ------------------------------------------------------
    "billing.invoice.summary": {
        "es": (
            "🧾 <b>Revisa la solicitud de pago</b>\n"
            "Alumno: <b>{name}</b> (<code>{customer_id}</code>)\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Vence: {due}\n\n"
            "Al confirmar se crea en Quentli y avisamos a la familia."
        ),
        "en": (
            "🧾 <b>Check the payment request</b>\n"
            "Student: <b>{name}</b> (<code>{customer_id}</code>)\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Due: {due}\n\n"
            "Confirming creates it in Quentli and tells the family."
        ),
    },
    "billing.markpaid.summary": {
        "es": (
            "💵 <b>¿Registrar este pago?</b>\n"
            "Solicitud: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto pendiente: <b>{amount}</b> (vence {due})\n"
            "Forma de pago: <b>{method}</b>\n"
            "Fecha del pago: {paid_on}"
        ),
        "en": (
            "💵 <b>Record this payment?</b>\n"
            "Invoice: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount due: <b>{amount}</b> (due {due})\n"
            "Paid by: <b>{method}</b>\n"
            "Payment date: {paid_on}"
        ),
    },
    "billing.markpaid.today": {"es": "hoy, {time}", "en": "today, {time}"},
    "billing.charge.summary": {
        "es": (
            "💳 <b>¿Cobrar a la tarjeta guardada?</b>\n"
            "Solicitud: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b> (vence {due})\n\n"
            "Se hará un cargo real a la tarjeta que la familia guardó en Quentli."
        ),
        "en": (
            "💳 <b>Charge the saved card?</b>\n"
            "Invoice: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b> (due {due})\n\n"
            "This makes a real charge to the card the family saved in Quentli."
        ),
    },
    "billing.checkout.ask_name": {
        "es": (
            "🆕 <b>Liga de pago para una familia nueva</b>\n"
            "¿Cuál es el nombre completo del alumno o de la familia? /cancelar para salir."
        ),
        "en": (
            "🆕 <b>Payment link for a new family</b>\n"
            "What is the student's or family's full name? /cancel to leave."
        ),
    },
    "billing.checkout.ask_contact": {
        "es": (
            "¿Su celular o correo? Por ejemplo <code>55 1234 5678</code> o "
            "<code>mama@correo.com</code>."
        ),
        "en": (
            "Their mobile number or e-mail? For example <code>55 1234 5678</code> or "
            "<code>mom@mail.com</code>."
        ),
    },
    "billing.checkout.ask_username": {
        "es": (
            "¿Cuál es su matrícula? Con ella Quentli reconoce a la familia la próxima vez "
            "(por ejemplo <code>A-1029</code>)."
        ),
        "en": (
            "What is the student number? Quentli uses it to recognise the family next time "
            "(for example <code>A-1029</code>)."
        ),
    },
    "billing.checkout.ask_amount": {
        "es": "¿Cuánto? Escribe el monto en pesos, por ejemplo <code>1500</code>.",
        "en": "How much? Type the amount in pesos, for example <code>1500</code>.",
    },
    "billing.checkout.summary": {
        "es": (
            "🆕 <b>Revisa la liga de pago</b>\n"
            "Nombre: <b>{name}</b>\n"
            "Contacto: {contact}\n"
            "Matrícula: <code>{username}</code>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Vence: {due}\n\n"
            "Al confirmar, Quentli da de alta a la familia (o la encuentra por matrícula) y "
            "crea la solicitud; te doy la liga de pago y una liga de Telegram con su QR para "
            "que la familia la abra y pague desde su propio chat."
        ),
        "en": (
            "🆕 <b>Check the payment link</b>\n"
            "Name: <b>{name}</b>\n"
            "Contact: {contact}\n"
            "Student number: <code>{username}</code>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Due: {due}\n\n"
            "Confirming makes Quentli add the family (or find it by student number) and "
            "create the request; I give you the payment link and a Telegram link with its QR "
            "code, for the family to open and pay from their own chat."
        ),
    },
    # --- the Confirm / Cancel buttons ------------------------------------------------------
    "billing.op.working": {
        "es": "⏳ Enviando a Quentli…",
        "en": "⏳ Sending to Quentli…",
    },
    "billing.op.cancelled": {
        "es": "✖️ Cancelado. No se envió nada a Quentli.",
        "en": "✖️ Cancelled. Nothing was sent to Quentli.",
    },
    "billing.op.missing": {
        "es": "Este botón ya no es válido. Vuelve a enviar el comando.",
        "en": "This button is no longer valid. Send the command again.",
    },
    "billing.op.expired": {
        "es": (
            "⌛ Este resumen ya venció (pasaron más de {minutes} minutos); no se envió nada a "
            "Quentli. Vuelve a escribir el comando para ver los datos al día."
        ),
        "en": (
            "⌛ This summary has expired (more than {minutes} minutes went by); nothing was sent "
            "to Quentli. Send the command again to see up-to-date details."
        ),
    },
    "billing.op.not_yours": {
        "es": "Solo quien preparó esta operación puede confirmarla o cancelarla.",
        "en": "Only the person who prepared this operation can confirm or cancel it.",
    },
    "billing.earlier.done": {
        "es": "ℹ️ Esto ya se había hecho con el primer toque; no se repitió. El resultado:",
        "en": "ℹ️ This was already done by the first tap; it was not repeated. The result:",
    },
    "billing.earlier.in_flight": {
        "es": (
            "⏳ Esta operación ya se está procesando o se interrumpió, así que no la envío "
            "otra vez. No sabemos todavía si se aplicó: revisa con <code>/alumno {check}</code> "
            "antes de repetirla."
        ),
        "en": (
            "⏳ This operation is already being processed or was interrupted, so I won't send "
            "it again. We don't know yet whether it went through: check with "
            "<code>/customer {check}</code> before repeating it."
        ),
    },
    "billing.earlier.unknown": {
        "es": (
            "⚠️ No sabemos si esta operación se aplicó (Quentli no respondió o el bot se "
            "reinició a la mitad) y no la reintento sola. Revisa con "
            "<code>/alumno {check}</code> antes de repetirla."
        ),
        "en": (
            "⚠️ We don't know whether this operation went through (Quentli didn't answer, or "
            "the bot restarted midway) and I won't retry it on my own. Check with "
            "<code>/customer {check}</code> before repeating it."
        ),
    },
    "billing.earlier.failed": {
        "es": (
            "❌ Esta operación ya falló antes y no se aplicó. Si quieres intentarlo otra vez, "
            "vuelve a enviar el comando."
        ),
        "en": (
            "❌ This operation already failed and was not applied. To try again, send the "
            "command again."
        ),
    },
    "billing.earlier.cancelled": {
        "es": "✖️ Esta operación se canceló; no se envió nada a Quentli.",
        "en": "✖️ This operation was cancelled; nothing was sent to Quentli.",
    },
    # --- the invoice changed in Quentli between the summary and Confirm (nothing sent) -------
    "billing.changed.amount": {
        "es": (
            "⚠️ El monto de la solicitud <code>{invoice_id}</code> cambió en Quentli después "
            "del resumen: ahora es <b>{now}</b> (el resumen decía {was}). {nothing} Vuelve a "
            "usar <code>{command} {invoice_id}</code> para revisarla."
        ),
        "en": (
            "⚠️ The amount of invoice <code>{invoice_id}</code> changed in Quentli after the "
            "summary: it is now <b>{now}</b> (the summary said {was}). {nothing} Use "
            "<code>{command} {invoice_id}</code> again to review it."
        ),
    },
    "billing.changed.paid": {
        "es": (
            "✅ La solicitud <code>{invoice_id}</code> ya quedó pagada en Quentli después del "
            "resumen. {nothing} No hace falta hacer nada más; revísala con "
            "<code>/alumno {check}</code>."
        ),
        "en": (
            "✅ Invoice <code>{invoice_id}</code> was paid in Quentli after the summary. "
            "{nothing} There is nothing more to do; check it with <code>/customer {check}</code>."
        ),
    },
    "billing.changed.cancelled": {
        "es": (
            "✖️ La solicitud <code>{invoice_id}</code> se canceló en Quentli después del "
            "resumen. {nothing}"
        ),
        "en": (
            "✖️ Invoice <code>{invoice_id}</code> was cancelled in Quentli after the summary. "
            "{nothing}"
        ),
    },
    "billing.changed.customer": {
        "es": (
            "⚠️ La solicitud <code>{invoice_id}</code> ya no es de <b>{name}</b> en Quentli "
            "(ahora es de <code>{customer_id}</code>). {nothing} Vuelve a usar "
            "<code>{command} {invoice_id}</code> para revisarla."
        ),
        "en": (
            "⚠️ Invoice <code>{invoice_id}</code> no longer belongs to <b>{name}</b> in Quentli "
            "(it is now <code>{customer_id}</code>'s). {nothing} Use "
            "<code>{command} {invoice_id}</code> again to review it."
        ),
    },
    "billing.changed.gone": {
        "es": "🔎 Quentli ya no encuentra la solicitud <code>{invoice_id}</code>. {nothing}",
        "en": "🔎 Quentli can no longer find invoice <code>{invoice_id}</code>. {nothing}",
    },
    "billing.recheck.failed": {
        "es": (
            "⚠️ Justo antes de enviarlo volví a revisar la solicitud <code>{invoice_id}</code> "
            "y Quentli no respondió bien. {nothing} No se cambió nada; intenta de nuevo en unos "
            "minutos con <code>{command} {invoice_id}</code>."
        ),
        "en": (
            "⚠️ Right before sending it I checked invoice <code>{invoice_id}</code> again and "
            "Quentli didn't answer properly. {nothing} Nothing was changed; try again in a few "
            "minutes with <code>{command} {invoice_id}</code>."
        ),
    },
    "billing.nothing.invoice.charge": {"es": "No cobré nada.", "en": "Nothing was charged."},
    "billing.nothing.invoice.mark_paid": {
        "es": "No registré el pago.",
        "en": "The payment was not recorded.",
    },
    "billing.command.invoice.charge": {"es": "/cargar", "en": "/charge"},
    "billing.command.invoice.mark_paid": {"es": "/pagado", "en": "/markpaid"},
    # --- /cancel of summaries still waiting for Confirm ---------------------------------------
    "billing.pending.cancelled": {
        "es": "✖️ Cancelé lo que esperaba tu confirmación; no se envió nada a Quentli:",
        "en": "✖️ Cancelled what was waiting for your confirmation; nothing was sent to Quentli:",
    },
    "billing.pending.line": {
        "es": "• {what}: <b>{name}</b> — {concept} — {amount}",
        "en": "• {what}: <b>{name}</b> — {concept} — {amount}",
    },
    "billing.pending.invoice.create": {"es": "Solicitud de pago", "en": "Payment request"},
    "billing.pending.invoice.mark_paid": {"es": "Registro de pago", "en": "Payment record"},
    "billing.pending.invoice.charge": {"es": "Cargo a tarjeta", "en": "Card charge"},
    "billing.pending.checkout.create": {
        "es": "Liga para familia nueva",
        "en": "New-family link",
    },
    # --- results ---------------------------------------------------------------------------
    "billing.invoice.created": {
        "es": (
            "✅ <b>Solicitud de pago creada</b>\n"
            "Id: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Vence: {due}"
        ),
        "en": (
            "✅ <b>Payment request created</b>\n"
            "Id: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Due: {due}"
        ),
    },
    "billing.notified.some": {
        "es": {
            "one": "📣 Avisamos a {count} chat de la familia.",
            "other": "📣 Avisamos a {count} chats de la familia.",
        },
        "en": {
            "one": "📣 We told {count} family chat.",
            "other": "📣 We told {count} family chats.",
        },
    },
    "billing.notified.none": {
        "es": (
            "ℹ️ No pudimos avisar a nadie de esta familia por Telegram: nadie tiene su chat "
            "vinculado, o bloquearon el bot. Reenvía la liga o invítalos con /invitar."
        ),
        "en": (
            "ℹ️ We could not tell anyone in this family on Telegram: nobody has linked their "
            "chat, or they blocked the bot. Forward the link or invite them with /invite."
        ),
    },
    "billing.markpaid.done": {
        "es": (
            "✅ <b>Pago registrado</b>\n"
            "Solicitud: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Fecha del pago: {paid_on}"
        ),
        "en": (
            "✅ <b>Payment recorded</b>\n"
            "Invoice: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Payment date: {paid_on}"
        ),
    },
    "billing.charge.paid": {
        "es": (
            "✅ <b>Cobro exitoso</b>: se cobraron {amount} a la tarjeta guardada de "
            "<b>{name}</b> (solicitud <code>{invoice_id}</code>)."
        ),
        "en": (
            "✅ <b>Charge succeeded</b>: {amount} was charged to <b>{name}</b>'s saved card "
            "(invoice <code>{invoice_id}</code>)."
        ),
    },
    "billing.charge.no_card": {
        "es": (
            "❌ <b>No se cobró</b>: <b>{name}</b> no tiene una tarjeta guardada en Quentli. "
            "Mándale la liga de pago con <code>/liga {invoice_id}</code>."
        ),
        "en": (
            "❌ <b>Not charged</b>: <b>{name}</b> has no saved card in Quentli. Send them the "
            "payment link with <code>/link {invoice_id}</code>."
        ),
    },
    "billing.charge.declined": {
        "es": (
            "❌ <b>El banco rechazó el cargo</b> de {amount} a la tarjeta de <b>{name}</b>; "
            "no se cobró nada. Pide a la familia que pague con la liga: "
            "<code>/liga {invoice_id}</code>."
        ),
        "en": (
            "❌ <b>The bank declined the charge</b> of {amount} to <b>{name}</b>'s card; "
            "nothing was charged. Ask the family to pay with the link: "
            "<code>/link {invoice_id}</code>."
        ),
    },
    "billing.checkout.created": {
        "es": (
            "✅ <b>Liga de pago lista</b>\n"
            "Id: <code>{invoice_id}</code>\n"
            "Nombre: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Vence: {due}"
        ),
        "en": (
            "✅ <b>Payment link ready</b>\n"
            "Id: <code>{invoice_id}</code>\n"
            "Name: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Due: {due}"
        ),
    },
    "billing.checkout.created_again": {
        "es": (
            "Solicitud <code>{invoice_id}</code> de <b>{name}</b>: {concept}, {amount}, vence "
            "{due}. Para una liga nueva usa <code>/liga {invoice_id}</code>."
        ),
        "en": (
            "Invoice <code>{invoice_id}</code> for <b>{name}</b>: {concept}, {amount}, due "
            "{due}. For a new link use <code>/link {invoice_id}</code>."
        ),
    },
    # --- links -----------------------------------------------------------------------------
    "billing.link.block": {
        "es": "🔗 Liga de pago (vale hasta el {expires}):\n{url}",
        "en": "🔗 Payment link (valid until {expires}):\n{url}",
    },
    "billing.link.block_plain": {
        "es": "🔗 Liga de pago:\n{url}",
        "en": "🔗 Payment link:\n{url}",
    },
    "billing.link.button": {"es": "💳 Abrir liga de pago", "en": "💳 Open payment link"},
    "billing.link.later": {
        "es": (
            "🔗 No pude obtener la liga de pago en este momento; pídela con "
            "<code>/liga {invoice_id}</code>."
        ),
        "en": (
            "🔗 I couldn't get the payment link right now; ask for it with "
            "<code>/link {invoice_id}</code>."
        ),
    },
    "billing.link.head": {
        "es": (
            "Solicitud <code>{invoice_id}</code> de <b>{name}</b>\n"
            "{concept}: <b>{amount}</b> (vence {due})"
        ),
        "en": (
            "Invoice <code>{invoice_id}</code> for <b>{name}</b>\n"
            "{concept}: <b>{amount}</b> (due {due})"
        ),
    },
    "billing.link.forward": {
        "es": (
            "🔒 La liga abre la cuenta de la familia: reenvíala solo a ella. Si vence, "
            "pide otra con /liga."
        ),
        "en": (
            "🔒 The link opens the family's account: forward it only to them. If it expires, "
            "ask for another with /link."
        ),
    },
    "billing.link.usage": {
        "es": (
            "Uso: <code>/liga ALUMNO</code> (te muestro sus solicitudes pendientes) o "
            f"<code>/liga ID_DE_SOLICITUD</code>, por ejemplo <code>/liga A-1029</code> o "
            f"<code>/liga</code> {_EXAMPLE_ID}"
        ),
        "en": (
            "Usage: <code>/link STUDENT</code> (I show their unpaid invoices) or "
            "<code>/link INVOICE_ID</code>, for example <code>/link A-1029</code> or "
            f"<code>/link</code> {_EXAMPLE_ID}"
        ),
    },
    "billing.markpaid.usage": {
        "es": (
            "Uso: <code>/pagado ALUMNO</code> (te muestro sus solicitudes pendientes) o "
            "<code>/pagado ID_DE_SOLICITUD [FECHA]</code>, por ejemplo "
            f"<code>/pagado Lucía García</code> o <code>/pagado</code> {_EXAMPLE_ID} "
            "<code>{example_date}</code>. Luego te pregunto cómo se pagó; sin fecha, "
            "cuenta como pagado hoy."
        ),
        "en": (
            "Usage: <code>/markpaid STUDENT</code> (I show their unpaid invoices) or "
            "<code>/markpaid INVOICE_ID [DATE]</code>, for example "
            f"<code>/markpaid Lucía García</code> or <code>/markpaid</code> {_EXAMPLE_ID} "
            "<code>{example_date}</code>. Then I ask how it was paid; without a date, it "
            "counts as paid today."
        ),
    },
    "billing.charge.usage": {
        "es": (
            "Uso: <code>/cargar ALUMNO</code> (te muestro sus solicitudes pendientes) o "
            "<code>/cargar ID_DE_SOLICITUD</code>, por ejemplo <code>/cargar A-1029</code> o "
            f"<code>/cargar</code> {_EXAMPLE_ID}. Solo si la familia guardó una tarjeta."
        ),
        "en": (
            "Usage: <code>/charge STUDENT</code> (I show their unpaid invoices) or "
            "<code>/charge INVOICE_ID</code>, for example <code>/charge A-1029</code> or "
            f"<code>/charge</code> {_EXAMPLE_ID}. Only when the family saved a card."
        ),
    },
    # --- invoice states --------------------------------------------------------------------
    "billing.invoice.not_found": {
        "es": (
            "🔎 No encontré la solicitud <code>{invoice_id}</code> en Quentli. Revisa el id "
            "(lo ves con <code>/alumno</code>)."
        ),
        "en": (
            "🔎 I couldn't find invoice <code>{invoice_id}</code> in Quentli. Check the id "
            "(see it with <code>/customer</code>)."
        ),
    },
    "billing.invoice.is_paid": {
        "es": (
            "✅ La solicitud <code>{invoice_id}</code> de <b>{name}</b> ({concept}, {amount}) "
            "ya está pagada. No hay nada que hacer."
        ),
        "en": (
            "✅ Invoice <code>{invoice_id}</code> for <b>{name}</b> ({concept}, {amount}) is "
            "already paid. Nothing to do."
        ),
    },
    "billing.invoice.is_canceled": {
        "es": (
            "✖️ La solicitud <code>{invoice_id}</code> de <b>{name}</b> ({concept}, {amount}) "
            "está cancelada; ya no se puede cobrar."
        ),
        "en": (
            "✖️ Invoice <code>{invoice_id}</code> for <b>{name}</b> ({concept}, {amount}) was "
            "cancelled; it can no longer be paid."
        ),
    },
    # --- /customer -------------------------------------------------------------------------
    "billing.customer.usage": {
        "es": (
            "Uso: <code>/alumno NOMBRE, MATRÍCULA o ID</code>, por ejemplo "
            "<code>/alumno A-1029</code>."
        ),
        "en": (
            "Usage: <code>/customer NAME, STUDENT NUMBER or ID</code>, for example "
            "<code>/customer A-1029</code>."
        ),
    },
    "billing.customer.head": {
        "es": (
            "👤 <b>{name}</b>\n"
            "Matrícula: <code>{username}</code> · Id: <code>{customer_id}</code>\n"
            "Teléfono: {phone} · Correo: {email}"
        ),
        "en": (
            "👤 <b>{name}</b>\n"
            "Student number: <code>{username}</code> · Id: <code>{customer_id}</code>\n"
            "Phone: {phone} · E-mail: {email}"
        ),
    },
    # The line is built from the two counts below, each with its own plural form.
    "billing.customer.chats": {
        "es": "💬 Chats vinculados: {active} · {inactive}",
        "en": "💬 Linked chats: {active} · {inactive}",
    },
    "billing.customer.chats_active": {
        "es": {"one": "{count} activo", "other": "{count} activos"},
        "en": "{count} active",
    },
    "billing.customer.chats_inactive": {
        "es": {"one": "{count} inactivo", "other": "{count} inactivos"},
        "en": "{count} inactive",
    },
    "billing.customer.nothing_owed": {
        "es": "✅ No tiene pagos pendientes.",
        "en": "✅ Nothing owed.",
    },
    "billing.customer.owed_current": {
        "es": {
            "one": "💰 Debe <b>{owed}</b> en {count} solicitud; nada vencido.",
            "other": "💰 Debe <b>{owed}</b> en {count} solicitudes; nada vencido.",
        },
        "en": {
            "one": "💰 Owes <b>{owed}</b> in {count} invoice; nothing overdue.",
            "other": "💰 Owes <b>{owed}</b> in {count} invoices; nothing overdue.",
        },
    },
    "billing.customer.owed": {
        "es": {
            "one": "💰 Debe <b>{owed}</b> en {count} solicitud; vencido: <b>{overdue}</b>",
            "other": "💰 Debe <b>{owed}</b> en {count} solicitudes; vencido: <b>{overdue}</b>",
        },
        "en": {
            "one": "💰 Owes <b>{owed}</b> in {count} invoice; overdue: <b>{overdue}</b>",
            "other": "💰 Owes <b>{owed}</b> in {count} invoices; overdue: <b>{overdue}</b>",
        },
    },
    "billing.customer.line": {
        "es": "• <code>{invoice_id}</code> — {concept} — {amount} — vence {due}",
        "en": "• <code>{invoice_id}</code> — {concept} — {amount} — due {due}",
    },
    "billing.customer.line_overdue": {
        "es": "• <code>{invoice_id}</code> — {concept} — {amount} — ⚠️ <b>vencida</b> el {due}",
        "en": "• <code>{invoice_id}</code> — {concept} — {amount} — ⚠️ <b>overdue</b> since {due}",
    },
    "billing.customer.more": {
        "es": "… y {count} más.",
        "en": "… and {count} more.",
    },
    "billing.customer.audit_head": {
        "es": "🧾 <b>Últimos movimientos desde el bot</b>",
        "en": "🧾 <b>Latest actions through the bot</b>",
    },
    "billing.customer.audit_none": {
        "es": "🧾 Sin movimientos desde el bot.",
        "en": "🧾 No actions through the bot yet.",
    },
    "billing.customer.audit_line": {
        "es": "• {when} — {action} {amount} — {outcome} (por {actor}, <code>{invoice_id}</code>)",
        "en": "• {when} — {action} {amount} — {outcome} (by {actor}, <code>{invoice_id}</code>)",
    },
    "billing.action.invoice.create": {"es": "Solicitud de pago", "en": "Payment request"},
    "billing.action.invoice.mark_paid": {"es": "Pago registrado", "en": "Payment recorded"},
    "billing.action.invoice.charge": {"es": "Cargo a tarjeta", "en": "Card charge"},
    "billing.action.checkout.create": {"es": "Liga para familia nueva", "en": "New-family link"},
    "billing.outcome.ok": {"es": "hecho", "en": "done"},
    "billing.outcome.error": {"es": "falló, sin cambios", "en": "failed, nothing changed"},
    "billing.outcome.unknown": {
        "es": "sin confirmar, revisar en Quentli",
        "en": "unconfirmed, check in Quentli",
    },
    "billing.outcome.declined": {"es": "rechazado por el banco", "en": "declined by the bank"},
    "billing.outcome.no_card": {"es": "sin tarjeta guardada", "en": "no saved card"},
    "billing.outcome.changed": {
        "es": "no enviado: cambió en Quentli",
        "en": "not sent: it changed in Quentli",
    },
    # --- errors ----------------------------------------------------------------------------
    "billing.err.write_unknown": {
        "es": (
            "⚠️ Quentli no respondió a tiempo y <b>no sabemos si se aplicó</b>. No lo voy a "
            "repetir solo, para no hacerlo dos veces. Revisa con <code>/alumno {check}</code> "
            "antes de intentarlo de nuevo."
        ),
        "en": (
            "⚠️ Quentli didn't answer in time and <b>we don't know whether it went through</b>. "
            "I won't repeat it on my own, so it isn't done twice. Check with "
            "<code>/customer {check}</code> before trying again."
        ),
    },
    "billing.err.server": {
        "es": (
            "⚠️ Quentli tuvo un problema y no respondió bien. No se cambió nada; intenta de "
            "nuevo en unos minutos."
        ),
        "en": (
            "⚠️ Quentli had a problem and didn't answer properly. Nothing was changed; please "
            "try again in a few minutes."
        ),
    },
    "billing.err.not_found": {
        "es": "🔎 Quentli ya no encuentra ese registro. No se cambió nada.",
        "en": "🔎 Quentli can no longer find that record. Nothing was changed.",
    },
    # --- bad input (reasons of bot.services.billing_input) ---------------------------------
    "billing.invoice_id.missing": {
        "es": f"Falta el id de la solicitud, por ejemplo {_EXAMPLE_ID}.",
        "en": f"The invoice id is missing, for example {_EXAMPLE_ID}.",
    },
    "billing.invoice_id.bad": {
        "es": (
            f"«{{text}}» no parece un id de solicitud. Empieza con <code>inv_</code>, por "
            f"ejemplo {_EXAMPLE_ID}; lo ves con <code>/alumno</code>."
        ),
        "en": (
            f"“{{text}}” doesn't look like an invoice id. It starts with <code>inv_</code>, "
            f"for example {_EXAMPLE_ID}; see it with <code>/customer</code>."
        ),
    },
    "billing.description.empty": {
        "es": "Falta el concepto, por ejemplo <code>Colegiatura marzo</code>.",
        "en": "The concept is missing, for example <code>March tuition</code>.",
    },
    "billing.description.long": {
        "es": "El concepto es muy largo: usa como máximo {max} caracteres.",
        "en": "The concept is too long: use at most {max} characters.",
    },
    "billing.due.past": {
        "es": (
            "La fecha de vencimiento {text} ya pasó. Elige hoy o una fecha futura, por "
            "ejemplo el fin de mes."
        ),
        "en": "The due date {text} is in the past. Pick today or a later date, e.g. month end.",
    },
    "billing.due.far_warning": {
        "es": (
            "⚠️ <b>Ojo:</b> vence el {due}, en más de un año. Si el año está mal, toca "
            "Cancelar y escríbelo de nuevo."
        ),
        "en": (
            "⚠️ <b>Note:</b> it is due on {due}, more than a year from now. If the year is "
            "wrong, tap Cancel and type it again."
        ),
    },
    "billing.paid_on.future": {
        "es": "La fecha del pago {text} todavía no llega. Escribe el día en que se recibió.",
        "en": "The payment date {text} hasn't come yet. Type the day it was received.",
    },
    "billing.name.bad": {
        "es": "«{text}» no parece un nombre. Escribe el nombre completo, de 2 a 100 letras.",
        "en": "“{text}” doesn't look like a name. Type the full name, 2 to 100 letters.",
    },
    "billing.username.bad": {
        "es": (
            "«{text}» no sirve como matrícula: usa letras, números, guion o punto, sin "
            "espacios (máximo 40), por ejemplo <code>A-1029</code>."
        ),
        "en": (
            "“{text}” can't be a student number: use letters, digits, dashes or dots, no "
            "spaces (at most 40), for example <code>A-1029</code>."
        ),
    },
    "billing.contact.bad_phone": {
        "es": (
            "«{text}» no es un teléfono válido. Escribe los 10 dígitos, por ejemplo "
            "<code>55 1234 5678</code>, o un correo."
        ),
        "en": (
            "“{text}” is not a valid phone number. Type the 10 digits, for example "
            "<code>55 1234 5678</code>, or an e-mail address."
        ),
    },
    "billing.contact.bad_email": {
        "es": "«{text}» no es un correo válido, por ejemplo <code>mama@correo.com</code>.",
        "en": "“{text}” is not a valid e-mail address, for example <code>mom@mail.com</code>.",
    },
}
