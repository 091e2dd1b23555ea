"""Messages the bot sends on its own (through the outbox): receipts, failed charges, new invoices.

Values: ``{name}`` customer, ``{concept}``, ``{amount}`` (money), ``{paid_on}`` / ``{due}`` (days),
``{invoice_id}`` for staff; a receipt's ``{school}`` and ``{how}`` are texts of
``catalog/receipts.py`` (``bot.services.receipts``), ``{reference}`` the payment's id.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "notify.pay_button": {"es": "💳 Pagar", "en": "💳 Pay"},
    "notify.paid": {
        "es": (
            "✅ <b>¡Recibimos tu pago, muchas gracias!</b>\n\n"
            "{school}\n"
            "👤 {name}\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Forma de pago: {how}\n"
            "Fecha: {paid_on}\n"
            "Referencia: <code>{reference}</code>\n\n"
            "Guarda este mensaje como comprobante."
        ),
        "en": (
            "✅ <b>We received your payment, thank you!</b>\n\n"
            "{school}\n"
            "👤 {name}\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Paid by: {how}\n"
            "Date: {paid_on}\n"
            "Reference: <code>{reference}</code>\n\n"
            "Keep this message as your receipt."
        ),
    },
    "notify.paid_staff": {
        "es": (
            "💰 <b>Pago recibido</b>: {name} pagó <b>{amount}</b> ({concept}) el {paid_on}.\n"
            "Solicitud <code>{invoice_id}</code>"
        ),
        "en": (
            "💰 <b>Payment received</b>: {name} paid <b>{amount}</b> ({concept}) on {paid_on}.\n"
            "Invoice <code>{invoice_id}</code>"
        ),
    },
    "notify.charge_failed": {
        "es": (
            "⚠️ La escuela intentó cobrar <b>{amount}</b> ({concept}) de {name} a tu tarjeta "
            "guardada y el banco lo rechazó; no se cobró nada.\n"
            "No te preocupes: puedes pagar con otra tarjeta tocando el botón de abajo."
        ),
        "en": (
            "⚠️ The school tried to charge <b>{amount}</b> ({concept}) for {name} to your "
            "saved card and the bank declined it; nothing was charged.\n"
            "No worries: you can pay with another card with the button below."
        ),
    },
    "notify.charge_failed_staff": {
        "es": (
            "⚠️ El cargo a la tarjeta guardada de {name} por <b>{amount}</b> ({concept}) fue "
            "rechazado. "
            "Ya le avisé a la familia.\nSolicitud <code>{invoice_id}</code>"
        ),
        "en": (
            "⚠️ The charge to {name}'s saved card for <b>{amount}</b> ({concept}) was "
            "declined. "
            "The family has been told.\nInvoice <code>{invoice_id}</code>"
        ),
    },
    "notify.page_declined": {
        "es": (
            "⚠️ Tu pago con tarjeta de <b>{amount}</b> ({concept}) de {name} en la página de "
            "pago no se completó: el banco lo rechazó y no se cobró nada.\n"
            "Puedes intentarlo de nuevo, con la misma u otra tarjeta, con el botón de abajo."
        ),
        "en": (
            "⚠️ Your card payment of <b>{amount}</b> ({concept}) for {name} on the payment "
            "page did not go through: the bank declined it and nothing was charged.\n"
            "You can try again, with the same card or another one, with the button below."
        ),
    },
    "notify.page_declined_staff": {
        "es": (
            "⚠️ {name} intentó pagar <b>{amount}</b> ({concept}) con tarjeta en la página de "
            "pago y el banco lo rechazó. Ya le avisé a la familia.\n"
            "Solicitud <code>{invoice_id}</code>"
        ),
        "en": (
            "⚠️ {name} tried to pay <b>{amount}</b> ({concept}) by card on the payment page "
            "and the bank declined it. The family has been told.\n"
            "Invoice <code>{invoice_id}</code>"
        ),
    },
    "notify.invoice_created": {
        "es": (
            "📄 <b>Nuevo pago pendiente</b> de {name}\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Vence el {due}\n\n"
            "Puedes pagarlo con tarjeta desde aquí 👇"
        ),
        "en": (
            "📄 <b>New payment due</b> for {name}\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Due {due}\n\n"
            "You can pay it by card right here 👇"
        ),
    },
}
