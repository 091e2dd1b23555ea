"""/void (/anular): cancelling an unpaid invoice, and the notice the family gets."""

from __future__ import annotations

_EXAMPLE_ID = "<code>inv_AbCdEfGhIj0123456789</code>"

TEXTS: dict[str, dict[str, str]] = {
    "cmd.void": {"es": "Anular una solicitud de pago", "en": "Void a payment request"},
    "billing.void.usage": {
        "es": (
            "Uso: <code>/anular ALUMNO</code> (te muestro sus solicitudes pendientes) o "
            "<code>/anular ID_DE_SOLICITUD</code>, por ejemplo <code>/anular A-1029</code> o "
            f"<code>/anular</code> {_EXAMPLE_ID}."
        ),
        "en": (
            "Usage: <code>/void STUDENT</code> (I show their unpaid invoices) or "
            "<code>/void INVOICE_ID</code>, for example <code>/void A-1029</code> or "
            f"<code>/void</code> {_EXAMPLE_ID}."
        ),
    },
    "billing.void.summary": {
        "es": (
            "🗑 <b>¿Anular esta solicitud de pago?</b>\n"
            "Solicitud: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b> (vence {due})\n\n"
            "Al anularla se cancela en Quentli, la familia ya no podrá pagarla, no se le "
            "recordará más y le avisamos que se canceló.\n\n"
            "✅ Confirmar la anula; ✖️ Cancelar la deja como está."
        ),
        "en": (
            "🗑 <b>Void this payment request?</b>\n"
            "Invoice: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b> (due {due})\n\n"
            "On Confirm it is cancelled in Quentli, the family can no longer pay it, gets no "
            "more reminders for it and is told it was cancelled.\n\n"
            "✅ Confirm voids it; ✖️ Cancel leaves it as it is."
        ),
    },
    "billing.void.done": {
        "es": (
            "🗑 <b>Solicitud cancelada</b>\n"
            "Solicitud: <code>{invoice_id}</code>\n"
            "Alumno: <b>{name}</b>\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>"
        ),
        "en": (
            "🗑 <b>Payment request cancelled</b>\n"
            "Invoice: <code>{invoice_id}</code>\n"
            "Student: <b>{name}</b>\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>"
        ),
    },
    "billing.nothing.invoice.void": {
        "es": "No cancelé nada.",
        "en": "Nothing was cancelled.",
    },
    "billing.command.invoice.void": {"es": "/anular", "en": "/void"},
    "billing.pending.invoice.void": {"es": "Cancelación", "en": "Cancellation"},
    "notify.invoice_voided": {
        "es": (
            "🗑 <b>Se canceló un cobro</b> de {name}\n"
            "Concepto: {concept}\n"
            "Monto: <b>{amount}</b>\n\n"
            "Ya no tienes que pagarlo. Si tienes dudas, comunícate con la escuela."
        ),
        "en": (
            "🗑 <b>A charge was cancelled</b> for {name}\n"
            "Concept: {concept}\n"
            "Amount: <b>{amount}</b>\n\n"
            "You no longer have to pay it. If in doubt, contact the school."
        ),
    },
}
