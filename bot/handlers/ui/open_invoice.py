"""The invoice a staff action is about, read afresh: open, or why not (not found, paid,
cancelled). Every invoice action starts here, so a stale button never acts on a closed one."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.handlers.ui.common import reply
from bot.quentli.errors import NotFoundError
from bot.services.billing_results import InvoiceLookup
from bot.texts import Texts

__all__ = ["invoice_values", "look_up_open"]


async def look_up_open(
    update: Update, context: BotContext, t: Texts, inv_id: str
) -> InvoiceLookup | None:
    """The invoice if it can still be paid; otherwise say why (not found, paid, cancelled)."""
    try:
        found = await context.services.billing.look_up_invoice(inv_id)
    except NotFoundError:
        await reply(update, context, t("billing.invoice.not_found", invoice_id=inv_id), t=t)
        return None
    invoice = found.invoice
    values = {
        "invoice_id": invoice.id,
        "name": found.customer_name,
        "amount": t.money(invoice.total_amount),
        "concept": invoice.concept_text or "—",
    }
    if invoice.is_canceled:
        await reply(update, context, t("billing.invoice.is_canceled", **values), t=t)
        return None
    if invoice.is_paid or invoice.outstanding == 0:
        await reply(update, context, t("billing.invoice.is_paid", **values), t=t)
        return None
    return found


def invoice_values(t: Texts, found: InvoiceLookup) -> dict[str, str]:
    """What every summary of an open invoice shows: its id, the student, the concept, what is
    still owed and the due date."""
    invoice = found.invoice
    return {
        "invoice_id": invoice.id,
        "name": found.customer_name,
        "concept": invoice.concept_text or "—",
        "amount": t.money(invoice.outstanding),
        "due": t.date(invoice.due_date),
    }
