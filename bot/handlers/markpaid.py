"""/markpaid (/pagado) <invoice> [<date>]: record a payment received at the window.

```mermaid
stateDiagram-v2
    [*] --> Pick: /markpaid <student>
    [*] --> Method: /markpaid <invoice id> [<date>], or 💵 on the card
    Pick --> Method: an invoice button
    Method --> Summary: efectivo / transferencia / cheque / depósito
    Summary --> Summary: 📅 Ayer / Hoy, or a typed date (a new summary)
    Summary --> [*]: Confirm (one mark-paid) / Cancel (bot.handlers.confirm)
```

The method buttons carry everything they need (``km:<method>:<day>:<invoice id>``), so an old
button never mixes with a newer invoice; only "a typed date goes to this summary" is kept, as
a small typed draft in ``user_data``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.handlers.confirm import confirm_keyboard
from bot.handlers.ui import callbacks
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import Role, edit_or_reply, is_private, reply, role_of, texts_for
from bot.handlers.ui.drafts import FlowDraft, drop_draft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import invoice_or_pick
from bot.parsing import InputError, parse_date, today
from bot.quentli.errors import NotFoundError
from bot.services.billing_input import check_paid_on, example_paid_on, looks_like_invoice_id
from bot.services.billing_payloads import MarkPaidPayload
from bot.services.billing_results import Cancelled, InvoiceLookup, OperationState
from bot.services.payment_methods import SCHOOL_METHODS, PaymentMethod
from bot.texts import Texts

#: The code of this action in the invoice actions' table and its buttons.
ACTION = "pay"
#: Where the summary waiting for a typed date is remembered (beside the flows' draft).
DAY_DRAFT_KEY = "markpaid"


class MarkPaidDayDraft(FlowDraft):
    """/markpaid's own state: the summary a typed date would replace (its pending operation),
    or the payment day given with a student (``/pagado Lucía 15/11/2026``), for the invoice
    picked next. Any command forgets it."""

    flow: Literal["markpaid"] = "markpaid"
    op_id: str | None = None
    paid_on: date | None = None


@staff_only
@quentli_reads
async def markpaid(update: Update, context: BotContext) -> None:
    """/markpaid <invoice> [<date>]: ask how it was paid (an id), or list the student's
    unpaid invoices to pick one (a name, student number or customer id)."""
    t = await texts_for(update, context)
    args = list(context.args or [])
    if not args:
        await reply(update, context, usage(t), t=t)
        return
    if not looks_like_invoice_id(args[0]):
        try:
            student, paid_on = student_and_day(args, t)
        except InputError as err:
            await reply(update, context, t.error(err) + "\n\n" + usage(t), t=t)
            return
        if paid_on is not None:
            save_draft(context, MarkPaidDayDraft(paid_on=paid_on), DAY_DRAFT_KEY)
        await invoice_or_pick(update, context, t, ACTION, "markpaid", student)
        return
    paid_on = None
    if len(args) > 1:
        try:
            paid_on = check_paid_on(parse_date(" ".join(args[1:]), t.tz), today(t.tz))
        except InputError as err:
            await reply(update, context, t.error(err) + "\n\n" + usage(t), t=t)
            return
    await ask_method(update, context, t, args[0], paid_on)


async def offer(update: Update, context: BotContext, t: Texts, invoice_id: str) -> None:
    """The card's 💵 button or a picked invoice: ask how it was paid (paid today, or the day
    given with the student, unless another day is chosen on the summary)."""
    draft = load_draft(context, MarkPaidDayDraft, DAY_DRAFT_KEY)
    if draft.paid_on is not None:
        drop_draft(context, DAY_DRAFT_KEY)
    await ask_method(update, context, t, invoice_id, draft.paid_on)


#: How many words a date may take at the end of ``/markpaid <student> <date>``
#: ("15 de diciembre de 2026").
_DATE_WORDS = 5


def student_and_day(args: list[str], t: Texts) -> tuple[str, date | None]:
    """``<student> [<date>]``: the student and the payment day, when the last words are one.

    Raises:
        InputError: the day is in the future.
    """
    for words in range(min(_DATE_WORDS, len(args) - 1), 0, -1):
        try:
            day = parse_date(" ".join(args[-words:]), t.tz)
        except InputError:
            continue
        return " ".join(args[:-words]), check_paid_on(day, today(t.tz))
    return " ".join(args), None


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
        name=found.customer_name,
        concept=invoice.concept_text or "—",
        amount=t.money(invoice.outstanding),
        due=t.date(invoice.due_date),
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
        method=t(f"card.method.{method.value}"),
        paid_on=when,
    )
    text += "\n\n" + t("card.markpaid.other_day")
    yesterday = today(t.tz) - timedelta(days=1)
    days = []
    if paid_on is not None:
        days.append(("card.day.today", "today"))
    if paid_on != yesterday:
        days.append(("card.day.yday", "yday"))
    rows = [list(row) for row in confirm_keyboard(t, proposal.op_id).inline_keyboard]
    rows.append(
        [
            InlineKeyboardButton(
                t(key), callback_data=callbacks.PAID_DAY.data(code, proposal.op_id)
            )
            for key, code in days
        ]
    )
    save_draft(context, MarkPaidDayDraft(op_id=proposal.op_id), DAY_DRAFT_KEY)
    markup = InlineKeyboardMarkup(rows)
    if edit:
        await edit_or_reply(update, context, text, t=t, reply_markup=markup)
    else:
        await reply(update, context, text, t=t, reply_markup=markup)


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
        paid_on = check_paid_on(parse_date(message.text.strip(), t.tz), today(t.tz))
    except InputError as err:
        await reply(update, context, t.error(err) + "\n" + t("card.markpaid.bad_day"), t=t)
        raise ApplicationHandlerStop from None
    if not await _replace(update, context, t, draft.op_id, paid_on, edit=False):
        drop_draft(context, DAY_DRAFT_KEY)
        return
    raise ApplicationHandlerStop


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/markpaid (/pagado) and its method and day buttons."""
    return [
        CommandHandler(names("markpaid"), markpaid),
        CallbackQueryHandler(method_pressed, pattern=callbacks.PAID_METHOD.pattern),
        CallbackQueryHandler(day_pressed, pattern=callbacks.PAID_DAY.pattern),
    ]


def build_guard_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Registered before the flows: a typed date for a waiting summary (else passes on)."""
    return [MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, typed_day)]
