"""/customer (/alumno) <customer>: who they are, what they owe, their chats, recent actions."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import edit_or_reply, reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.picking import resolve_or_pick
from bot.quentli.models import Customer
from bot.services.billing import CustomerOverview
from bot.texts import Html, Texts

MAX_INVOICE_LINES = 10


@staff_only
@quentli_reads
async def customer(update: Update, context: BotContext) -> None:
    """/customer <customer>: the overview, or pick buttons when several match."""
    t = await texts_for(update, context)
    if not context.args:
        await reply(update, context, t("billing.customer.usage"), t=t)
        return
    query = " ".join(context.args)
    found = await resolve_or_pick(update, context, t, query, callbacks.CUSTOMER_PICK, "customer")
    if found is not None:
        await show_overview(update, context, t, found)


@staff_only
@quentli_reads
async def picked(update: Update, context: BotContext) -> None:
    """A pick button of /customer: that customer's overview."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    found = await context.services.resolver.get(callbacks.value(query.data))
    await show_overview(update, context, t, found)


async def show_overview(update: Update, context: BotContext, t: Texts, who: Customer) -> None:
    """Render the customer's overview (edits the pick message when there is one)."""
    now = datetime.now(UTC)
    overview = await context.services.billing.overview(who, now)
    await edit_or_reply(update, context, render(t, overview, now), t=t)


def mask_phone(phone: str | None) -> str:
    """``+525512345678`` -> ``+52••••••5678``: enough to recognise, not to copy from a
    screenshot (the full number is in Quentli)."""
    if not phone:
        return "—"
    if len(phone) <= 7:
        return phone
    return phone[:3] + "•" * (len(phone) - 7) + phone[-4:]


def render(t: Texts, o: CustomerOverview, now: datetime) -> str:
    """The overview as one message (a long list is cut: it must fit in 4096 characters)."""
    c = o.customer
    lines = [
        t(
            "billing.customer.head",
            name=c.name,
            username=c.username or "—",
            customer_id=c.id,
            phone=mask_phone(c.phone_number),
            email=c.email or "—",
        ),
        t(
            "billing.customer.chats",
            active=Html(t("billing.customer.chats_active", count=o.active_chats)),
            inactive=Html(t("billing.customer.chats_inactive", count=o.inactive_chats)),
        ),
        "",
    ]
    if not o.open_invoices:
        lines.append(t("billing.customer.nothing_owed"))
    else:
        lines.append(
            t(
                "billing.customer.owed" if o.overdue else "billing.customer.owed_current",
                owed=t.money(o.owed),
                overdue=t.money(o.overdue),
                count=len(o.open_invoices),
            )
        )
        for invoice in o.open_invoices[:MAX_INVOICE_LINES]:
            key = (
                "billing.customer.line_overdue"
                if invoice.is_overdue(now)
                else "billing.customer.line"
            )
            lines.append(
                t(
                    key,
                    invoice_id=invoice.id,
                    concept=invoice.concept_text or "—",
                    amount=t.money(invoice.outstanding),
                    due=t.date(invoice.due_date),
                )
            )
        hidden = len(o.open_invoices) - MAX_INVOICE_LINES
        if hidden > 0:
            lines.append(t("billing.customer.more", count=hidden))
    lines.append("")
    if o.recent:
        lines.append(t("billing.customer.audit_head"))
        lines.extend(_audit_lines(t, o))
    else:
        lines.append(t("billing.customer.audit_none"))
    return "\n".join(lines)


def _audit_lines(t: Texts, o: CustomerOverview) -> list[str]:
    """The customer's recent audited actions, one line each."""
    lines = []
    for entry in o.recent:
        action_key = f"billing.action.{entry.action}"
        action = t(action_key) if t.has(action_key) else entry.action
        outcome_key = f"billing.outcome.{entry.outcome}"
        outcome = t(outcome_key) if t.has(outcome_key) else entry.outcome
        amount = entry.request.get("amount")
        line = t(
            "billing.customer.audit_line",
            when=t.datetime(entry.at),
            action=action,
            amount=t.money(amount) if isinstance(amount, int) else "—",
            outcome=outcome,
            actor=o.actor_names.get(entry.actor_id, entry.actor_id) if entry.actor_id else "—",
            invoice_id=entry.invoice_id or "—",
        )
        lines.append(line)
    return lines


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/customer (/alumno) and its pick buttons."""
    return [
        CommandHandler(names("customer"), customer),
        CallbackQueryHandler(picked, pattern=callbacks.CUSTOMER_PICK.pattern),
    ]
