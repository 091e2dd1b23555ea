"""/link (/liga) <invoice>: an invoice's payment link and when it expires, to forward.

``<invoice>`` is an id, or a student whose unpaid invoices are listed to pick one.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.outcomes import link_block
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import invoice_argument
from bot.handlers.ui.open_invoice import invoice_values, look_up_open
from bot.texts import Texts

#: The code of this action in the invoice actions' table and its buttons.
ACTION = "lnk"


@staff_only
@quentli_reads
async def paylink(update: Update, context: BotContext) -> None:
    """/link <invoice>: the invoice, then its fresh payment link (text, or a button too)."""
    t = await texts_for(update, context)
    invoice_id = await invoice_argument(update, context, t, ACTION, "link", "billing.link.usage")
    if invoice_id is not None:
        await offer(update, context, t, invoice_id)


async def offer(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The invoice and its fresh payment link, to forward (or why there is none)."""
    found = await look_up_open(update, context, t, invoice_id)
    if found is None:
        return
    link = await context.services.billing.payment_link(invoice_id)
    head = t(
        "billing.link.head",
        **invoice_values(t, found),
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
