"""/checkout (/sesion): a checkout link for a family not yet in Quentli, step by step.

Quentli finds the customer by student number or creates it, creates the invoice and answers
with a checkout URL that staff forward by hand. The summary's Confirm button is an operation
recorded before it is shown (bot/handlers/confirm.py sends it exactly once).

```mermaid
stateDiagram-v2
    [*] --> Name: /checkout
    Name --> Contact: a full name
    Contact --> Username: a valid phone or e-mail
    Username --> Concept: a student number
    Concept --> Amount: button or typed concept
    Amount --> Due: a valid amount, or a reading's button when it read two ways
    Due --> Summary: button or a valid date
    Due --> Matches: a customer has the student id, phone or e-mail (checkout_lookup.py)
    Matches --> Username: change the student id (checkout_detour.py)
    Matches --> Contact: change the phone or e-mail
    Matches --> Summary: a new sibling after all, or a new value typed
    Username --> Summary: changed after the matches
    Contact --> Summary: changed after the matches
    Name --> Name: invalid (explained)
    Contact --> Contact: invalid (explained)
    Username --> Username: invalid (explained)
    Amount --> Amount: invalid (explained)
    Due --> Due: invalid (explained)
    Summary --> [*]: Confirm / Cancel buttons (confirm.py)
    Name --> [*]: /cancel (any step)
```
"""

from __future__ import annotations

from datetime import date
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
from bot.handlers.checkout_lookup import MATCHES, stop_for_matches
from bot.handlers.confirm import send_summary
from bot.handlers.ui import callbacks
from bot.handlers.ui.amounts import amount_keyboard, amount_pressed, amount_question
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.drafts import CheckoutFlowDraft, drop_draft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.quickpicks import (
    concept_from,
    concept_keyboard,
    due_from,
    due_keyboard,
    settle_question,
)
from bot.parsing import AmbiguousAmount, InputError, parse_amount, today
from bot.services.billing_input import (
    clean_description,
    clean_name,
    clean_username,
    due_is_far,
    parse_contact,
    parse_due,
)
from bot.texts import Texts

NAME, CONTACT, USERNAME, CONCEPT, AMOUNT, DUE = range(20, 26)
CONCEPT_PREFIX = callbacks.CHECKOUT_CONCEPT
DUE_PREFIX = callbacks.CHECKOUT_DUE
TEXT = filters.TEXT & ~filters.COMMAND


def _draft(context: BotContext) -> CheckoutFlowDraft:
    return load_draft(context, CheckoutFlowDraft)


def _text(update: Update) -> str:
    message = update.effective_message
    assert message is not None and message.text is not None
    return message.text


@staff_only
async def checkout_start(update: Update, context: BotContext) -> int:
    """/checkout: start a new draft and ask for the family's name."""
    t = await texts_for(update, context)
    save_draft(context, CheckoutFlowDraft())
    await reply(update, context, t("billing.checkout.ask_name"), t=t)
    return NAME


async def _step(update: Update, context: BotContext, t: Texts, key: str, state: int) -> int:
    """Ask the question of ``state`` (``key`` is its text)."""
    markup = None
    if state == CONCEPT:
        markup = concept_keyboard(CONCEPT_PREFIX)
    elif state == DUE:
        markup = due_keyboard(t, DUE_PREFIX, today(t.tz))
    await reply(update, context, t(key), t=t, reply_markup=markup)
    return state


@staff_only
async def name_typed(update: Update, context: BotContext) -> int:
    """The family's or student's full name."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.name = clean_name(_text(update))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return NAME
    save_draft(context, draft)
    return await _step(update, context, t, "billing.checkout.ask_contact", CONTACT)


@staff_only
@quentli_reads
async def contact_typed(update: Update, context: BotContext) -> int:
    """A phone number (normalised to +52…) or an e-mail address."""
    t = await texts_for(update, context)
    try:
        contact = parse_contact(_text(update))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return CONTACT
    draft = _draft(context)
    draft.phone, draft.email = contact.phone, contact.email
    save_draft(context, draft)
    if draft.due is not None:  # changed after the look-up: straight back to the summary
        return await _summary(update, context, t, draft.due)
    return await _step(update, context, t, "billing.checkout.ask_username", USERNAME)


@staff_only
@quentli_reads
async def username_typed(update: Update, context: BotContext) -> int:
    """The student number (Quentli's username: how the family is found next time)."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.username = clean_username(_text(update))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return USERNAME
    save_draft(context, draft)
    if draft.due is not None:  # changed after the look-up: straight back to the summary
        return await _summary(update, context, t, draft.due)
    return await _step(update, context, t, "billing.ask_concept", CONCEPT)


@staff_only
async def concept_typed(update: Update, context: BotContext) -> int:
    """A concept typed instead of picked."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.description = clean_description(_text(update))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return CONCEPT
    save_draft(context, draft)
    return await _step(update, context, t, "billing.checkout.ask_amount", AMOUNT)


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
    return await _step(update, context, t, "billing.checkout.ask_amount", AMOUNT)


@staff_only
async def amount_typed(update: Update, context: BotContext) -> int:
    """The amount in pesos, kept as centavos."""
    t = await texts_for(update, context)
    draft = _draft(context)
    try:
        draft.amount = parse_amount(_text(update))
    except AmbiguousAmount as err:
        draft.amount_choices = list(err.choices)
        save_draft(context, draft)
        keyboard = amount_keyboard(t, err.choices)
        text = amount_question(t, _text(update), err.choices)
        await reply(update, context, text, t=t, reply_markup=keyboard)
        return AMOUNT
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return AMOUNT
    draft.amount_choices = []
    save_draft(context, draft)
    return await _step(update, context, t, "billing.ask_due", DUE)


@staff_only
async def amount_picked(update: Update, context: BotContext) -> int | None:
    """A reading of an amount typed two ways; then the due date."""
    t = await texts_for(update, context)
    draft = _draft(context)
    amount = await amount_pressed(update, t, draft.amount_choices)
    if amount is None:
        return None
    draft.amount, draft.amount_choices = amount, []
    save_draft(context, draft)
    return await _step(update, context, t, "billing.ask_due", DUE)


@staff_only
@quentli_reads
async def due_typed(update: Update, context: BotContext) -> int:
    """A due date typed: a real day, today or later; then the summary."""
    t = await texts_for(update, context)
    try:
        due = parse_due(_text(update), t.tz, today(t.tz))
    except InputError as err:
        await reply(update, context, t.error(err), t=t)
        return DUE
    return await _summary(update, context, t, due)


@staff_only
@quentli_reads
async def due_pressed(update: Update, context: BotContext) -> int | None:
    """A due-date button; then the summary."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    due = due_from(query.data, today(t.tz))
    if due is None:
        await query.answer(t("billing.flow.stale"), show_alert=True)
        return None
    await settle_question(query, t("billing.flow.due_is", due=t.date(due)))
    return await _summary(update, context, t, due)


async def _summary(
    update: Update, context: BotContext, t: Texts, due: date, *, look: bool = True
) -> int:
    """The summary with Confirm; first (``look``) the look-up of who has these values."""
    user = update.effective_user
    assert user is not None
    if look and await stop_for_matches(update, context, t, due):
        return MATCHES
    draft = _draft(context).checkout(due)
    proposal = await context.services.billing.propose_checkout(draft, user.id)
    text = t(
        "billing.checkout.summary",
        name=draft.name,
        contact=draft.phone or draft.email or "",
        username=draft.username,
        concept=draft.description,
        amount=t.money(draft.amount),
        due=t.date(draft.due),
    )
    if due_is_far(draft.due, today(t.tz)):
        text += "\n\n" + t("billing.due.far_warning", due=t.date(draft.due))
    await send_summary(update, context, t, text, proposal.op_id)
    drop_draft(context)
    return ConversationHandler.END


ENTRY_POINTS: list[BaseHandler[Update, BotContext, Any]] = [
    CommandHandler(names("checkout"), checkout_start)
]
STATES: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
    NAME: [MessageHandler(TEXT, name_typed)],
    CONTACT: [MessageHandler(TEXT, contact_typed)],
    USERNAME: [MessageHandler(TEXT, username_typed)],
    CONCEPT: [
        CallbackQueryHandler(concept_pressed, pattern=CONCEPT_PREFIX.pattern),
        MessageHandler(TEXT, concept_typed),
    ],
    AMOUNT: [
        CallbackQueryHandler(amount_picked, pattern=callbacks.AMOUNT_PICK.pattern),
        MessageHandler(TEXT, amount_typed),
    ],
    DUE: [
        CallbackQueryHandler(due_pressed, pattern=DUE_PREFIX.pattern),
        MessageHandler(TEXT, due_typed),
    ],
}
STALE_PREFIXES = (CONCEPT_PREFIX, DUE_PREFIX)
