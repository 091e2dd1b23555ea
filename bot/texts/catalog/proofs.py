"""Proofs of payment (the parent's side and the office's review) and the office's notices.

Values: ``{name}`` the family (student names), ``{concept}``, ``{amount}`` (money), ``{paid_on}``
and ``{day}`` (days), ``{reviewer}`` a staff member's name, ``{caption}`` what the parent wrote.
No link ever goes in an office text (SPEC rule 1).
"""

from __future__ import annotations

_METHODS: dict[str, tuple[str, str]] = {
    "card_page": ("con tarjeta en la página de pago", "by card on the payment page"),
    "saved_card": ("con cargo a la tarjeta guardada", "charged to the saved card"),
    "cash": ("en efectivo, en la escuela", "in cash, at the school"),
    "transfer": ("por transferencia", "by bank transfer"),
    "check": ("con cheque", "by check"),
    "deposit": ("con depósito", "by deposit"),
}

TEXTS: dict[str, dict[str, str | dict[str, str]]] = {
    # -- the parent --------------------------------------------------------------------------
    "proofs.ask": {
        "es": "🧾 Recibí tu comprobante. ¿De qué pago es? Elige la solicitud:",
        "en": "🧾 I got your proof of payment. Which payment is it for? Pick the invoice:",
    },
    "proofs.ask_none": {
        "es": (
            "🧾 Recibí tu comprobante, pero no encuentro pagos pendientes de tu familia. "
            "¿Lo enviamos a la escuela para que lo revise?"
        ),
        "en": (
            "🧾 I got your proof of payment, but I find nothing your family owes. "
            "Shall we send it to the school to review?"
        ),
    },
    "proofs.invoice_button": {
        "es": "{name} · {concept} · {amount}",
        "en": "{name} · {concept} · {amount}",
    },
    "proofs.other_button": {"es": "Otro pago", "en": "Another payment"},
    "proofs.send_button": {"es": "📤 Enviar a la escuela", "en": "📤 Send it to the school"},
    "proofs.received": {
        "es": (
            "✅ Enviamos tu comprobante a la escuela: <b>{concept}</b> de {name}, {amount}.\n"
            "Te avisaremos aquí en cuanto lo revisen."
        ),
        "en": (
            "✅ We sent your proof of payment to the school: <b>{concept}</b> for {name}, "
            "{amount}.\nWe will tell you here as soon as it is reviewed."
        ),
    },
    "proofs.received_other": {
        "es": (
            "✅ Enviamos tu comprobante a la escuela. Te avisaremos aquí en cuanto lo revisen."
        ),
        "en": (
            "✅ We sent your proof of payment to the school. We will tell you here as soon as "
            "it is reviewed."
        ),
    },
    "proofs.gone": {
        "es": "Ese comprobante ya fue enviado, o la solicitud ya no está pendiente.",
        "en": "That proof was sent already, or the invoice is no longer pending.",
    },
    "proofs.not_linked": {
        "es": (
            "Para mandar un comprobante de pago, primero vincula este chat con tu familia: "
            "usa /inicio con tu número de teléfono o con la liga que te dio la escuela. "
            "No guardé el archivo."
        ),
        "en": (
            "To send a proof of payment, first link this chat to your family: use /start "
            "with your phone number or with the link the school gave you. "
            "I did not keep the file."
        ),
    },
    "proofs.staff_file": {
        "es": (
            "Los comprobantes de pago los mandan las familias desde su chat vinculado, y "
            "llegan a la escuela para revisarlos. Para ver los que esperan revisión usa "
            "/comprobantes. No guardé el archivo."
        ),
        "en": (
            "Proofs of payment come from the families, from their linked chats, and reach "
            "the school to be reviewed. To see the ones waiting for a review, use /proofs. "
            "I did not keep the file."
        ),
    },
    "proofs.too_big": {
        "es": (
            "Ese archivo pesa {size} MB y el límite es {limit} MB. Mándame una foto del "
            "comprobante o un PDF más ligero."
        ),
        "en": (
            "That file is {size} MB and the limit is {limit} MB. Send me a photo of the "
            "receipt or a smaller PDF."
        ),
    },
    "proofs.wrong_type": {
        "es": (
            "Solo recibo comprobantes de pago como <b>foto</b> o <b>PDF</b>; «{file}» no lo "
            "puedo enviar a la escuela. Toma una foto del ticket o manda el PDF del banco."
        ),
        "en": (
            "I only take proofs of payment as a <b>photo</b> or a <b>PDF</b>; I cannot send "
            "“{file}” to the school. Take a photo of the ticket or send the bank's PDF."
        ),
    },
    # -- the office ----------------------------------------------------------------------------
    "proofs.office": {
        "es": (
            "🧾 <b>Comprobante de pago por revisar</b>\n"
            "Familia: {name}\n"
            "Solicitud: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Recibido: {day}"
        ),
        "en": (
            "🧾 <b>Proof of payment to review</b>\n"
            "Family: {name}\n"
            "Invoice: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Received: {day}"
        ),
    },
    "proofs.office_other": {
        "es": (
            "🧾 <b>Comprobante de pago por revisar</b>\n"
            "Familia: {name}\n"
            "Solicitud: no la eligió (otro pago); al aprobar eliges cuál.\n"
            "Recibido: {day}"
        ),
        "en": (
            "🧾 <b>Proof of payment to review</b>\n"
            "Family: {name}\n"
            "Invoice: not chosen (another payment); you pick it when you approve.\n"
            "Received: {day}"
        ),
    },
    "proofs.office_caption": {
        "es": "Escribió: «{caption}»",
        "en": "They wrote: “{caption}”",
    },
    "proofs.office_reviewed": {
        "es": "🧾 <b>Comprobante de pago</b>",
        "en": "🧾 <b>Proof of payment</b>",
    },
    "proofs.reviewed_approved_on": {
        "es": "✅ <b>Aprobado</b> por {reviewer} · pagado el {paid_on}",
        "en": "✅ <b>Approved</b> by {reviewer} · paid on {paid_on}",
    },
    "proofs.reviewed_approved": {
        "es": "✅ <b>Aprobado</b> por {reviewer}",
        "en": "✅ <b>Approved</b> by {reviewer}",
    },
    "proofs.reviewed_rejected": {
        "es": "❌ <b>Rechazado</b> por {reviewer}: {reason}",
        "en": "❌ <b>Rejected</b> by {reviewer}: {reason}",
    },
    "proofs.approve_button": {"es": "✅ Aprobar", "en": "✅ Approve"},
    "proofs.reject_button": {"es": "❌ Rechazar", "en": "❌ Reject"},
    "proofs.today_button": {"es": "Pagado hoy, {day}", "en": "Paid today, {day}"},
    "proofs.yesterday_button": {"es": "Pagado ayer, {day}", "en": "Paid yesterday, {day}"},
    "proofs.back_button": {"es": "↩ Volver", "en": "↩ Back"},
    "proofs.reason.illegible": {"es": "Ilegible", "en": "Illegible"},
    "proofs.reason.amount": {"es": "El monto no coincide", "en": "The amount differs"},
    "proofs.reason.notfound": {
        "es": "No encontramos el depósito",
        "en": "Deposit not found",
    },
    "proofs.reason.other": {"es": "Otro motivo", "en": "Another reason"},
    "proofs.approved": {
        "es": (
            "✅ <b>Comprobante aprobado</b> por {reviewer}: {name} · {concept} · "
            "<b>{amount}</b>, pagado el {paid_on} por transferencia. La familia recibe su recibo."
        ),
        "en": (
            "✅ <b>Proof approved</b> by {reviewer}: {name} · {concept} · <b>{amount}</b>, "
            "paid on {paid_on} by bank transfer. The family gets its receipt."
        ),
    },
    "proofs.rejected": {
        "es": "❌ <b>Comprobante rechazado</b> por {reviewer} ({reason}): {name} · {concept}.",
        "en": "❌ <b>Proof rejected</b> by {reviewer} ({reason}): {name} · {concept}.",
    },
    "proofs.already": {
        "es": "Este comprobante ya lo revisó {reviewer}.",
        "en": "{reviewer} reviewed this proof already.",
    },
    "proofs.missing": {
        "es": "Ya no encuentro este comprobante.",
        "en": "I can no longer find this proof.",
    },
    "proofs.no_invoice": {
        "es": (
            "La familia no eligió una solicitud y no tiene pagos pendientes: regístralo con "
            "/pagado si corresponde, o recházalo."
        ),
        "en": (
            "The family chose no invoice and owes nothing now: record it with /markpaid if it "
            "applies, or reject it."
        ),
    },
    "proofs.list_head": {
        "es": {
            "one": "🧾 <b>{count} comprobante por revisar</b>",
            "other": "🧾 <b>{count} comprobantes por revisar</b>",
        },
        "en": {
            "one": "🧾 <b>{count} proof of payment to review</b>",
            "other": "🧾 <b>{count} proofs of payment to review</b>",
        },
    },
    "proofs.list_more": {
        "es": "Muestro los primeros {shown}; revísalos y vuelve a pedir /comprobantes.",
        "en": "Showing the first {shown}; review them and ask /proofs again.",
    },
    "proofs.list_empty": {
        "es": "No hay comprobantes por revisar. 🎉",
        "en": "No proofs of payment to review. 🎉",
    },
    # -- the parent, after the review -------------------------------------------------------
    "proofs.rejected.illegible": {
        "es": (
            "❌ La escuela no pudo aceptar tu comprobante de <b>{concept}</b> ({name}): "
            "no se lee bien. Mándanos una foto más clara, por favor."
        ),
        "en": (
            "❌ The school could not accept your proof of payment for <b>{concept}</b> "
            "({name}): it cannot be read. Please send a clearer photo."
        ),
    },
    "proofs.rejected.amount": {
        "es": (
            "❌ La escuela no pudo aceptar tu comprobante de <b>{concept}</b> ({name}): "
            "el monto no coincide con lo que se debe. Revisa /estado y escríbele a la escuela."
        ),
        "en": (
            "❌ The school could not accept your proof of payment for <b>{concept}</b> "
            "({name}): the amount differs from what is owed. Check /status and write to the "
            "school."
        ),
    },
    "proofs.rejected.notfound": {
        "es": (
            "❌ La escuela no encontró el depósito de tu comprobante de <b>{concept}</b> "
            "({name}). Si ya pasaron 2 días hábiles, escríbele a la escuela."
        ),
        "en": (
            "❌ The school did not find the deposit of your proof of payment for "
            "<b>{concept}</b> ({name}). If two business days have passed, write to the school."
        ),
    },
    "proofs.rejected.other": {
        "es": (
            "❌ La escuela no pudo aceptar tu comprobante de <b>{concept}</b> ({name}). "
            "Escríbele a la escuela para saber por qué."
        ),
        "en": (
            "❌ The school could not accept your proof of payment for <b>{concept}</b> "
            "({name}). Write to the school to know why."
        ),
    },
    "cmd.proofs": {
        "es": "Comprobantes de pago por revisar",
        "en": "Proofs of payment to review",
    },
    # -- the office's notices ----------------------------------------------------------------
    "office.paid": {
        "es": "💰 <b>Pago recibido</b>: {name} · {concept} · <b>{amount}</b> · {paid_on}",
        "en": "💰 <b>Payment received</b>: {name} · {concept} · <b>{amount}</b> · {paid_on}",
    },
    **{
        f"office.paid.{method}": {
            "es": f"💰 <b>Pago recibido</b> {es}: {{name}} · {{concept}} · <b>{{amount}}</b> · "
            "{paid_on}",
            "en": f"💰 <b>Payment received</b> {en}: {{name}} · {{concept}} · <b>{{amount}}</b> · "
            "{paid_on}",
        }
        for method, (es, en) in _METHODS.items()
    },
    "office.charge_failed": {
        "es": (
            "⚠️ <b>Un cobro con tarjeta no pasó</b>: {name} · {concept} · <b>{amount}</b>. "
            "La solicitud sigue pendiente."
        ),
        "en": (
            "⚠️ <b>A card payment did not go through</b>: {name} · {concept} · "
            "<b>{amount}</b>. The invoice is still open."
        ),
    },
    "office.chat_blocked_person": {
        "es": (
            "📵 {person} (familia de {names}) bloqueó el bot: no le llegarán avisos ni "
            "recibos mientras siga bloqueado. Lo que le toque le llegará cuando vuelva a "
            "escribirle al bot; sigue vinculado."
        ),
        "en": (
            "📵 {person} ({names}'s family) blocked the bot: they get no notices or receipts "
            "while it stays blocked. What they are owed arrives when they write to the bot "
            "again; the chat stays linked."
        ),
    },
    "office.unreachable": {
        "es": (
            "⚠️ No puedo escribir en el grupo de la oficina (¿me sacaron del grupo?). Mientras "
            "tanto te mando aquí los avisos y los comprobantes por revisar. Para volver, "
            "agrégame otra vez al grupo y escribe algo ahí."
        ),
        "en": (
            "⚠️ I cannot write in the office group (was I removed from it?). Meanwhile I send "
            "the notices and the proofs to review here. To go back, add me to the group again "
            "and write something there."
        ),
    },
    "office.chat_blocked": {
        "es": (
            "📵 Un chat de la familia de {names} bloqueó el bot: no le llegarán avisos ni "
            "recibos mientras siga bloqueado. Lo que le toque le llegará cuando vuelva a "
            "escribirle al bot; sigue vinculado."
        ),
        "en": (
            "📵 A chat of {names}'s family blocked the bot: it gets no notices or receipts "
            "while it stays blocked. What it is owed arrives when it writes to the bot again; "
            "it stays linked."
        ),
    },
}
