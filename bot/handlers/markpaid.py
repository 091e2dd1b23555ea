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

The steps after the invoice (method, day, summary) are in bot.handlers.markpaid_steps.
"""

from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import BotContext
from bot.handlers import markpaid_steps
from bot.handlers.markpaid_steps import DAY_DRAFT_KEY, MarkPaidDayDraft, ask_method
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.drafts import drop_draft, load_draft, save_draft
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.invoice_picking import invoice_or_pick
from bot.handlers.ui.open_invoice import look_up_open
from bot.parsing import InputError, parse_date, today
from bot.services.billing_input import (
    check_paid_on,
    example_paid_on,
    looks_like_invoice_id,
    parse_paid_on,
)
from bot.texts import Texts

__all__ = ["ACTION", "build_guard_handlers", "build_handlers", "look_up_open", "offer", "usage"]

#: The code of this action in the invoice actions' table and its buttons.
ACTION = "pay"


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
            paid_on = parse_paid_on(" ".join(args[1:]), t.tz, today(t.tz))
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
            day = parse_date(" ".join(args[-words:]), t.tz, reference=today(t.tz), past=True)
        except InputError:
            continue
        return " ".join(args[:-words]), check_paid_on(day, today(t.tz))
    return " ".join(args), None


def usage(t: Texts) -> str:
    """How to write /markpaid, with an example date that is still valid today."""
    day = example_paid_on(today(t.tz))
    return t("billing.markpaid.usage", example_date=day.strftime("%d/%m/%Y"))


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/markpaid (/pagado) and its method and day buttons."""
    return [CommandHandler(names("markpaid"), markpaid), *markpaid_steps.build_handlers()]


def build_guard_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """Registered before the flows: a typed date for a waiting summary (else passes on)."""
    return markpaid_steps.build_guard_handlers()
