"""/charge (/cargar) <invoice_id>: charge the family's saved card, after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.confirm import send_summary
from bot.handlers.markpaid import look_up_open
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.parsing import InputError
from bot.services.billing_input import invoice_id


@staff_only
@quentli_reads
async def charge(update: Update, context: BotContext) -> None:
    """/charge <invoice_id>: show what would be charged with Confirm / Cancel (or why not)."""
    t = await texts_for(update, context)
    user = update.effective_user
    assert user is not None
    args = list(context.args or [])
    if len(args) != 1:
        await reply(update, context, t("billing.charge.usage"), t=t)
        return
    try:
        inv_id = invoice_id(args[0])
    except InputError as err:
        await reply(update, context, t.error(err) + "\n\n" + t("billing.charge.usage"), t=t)
        return
    found = await look_up_open(update, context, t, inv_id)
    if found is None:
        return
    proposal = await context.services.billing.propose_charge(found, user.id)
    invoice = found.invoice
    text = t(
        "billing.charge.summary",
        invoice_id=invoice.id,
        name=found.customer_name,
        concept=invoice.concept_text or "—",
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
    )
    await send_summary(update, context, t, text, proposal.op_id)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/charge (/cargar)."""
    return [CommandHandler(names("charge"), charge)]
