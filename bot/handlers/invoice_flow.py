"""/invoice (/cobrar): a payment request, step by step or in one line, ending on a summary.

``/invoice`` alone asks for everything; ``/invoice <customer> <amount> <description…>
[vence <date>]`` goes straight to the summary (due: end of this month unless given); a
shorter line asks only for what is missing. The summary's Confirm button is an operation
recorded before it is shown (bot/handlers/confirm.py does the rest).

```mermaid
stateDiagram-v2
    [*] --> Customer: /invoice
    [*] --> Resolve: /invoice <customer> [<amount> [<concept…> [vence <date>]]]
    Customer --> Resolve: typed name, number or id
    Resolve --> Customer: no match
    Resolve --> Pick: several matches, or close names (buttons)
    Pick --> Resolve: typed again
    Pick --> Next: button pressed
    Resolve --> Next: one match
    Next --> Amount: no amount yet (or which one, when it read two ways)
    Next --> Concept: no concept yet
    Next --> Due: no due date yet
    Next --> Summary: all known
    Amount --> Next: valid amount, or a reading's button
    Concept --> Next: button or typed concept
    Due --> Next: button or valid date
    Summary --> [*]: Confirm / Cancel buttons (confirm.py)
    Customer --> [*]: /cancel (any step)
```
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.handlers.confirm import send_summary
from bot.handlers.ui import callbacks
from bot.handlers.ui.amounts import amount_keyboard, amount_pressed, amount_question
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.drafts import InvoiceFlowDraft, drop_draft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.picking import no_match, pick_keyboard, pick_question
from bot.handlers.ui.quickpicks import (
    concept_from,
    concept_keyboard,
    due_from,
    due_keyboard,
    settle_question,
)
from bot.parsing import AmbiguousAmount, InputError, parse_amount, today
from bot.quentli.models import Customer
from bot.services.billing_input import (
    clean_description,
    due_is_far,
    example_due,
    parse_due,
    parse_invoice_args,
)
from bot.services.billing_payloads import InvoiceDraft
from bot.services.customers import Ambiguous, Found
from bot.texts import Texts

CUSTOMER, PICK, AMOUNT, CONCEPT, DUE = range(10, 15)
PICK_ACTION = callbacks.INVOICE_PICK
CONCEPT_PREFIX = callbacks.INVOICE_CONCEPT
DUE_PREFIX = callbacks.INVOICE_DUE
AMOUNT_PREFIX = callbacks.AMOUNT_PICK
TEXT = filters.TEXT & ~filters.COMMAND


def _draft(context: BotContext) -> InvoiceFlowDraft:
    return load_draft(context, InvoiceFlowDraft)


def _text(update: Update) -> str:
    message = update.effective_message
    assert message is not None and message.text is not None
    return message.text


@staff_only
@quentli_reads
async def invoice_start(update: Update, context: BotContext) -> int | None:
    """/invoice [<customer> …]: parse what came on the line, then ask for what is missing."""
    t = await texts_for(update, context)
    save_draft(context, InvoiceFlowDraft())
    if not context.args:
        await reply(update, context, t("billing.invoice.ask_customer"), t=t)
        return CUSTOMER
    try:
        args = parse_invoice_args(list(context.args), t.tz, today(t.tz))
    except InputError as err:
        await reply(update, context, t.error(err) + "\n\n" + usage(t), t=t)
        return _end(context)
    draft = InvoiceFlowDraft(
        amount=args.amount,
        description=args.description,
        due=args.due,
        amount_choices=list(args.amount_choices),
        amount_text=args.amount_text,
    )
    save_draft(context, draft)
    return await _resolve(update, context, t, args.customer)


def usage(t: Texts) -> str:
    """How to write /invoice, with an example that is still valid today."""
    return t("billing.invoice.usage", example_date=example_due(today(t.tz)).strftime("%d/%m/%Y"))


@staff_only
@quentli_reads
async def customer_typed(update: Update, context: BotContext) -> int | None:
    """The customer, typed (also while pick buttons are shown): resolve it."""
    t = await texts_for(update, context)
    return await _resolve(update, context, t, _text(update).strip())


async def _resolve(update: Update, context: BotContext, t: Texts, query: str) -> int:
    resolution = await context.services.resolver.resolve(query)
    if isinstance(resolution, Found):
        return await _chosen(update, context, t, resolution.customer)
    if isinstance(resolution, Ambiguous):
        draft = _draft(context)
        draft.candidates = [c.id for c in resolution.candidates]
        save_draft(context, draft)
        keyboard = pick_keyboard(resolution.candidates, PICK_ACTION)
        text = pick_question(t, query, resolution)
        await reply(update, context, text, t=t, reply_markup=keyboard)
        return PICK
    # Close names (typos) are offered as the same pick buttons; with none, it asks again.
    draft = _draft(context)
    draft.candidates = [c.id for c in resolution.close]
    save_draft(context, draft)
    await no_match(update, context, t, query, resolution, PICK_ACTION)
    return PICK if resolution.close else CUSTOMER


@staff_only
@quentli_reads
async def customer_picked(update: Update, context: BotContext) -> int | None:
    """A pick button: that customer (it must be one the search offered)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    customer_id = callbacks.value(query.data)
    if customer_id not in _draft(context).candidates:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    customer = await context.services.billing.customer(customer_id)
    await settle_question(query, t("billing.flow.customer_is", name=customer.name))
    return await _chosen(update, context, t, customer)


async def _chosen(update: Update, context: BotContext, t: Texts, customer: Customer) -> int:
    draft = _draft(context)
    draft.candidates = []
    draft.customer_id, draft.customer_name = customer.id, customer.name
    save_draft(context, draft)
    return await _next(update, context, t)


async def _next(update: Update, context: BotContext, t: Texts) -> int:
    """Ask for the first missing value, or show the summary once everything is known."""
    draft = _draft(context)
    if draft.amount is None and draft.amount_choices:
        text = amount_question(t, draft.amount_text or "", draft.amount_choices)
        keyboard = amount_keyboard(t, draft.amount_choices)
        await reply(update, context, text, t=t, reply_markup=keyboard)
        return AMOUNT
    if draft.amount is None:
        await reply(update, context, t("billing.ask_amount", name=draft.customer_name), t=t)
        return AMOUNT
    if not draft.description:
        keyboard = concept_keyboard(CONCEPT_PREFIX)
        await reply(update, context, t("billing.ask_concept"), t=t, reply_markup=keyboard)
        return CONCEPT
    if draft.due is None:
        keyboard = due_keyboard(t, DUE_PREFIX, today(t.tz))
        await reply(update, context, t("billing.ask_due"), t=t, reply_markup=keyboard)
        return DUE
    return await _summary(update, context, t, draft.invoice())


async def _summary(update: Update, context: BotContext, t: Texts, invoice: InvoiceDraft) -> int:
    user = update.effective_user
    assert user is not None
    proposal = await context.services.billing.propose_invoice(invoice, user.id)
    text = t(
        "billing.invoice.summary",
        name=invoice.customer_name,
        customer_id=invoice.customer_id,
        concept=invoice.description,
        amount=t.money(invoice.amount),
        due=t.date(invoice.due),
    )
    if due_is_far(invoice.due, today(t.tz)):
        text += "\n\n" + t("billing.due.far_warning", due=t.date(invoice.due))
    await send_summary(update, context, t, text, proposal.op_id)
    return _end(context)


def _end(context: BotContext) -> int:
    drop_draft(context)
    return ConversationHandler.END


@staff_only
async def amount_typed(update: Update, context: BotContext) -> int | None:
    """The amount: pesos as people write them, kept as centavos (asked again if ambiguous)."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.amount = parse_amount(_text(update))
    except AmbiguousAmount as err:
        draft.amount_choices, draft.amount_text = list(err.choices), _text(update)
        save_draft(context, draft)
        return await _next(update, context, t)
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return AMOUNT
    draft.amount_choices, draft.amount_text = [], None
    save_draft(context, draft)
    return await _next(update, context, t)


@staff_only
async def amount_picked(update: Update, context: BotContext) -> int | None:
    """A reading of an amount typed two ways."""
    t = await texts_for(update, context)
    draft = _draft(context)
    amount = await amount_pressed(update, t, draft.amount_choices)
    if amount is None:
        return None
    draft.amount, draft.amount_choices, draft.amount_text = amount, [], None
    save_draft(context, draft)
    return await _next(update, context, t)


@staff_only
async def concept_typed(update: Update, context: BotContext) -> int | None:
    """A concept typed instead of picked."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.description = clean_description(_text(update))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return CONCEPT
    save_draft(context, draft)
    return await _next(update, context, t)


@staff_only
async def concept_pressed(update: Update, context: BotContext) -> int | None:
    """A concept button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    concept = concept_from(query.data)
    if concept is None:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    draft = _draft(context)
    draft.description = concept
    save_draft(context, draft)
    await settle_question(query, t("billing.flow.concept_is", concept=concept))
    return await _next(update, context, t)


@staff_only
async def due_typed(update: Update, context: BotContext) -> int | None:
    """A due date typed: a real day, today or later."""
    t = await texts_for(update, context)
    try:
        due = parse_due(_text(update), t.tz, today(t.tz))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return DUE
    draft = _draft(context)
    draft.due = due
    save_draft(context, draft)
    return await _next(update, context, t)


@staff_only
async def due_pressed(update: Update, context: BotContext) -> int | None:
    """A due-date button."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    due = due_from(query.data, today(t.tz))
    if due is None:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    draft = _draft(context)
    draft.due = due
    save_draft(context, draft)
    await settle_question(query, t("billing.flow.due_is", due=t.date(due)))
    return await _next(update, context, t)


ENTRY_POINTS: list[BaseHandler[Update, BotContext, Any]] = [
    CommandHandler(names("invoice"), invoice_start)
]
STATES: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
    CUSTOMER: [MessageHandler(TEXT, customer_typed)],
    PICK: [
        CallbackQueryHandler(customer_picked, pattern=PICK_ACTION.pattern),
        MessageHandler(TEXT, customer_typed),
    ],
    AMOUNT: [
        CallbackQueryHandler(amount_picked, pattern=AMOUNT_PREFIX.pattern),
        MessageHandler(TEXT, amount_typed),
    ],
    CONCEPT: [
        CallbackQueryHandler(concept_pressed, pattern=CONCEPT_PREFIX.pattern),
        MessageHandler(TEXT, concept_typed),
    ],
    DUE: [
        CallbackQueryHandler(due_pressed, pattern=DUE_PREFIX.pattern),
        MessageHandler(TEXT, due_typed),
    ],
}
STALE_PREFIXES = (PICK_ACTION, CONCEPT_PREFIX, DUE_PREFIX, AMOUNT_PREFIX)
