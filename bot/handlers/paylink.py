"""/link (/liga) <invoice_id>: an invoice's payment link and when it expires, to forward."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.markpaid import look_up_open
from bot.handlers.outcomes import link_block
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.parsing import InputError
from bot.services.billing_input import invoice_id


@staff_only
@quentli_reads
async def paylink(update: Update, context: BotContext) -> None:
    """/link <invoice_id>: the invoice, then its fresh payment link (text, or a button too)."""
    t = await texts_for(update, context)
    args = list(context.args or [])
    if len(args) != 1:
        await reply(update, context, t("billing.link.usage"), t=t)
        return
    try:
        inv_id = invoice_id(args[0])
    except InputError as err:
        await reply(update, context, t.error(err) + "\n\n" + t("billing.link.usage"), t=t)
        return
    found = await look_up_open(update, context, t, inv_id)
    if found is None:
        return
    link = await context.services.billing.payment_link(inv_id)
    invoice = found.invoice
    head = t(
        "billing.link.head",
        invoice_id=invoice.id,
        name=found.customer_name,
        concept=invoice.concept_text or "—",
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
    )
    text, markup = link_block(t, link.url, link.expires_at)
    await reply(
        update,
        context,
        head + "\n\n" + text + "\n\n" + t("billing.link.forward"),
        t=t,
        reply_markup=markup,
    )


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/link (/liga)."""
    return [CommandHandler(names("link"), paylink)]
