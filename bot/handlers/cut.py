"""/today (/corte): the day's cut, and the office summary's "see the payments".

/today [<date>] lists the day's payments with family, concept, amount and method, and the totals
by method, read fresh from Quentli on every command. The summary's button may be pressed in the
office group: each press re-checks that the person is staff, and the answer goes to their
private chat.
"""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.callbacks import CUT_PATTERN, day_of
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, telegram_length, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.office import (
    CONCEPT_CHARS,
    MESSAGE_BUDGET,
    NAME_CHARS,
    Report,
    office_button,
)
from bot.parsing.dates import parse_date
from bot.services.reports import DayCut
from bot.texts import InputError, Texts

_TODAY = {"hoy", "today"}
_YESTERDAY = {"ayer", "yesterday"}
_TOMORROW = {"manana", "mañana", "tomorrow"}


@staff_only
@quentli_reads
async def today(update: Update, context: BotContext) -> None:
    """/today [<date>]: the payments of that day (default today) and the totals by method."""
    t = await texts_for(update, context)
    reports = context.services.reports
    now_day = reports.today()
    try:
        day = cut_day(" ".join(context.args or []), now_day, t)
    except InputError as err:
        example = (now_day - timedelta(days=1)).strftime("%d/%m/%Y")
        await reply(update, context, t.error(err) + "\n\n" + t("cut.usage", example=example), t=t)
        return
    if day > now_day:
        await reply(update, context, t("cut.future", date=t.date(day)), t=t)
        return
    await reply(update, context, render_cut(t, await reports.day_cut(day)), t=t)


@quentli_reads
async def cut_button(update: Update, context: BotContext) -> None:
    """The summary's "see the payments" button: that day's cut."""

    async def cut(t: Texts, data: str) -> Report:
        return render_cut(t, await context.services.reports.day_cut(day_of(data))), None

    await office_button(update, context, cut, edit=False)


def cut_day(text: str, today: date, t: Texts) -> date:
    """The day /today asks for: empty or "hoy" is today, "ayer" yesterday, "mañana" tomorrow
    (answered as a day that has not come yet), else a date: a cut is of payments already
    received, so ``DD/MM`` and ``15 de noviembre`` are the last such day up to today.

    Raises:
        DateError: not a date.
    """
    word = text.strip().casefold()
    if not word or word in _TODAY:
        return today
    if word in _YESTERDAY:
        return today - timedelta(days=1)
    if word in _TOMORROW:
        return today + timedelta(days=1)
    return parse_date(text, t.tz, reference=today, past=True)


def render_cut(t: Texts, cut: DayCut) -> str:
    """The day's payments, as many as fit in one message (the rest counted), then totals."""
    count = len(cut.payments)
    text = _cut_text(t, cut, count)
    while count > 0 and telegram_length(text) > MESSAGE_BUDGET:
        count -= 1
        text = _cut_text(t, cut, count)
    return text


def _cut_text(t: Texts, cut: DayCut, count: int) -> str:
    lines = [t("cut.title", date=t.date(cut.day)), ""]
    if not cut.payments:
        lines.append(t("cut.none"))
        return "\n".join(lines)
    for payment in cut.payments[:count]:
        lines.append(
            t(
                "cut.line",
                time=payment.at.astimezone(t.tz).strftime("%H:%M"),
                name=short(payment.name, NAME_CHARS),
                concept=short(payment.concept or "—", CONCEPT_CHARS),
                amount=t.money(payment.amount),
                method=t(f"cut.method.{payment.method}"),
            )
        )
    if count < len(cut.payments):
        lines.append(t("cut.more", count=len(cut.payments) - count))
    lines += ["", t("cut.totals_head")]
    for total in cut.totals:
        lines.append(
            t(
                "cut.method_total",
                method=t(f"cut.method.{total.method}"),
                amount=t.money(total.amount),
                count=total.payments,
            )
        )
    lines.append(t("cut.total", amount=t.money(cut.amount), count=len(cut.payments)))
    return "\n".join(lines)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/today (/corte) and the summary's cut button."""
    return [
        CommandHandler(names("today"), today),
        CallbackQueryHandler(cut_button, pattern=CUT_PATTERN),
    ]
