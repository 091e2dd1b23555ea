"""/void (/anular) <invoice>: cancel an unpaid invoice, after a confirmation.

The summary's Confirm button is an operation (``invoice.void``) recorded before it is shown:
bot/handlers/confirm.py sends ``DELETE /v1/invoices/{id}`` exactly once, after re-reading that
the invoice is still open; the family is told and the invoice is no longer watched or reminded.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.confirm import send_summary
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import invoice_argument
from bot.handlers.ui.open_invoice import look_up_open
from bot.texts import Texts

__all__ = ["ACTION", "build_handlers", "offer", "void"]


#: The code of this action in the invoice actions' table and its buttons.
ACTION = "void"


@staff_only
@quentli_reads
async def void(update: Update, context: BotContext) -> None:
    """/void <invoice>: show the invoice with Confirm / Cancel (or why it cannot be), or the
    student's unpaid invoices to pick one."""
    t = await texts_for(update, context)
    invoice_id = await invoice_argument(update, context, t, ACTION, "void", "billing.void.usage")
    if invoice_id is not None:
        await offer(update, context, t, invoice_id)


async def offer(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The cancellation summary of ``invoice_id`` with Confirm / Cancel, or why not (not
    found, paid, already cancelled). Also reached from the student card's buttons and the
    invoice picker: the caller has checked the staff role, answers its button, and maps a
    Quentli read failure (``QuentliError``) as ``quentli_reads`` does."""
    user = update.effective_user
    assert user is not None
    found = await look_up_open(update, context, t, invoice_id)
    if found is None:
        return
    proposal = await context.services.billing.propose_void(found, user.id)
    invoice = found.invoice
    text = t(
        "billing.void.summary",
        invoice_id=invoice.id,
        name=found.customer_name,
        concept=invoice.concept_text or "—",
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
    )
    await send_summary(update, context, t, text, proposal.op_id)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/void (/anular)."""
    return [CommandHandler(names("void"), void)]
