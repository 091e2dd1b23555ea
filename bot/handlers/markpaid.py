"""/markpaid (/pagado) <invoice_id> [<date>]: record a payment received at the window."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.confirm import send_summary
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.parsing import InputError, today
from bot.quentli.errors import NotFoundError
from bot.services.billing_input import example_paid_on, invoice_id, parse_paid_on
from bot.services.billing_results import InvoiceLookup
from bot.texts import Texts


@staff_only
@quentli_reads
async def markpaid(update: Update, context: BotContext) -> None:
    """/markpaid <invoice_id> [<date>]: show the invoice with Confirm / Cancel (or why not)."""
    t = await texts_for(update, context)
    user = update.effective_user
    assert user is not None
    args = list(context.args or [])
    if not 1 <= len(args) <= 2:
        await reply(update, context, usage(t), t=t)
        return
    try:
        inv_id = invoice_id(args[0])
        paid_on = parse_paid_on(args[1], t.tz, today(t.tz)) if len(args) == 2 else None
    except InputError as err:
        await reply(update, context, t.error(err) + "\n\n" + usage(t), t=t)
        return
    found = await look_up_open(update, context, t, inv_id)
    if found is None:
        return
    proposal = await context.services.billing.propose_mark_paid(found, paid_on, user.id)
    invoice = found.invoice
    if paid_on is None:
        # Without a date the payment time is fixed now, when the summary is shown (what is
        # confirmed is what is sent): say the time, so a Confirm pressed later is not a surprise.
        moment = proposal.payload.payment_time.astimezone(t.tz)
        when = t("billing.markpaid.today", time=moment.strftime("%H:%M"))
    else:
        when = t.date(paid_on)
    text = t(
        "billing.markpaid.summary",
        invoice_id=invoice.id,
        name=found.customer_name,
        concept=invoice.concept_text or "—",
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
        paid_on=when,
    )
    await send_summary(update, context, t, text, proposal.op_id)


def usage(t: Texts) -> str:
    """How to write /markpaid, with an example date that is still valid today."""
    day = example_paid_on(today(t.tz))
    return t("billing.markpaid.usage", example_date=day.strftime("%d/%m/%Y"))


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


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/markpaid (/pagado)."""
    return [CommandHandler(names("markpaid"), markpaid)]
