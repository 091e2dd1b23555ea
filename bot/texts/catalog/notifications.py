"""Messages the bot sends on its own (through the outbox): receipts, failed charges, new invoices.

Values: ``{name}`` customer, ``{concept}``, ``{amount}`` (money), ``{paid_on}`` / ``{due}`` (days),
``{invoice_id}`` for staff.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "notify.pay_button": {"es": "💳 Pagar", "en": "💳 Pay"},
    "notify.paid": {
        "es": (
            "✅ <b>¡Recibimos tu pago, muchas gracias!</b>\n\n"
            "👤 {name}\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n"
            "Fecha: {paid_on}\n\n"
            "Guarda este mensaje como comprobante."
        ),
        "en": (
            "✅ <b>We received your payment, thank you!</b>\n\n"
            "👤 {name}\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n"
            "Date: {paid_on}\n\n"
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
            "⚠️ No pudimos hacer el cargo automático de <b>{amount}</b> ({concept}) de {name} "
            "a tu tarjeta guardada.\n"
            "No te preocupes: puedes pagar con otra tarjeta tocando el botón de abajo."
        ),
        "en": (
            "⚠️ We couldn't make the automatic charge of <b>{amount}</b> ({concept}) for "
            "{name} to your saved card.\n"
            "No worries: you can pay with another card with the button below."
        ),
    },
    "notify.charge_failed_staff": {
        "es": (
            "⚠️ El cargo automático a {name} por <b>{amount}</b> ({concept}) fue rechazado. "
            "Ya le avisé a la familia.\nSolicitud <code>{invoice_id}</code>"
        ),
        "en": (
            "⚠️ The automatic charge to {name} for <b>{amount}</b> ({concept}) was declined. "
            "The family has been told.\nInvoice <code>{invoice_id}</code>"
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
