"""/markpaid's steps after the invoice: how it was paid, then the summary and its day.

The method buttons carry everything they need (``km:<method>:<day>:<invoice id>``), so an old
button never mixes with a newer invoice; only "a typed date goes to this summary" is kept, as a
small typed draft in ``user_data`` (its own key, beside the guided flows' draft).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.handlers.confirm import confirm_keyboard
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.common import Role, edit_or_reply, is_private, reply, role_of, texts_for
from bot.handlers.ui.drafts import FlowDraft, drop_draft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.open_invoice import invoice_values, look_up_open
from bot.parsing import InputError, today
from bot.services.billing_input import parse_paid_on
from bot.services.billing_payloads import MarkPaidPayload
from bot.services.billing_results import Cancelled, InvoiceLookup, OperationState
from bot.services.payment_methods import SCHOOL_METHODS, PaymentMethod
from bot.texts import Texts

#: Where /markpaid's own state is remembered (beside the flows' draft).
DAY_DRAFT_KEY = "markpaid"


class MarkPaidDayDraft(FlowDraft):
    """/markpaid's own state: the summary a typed date would replace (its pending operation),
    or the payment day given with a student (``/pagado Lucía 15/11/2026``), for the invoice
    picked next. Any command forgets it."""

    flow: Literal["markpaid"] = "markpaid"
    op_id: str | None = None
    paid_on: date | None = None
    #: The summary's message, marked as replaced when a typed date shows a new one below it.
    message_id: int | None = None


async def ask_method(
    update: Update, context: BotContext, t: Texts, invoice_id: str, paid_on: date | None
) -> None:
    """The invoice as it is now, with a button per way of paying at the school."""
    found = await look_up_open(update, context, t, invoice_id)
    if found is None:
        return
    invoice = found.invoice
    day = paid_on.strftime("%Y%m%d") if paid_on is not None else "-"
    buttons = [
        InlineKeyboardButton(
            t(f"card.method.button.{method.value}"),
            callback_data=callbacks.PAID_METHOD.data(method.value, day, invoice.id),
        )
        for method in SCHOOL_METHODS
    ]
    text = t(
        "card.markpaid.ask_method",
        **invoice_values(t, found),
    )
    markup = InlineKeyboardMarkup([buttons[:2], buttons[2:]])
    await reply(update, context, text, t=t, reply_markup=markup)


@staff_only
@quentli_reads
async def method_pressed(update: Update, context: BotContext) -> None:
    """A method button: re-read the invoice and show the summary with Confirm / Cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    method_code, day, invoice_id = callbacks.value(query.data).split(":", 2)
    method = next((m for m in SCHOOL_METHODS if m.value == method_code), None)
    await query.answer()
    if method is None:  # data the bot never built
        return
    paid_on = None if day == "-" else date(int(day[:4]), int(day[4:6]), int(day[6:]))
    found = await look_up_open(update, context, t, invoice_id)
    if found is not None:
        await propose(update, context, t, found, paid_on, method, edit=True)


async def propose(
    update: Update,
    context: BotContext,
    t: Texts,
    found: InvoiceLookup,
    paid_on: date | None,
    method: PaymentMethod,
    *,
    edit: bool,
) -> None:
    """Record the mark-paid and show its summary: Confirm / Cancel, and another day."""
    user = update.effective_user
    assert user is not None
    billing = context.services.billing
    proposal = await billing.propose_mark_paid(found, paid_on, user.id, method)
    if paid_on is None:
        # Without a date the payment time is fixed now, when the summary is shown (what is
        # confirmed is what is sent): say the time, so a Confirm pressed later is not a surprise.
        moment = proposal.payload.payment_time.astimezone(t.tz)
        when = t("billing.markpaid.today", time=moment.strftime("%H:%M"))
    else:
        when = t.date(paid_on)
    text = t(
        "billing.markpaid.summary",
        **invoice_values(t, found),
        method=t(f"card.method.{method.value}"),
        paid_on=when,
    )
    yesterday = today(t.tz) - timedelta(days=1)
    days = []
    if paid_on is not None:
        days.append(("card.day.today", "today"))
    if paid_on != yesterday:
        days.append(("card.day.yday", "yday"))
    # the hint names the day buttons this summary has
    text += "\n\n" + t("card.markpaid.other_day." + "_".join(code for _, code in days))
    rows = [list(row) for row in confirm_keyboard(t, proposal.op_id).inline_keyboard]
    rows.append(
        [
            InlineKeyboardButton(
                t(key), callback_data=callbacks.PAID_DAY.data(code, proposal.op_id)
            )
            for key, code in days
        ]
    )
    markup = InlineKeyboardMarkup(rows)
    query = update.callback_query
    message_id = None
    if edit and query is not None and isinstance(query.message, Message):
        await edit_or_reply(update, context, text, t=t, reply_markup=markup)
        message_id = query.message.message_id
    else:
        message_id = (await reply(update, context, text, t=t, reply_markup=markup)).message_id
    draft = MarkPaidDayDraft(op_id=proposal.op_id, message_id=message_id)
    save_draft(context, draft, DAY_DRAFT_KEY)


async def _replace(
    update: Update, context: BotContext, t: Texts, op_id: str, paid_on: date | None, edit: bool
) -> bool:
    """Cancel the summary ``op_id`` and show a new one for ``paid_on``; False (nothing
    done) when that summary can no longer change (confirmed, cancelled, expired, not theirs)."""
    user = update.effective_user
    assert user is not None
    billing = context.services.billing
    op = await billing.operation(op_id)
    if (
        op is None
        or op.created_by != user.id
        or op.state != OperationState.PENDING
        or billing.expired(op)
        or not isinstance(op.payload, MarkPaidPayload)
        or op.payload.method is None
    ):
        return False
    payload, method = op.payload, op.payload.method
    if not isinstance(await billing.cancel(op_id, user.id), Cancelled):
        return False
    found = await look_up_open(update, context, t, payload.invoice_id)
    if found is not None:
        await propose(update, context, t, found, paid_on, method, edit=edit)
    return True


@staff_only
@quentli_reads
async def day_pressed(update: Update, context: BotContext) -> None:
    """📅 Hoy / Ayer on a summary: the same payment on that day (a new summary)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    code, _, op_id = callbacks.value(query.data).partition(":")
    paid_on = today(t.tz) - timedelta(days=1) if code == "yday" else None
    await query.answer()
    if not await _replace(update, context, t, op_id, paid_on, edit=True):
        await reply(update, context, t("billing.flow.stale"), t=t)


@quentli_reads
async def typed_day(update: Update, context: BotContext) -> None:
    """A date typed after a /markpaid summary: the same payment on that day. Anything else
    (a command, another chat, no summary waiting) goes on to the other handlers."""
    message = update.effective_message
    if message is None or message.text is None or not is_private(update):
        return
    if context.user_data is None:
        return
    draft = load_draft(context, MarkPaidDayDraft, DAY_DRAFT_KEY)
    if message.text.startswith("/"):  # another command: nothing waits any more
        drop_draft(context, DAY_DRAFT_KEY)
        return
    if draft.op_id is None:
        return
    user = update.effective_user
    if await role_of(context, user.id if user else None) < Role.STAFF:
        drop_draft(context, DAY_DRAFT_KEY)
        return
    t = await texts_for(update, context)
    op = await context.services.billing.operation(draft.op_id)
    if op is None or op.state != OperationState.PENDING:
        drop_draft(context, DAY_DRAFT_KEY)
        return
    try:
        paid_on = parse_paid_on(message.text.strip(), t.tz, today(t.tz))
    except InputError as err:
        await reply(update, context, t.error(err) + "\n" + t("card.markpaid.bad_day"), t=t)
        raise ApplicationHandlerStop from None
    if not await _replace(update, context, t, draft.op_id, paid_on, edit=False):
        drop_draft(context, DAY_DRAFT_KEY)
        return
    if draft.message_id is not None:
        await _mark_replaced(context, message.chat_id, draft.message_id, t)
    raise ApplicationHandlerStop


async def _mark_replaced(context: BotContext, chat_id: int, message_id: int, t: Texts) -> None:
    """The old summary, replaced by the one below for the typed day: say so, drop its buttons
    (its operation is cancelled, so they could only say "cancelled")."""
    try:
        await context.bot.edit_message_text(
            t("card.markpaid.replaced"), chat_id=chat_id, message_id=message_id
        )
    except TelegramError:  # deleted or too old to edit: its buttons still answer "stale"
        return


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The method and day buttons."""
    return [
        CallbackQueryHandler(method_pressed, pattern=callbacks.PAID_METHOD.pattern),
        CallbackQueryHandler(day_pressed, pattern=callbacks.PAID_DAY.pattern),
    ]


def build_guard_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Registered before the flows: a typed date for a waiting summary (else passes on)."""
    return [MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, typed_day)]
