"""/charge (/cargar) <invoice>: charge the family's saved card, after a confirmation.

Only offered when the family saved a card in Quentli; otherwise the answer says so and points
to the payment link. ``<invoice>`` is an id, or a student whose unpaid invoices are listed.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.confirm import send_summary
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import invoice_argument
from bot.handlers.ui.open_invoice import invoice_values, look_up_open
from bot.texts import Texts

#: The code of this action in the invoice actions' table and its buttons.
ACTION = "chg"


@staff_only
@quentli_reads
async def charge(update: Update, context: BotContext) -> None:
    """/charge <invoice>: what would be charged with Confirm / Cancel (or why not), or the
    student's unpaid invoices to pick one."""
    t = await texts_for(update, context)
    invoice_id = await invoice_argument(
        update, context, t, ACTION, "charge", "billing.charge.usage", needs_card=True
    )
    if invoice_id is not None:
        await offer(update, context, t, invoice_id)


async def offer(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The summary of a charge of the saved card with Confirm / Cancel; without a saved card
    (or an invoice no longer open) the reason instead."""
    user = update.effective_user
    assert user is not None
    found = await look_up_open(update, context, t, invoice_id)
    if found is None:
        return
    invoice = found.invoice
    billing = context.services.billing
    if not await billing.has_saved_card(invoice.customer_id):
        text = t("card.charge.no_card", name=found.customer_name, invoice_id=invoice.id)
        await reply(update, context, text, t=t)
        return
    proposal = await billing.propose_charge(found, user.id)
    text = t(
        "billing.charge.summary",
        **invoice_values(t, found),
    )
    await send_summary(update, context, t, text, proposal.op_id)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/charge (/cargar)."""
    return [CommandHandler(names("charge"), charge)]
