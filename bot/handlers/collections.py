"""/overdue (/vencidos) and /today (/corte): the office's two reports, and the buttons of the
office's daily summary.

/overdue lists the school's overdue invoices by age, then the families (most days late first),
paged, each with buttons to open the card or send a reminder. /today [<date>] lists the day's
payments with family, concept, amount and method, and the totals by method. Both are read fresh
from Quentli on every command and page. The summary's buttons may be pressed in the office group:
each press re-checks that the person is staff, and the answer goes to their private chat.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.customer_view import render as render_card
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.callbacks import (
    CARD_PATTERN,
    CUT_PATTERN,
    OVERDUE_NEW,
    OVERDUE_PATTERN,
    card_data,
    customer_of,
    day_of,
    overdue_data,
    page_of,
    remind_data,
)
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import (
    MESSAGE_LIMIT,
    Role,
    edit_or_reply,
    is_private,
    plain,
    reply,
    role_of,
    sandbox_suffix,
    telegram_length,
    texts_for,
)
from bot.handlers.ui.gates import staff_only
from bot.parsing.dates import parse_date
from bot.services.collections import AgeBucket, DayCut, OverdueFamily, OverdueReport
from bot.services.customers import Found
from bot.texts import InputError, Texts
from bot.texts.durations import format_days

log = logging.getLogger(__name__)

Report = tuple[str, InlineKeyboardMarkup | None]

FAMILIES_PER_PAGE = 6
INVOICES_PER_FAMILY = 3
CONCEPT_CHARS = 60
NAME_CHARS = 60
BUTTON_NAME_CHARS = 24
MESSAGE_BUDGET = MESSAGE_LIMIT - 200  # room for the sandbox notice
_TODAY = {"hoy", "today"}
_YESTERDAY = {"ayer", "yesterday"}


# -- /overdue --------------------------------------------------------------------------------


@staff_only
@quentli_reads
async def overdue(update: Update, context: BotContext) -> None:
    """/overdue: the first page of the school's overdue invoices (buttons page on)."""
    t = await texts_for(update, context)
    report = await context.services.reports.overdue()
    text, markup = render_overdue(t, report, 0)
    await reply(update, context, text, t=t, reply_markup=markup)


@quentli_reads
async def overdue_page(update: Update, context: BotContext) -> None:
    """A page button of /overdue (edits the list), or the summary's "see overdue" (anew)."""
    query = update.callback_query
    assert query is not None

    async def page(t: Texts, data: str) -> Report:
        return render_overdue(t, await context.services.reports.overdue(), page_of(data))

    await _office_button(update, context, page, edit=query.data != OVERDUE_NEW)


def render_overdue(t: Texts, report: OverdueReport, page: int) -> Report:
    """One page of /overdue: totals and buckets, then the page's families with their buttons.

    A page that would pass Telegram's limit lists fewer invoices under each family.
    """
    if not report.families:
        return t("overdue.none", date=t.date(report.day)), None
    pages = -(-len(report.families) // FAMILIES_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    per_family = INVOICES_PER_FAMILY
    text = _overdue_text(t, report, page, pages, per_family)
    while per_family > 0 and telegram_length(text) > MESSAGE_BUDGET:
        per_family -= 1
        text = _overdue_text(t, report, page, pages, per_family)
    rows: list[list[InlineKeyboardButton]] = []
    for family in _page(report, page):
        card, remind = card_data(family.customer_id), remind_data(family.customer_id)
        if card is None or remind is None:
            continue
        label = t("overdue.button_card", name=short(family.name, BUTTON_NAME_CHARS))
        rows.append(
            [
                InlineKeyboardButton(plain(label), callback_data=card),
                InlineKeyboardButton(plain(t("overdue.button_remind")), callback_data=remind),
            ]
        )
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton(t("overdue.prev"), callback_data=overdue_data(page - 1)))
    if page + 1 < pages:
        nav.append(InlineKeyboardButton(t("overdue.next"), callback_data=overdue_data(page + 1)))
    if nav:
        rows.append(nav)
    return text, InlineKeyboardMarkup(rows)


def _page(report: OverdueReport, page: int) -> tuple[OverdueFamily, ...]:
    start = page * FAMILIES_PER_PAGE
    return report.families[start : start + FAMILIES_PER_PAGE]


def _overdue_text(t: Texts, report: OverdueReport, page: int, pages: int, per_family: int) -> str:
    families = _page(report, page)
    lines = [
        t("overdue.title", date=t.date(report.day)),
        t(
            "overdue.summary",
            amount=t.money(report.amount),
            invoices=report.invoices,
            families=len(report.families),
        ),
        "",
    ]
    for bucket in report.buckets:
        range_ = bucket_label(t, bucket)
        amount = t.money(bucket.amount)
        lines.append(t("overdue.bucket", range=range_, amount=amount, invoices=bucket.invoices))
    lines += ["", t("overdue.families_head", page=page + 1, pages=pages)]
    for number, family in enumerate(families, start=page * FAMILIES_PER_PAGE + 1):
        who = short(family.name, NAME_CHARS)
        if family.username:
            who = f"{who} · {family.username}"
        lines.append(
            t(
                "overdue.family",
                n=number,
                who=who,
                amount=t.money(family.amount),
                days=format_days(family.days_late, t.lang),
            )
        )
        for item in family.invoices[:per_family]:
            lines.append(
                t(
                    "overdue.invoice",
                    concept=short(item.concept, CONCEPT_CHARS),
                    amount=t.money(item.amount),
                    due=t.date(item.due_date),
                )
            )
        hidden = len(family.invoices) - per_family
        if hidden > 0:
            lines.append(t("overdue.more_invoices", count=hidden))
    lines += ["", t("overdue.hint")]
    return "\n".join(lines)


def bucket_label(t: Texts, bucket: AgeBucket) -> str:
    """ "1 a 30 días", "más de 90 días"."""
    if bucket.last is None:
        return t("overdue.range_over", last=bucket.first - 1)
    return t("overdue.range", first=bucket.first, last=bucket.last)


@staff_only
@quentli_reads
async def open_card(update: Update, context: BotContext) -> None:
    """A family's 📇 button in /overdue: their card, as a new message (the list stays)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    found = await context.services.resolver.resolve(customer_of(query.data))
    if not isinstance(found, Found):
        await reply(update, context, t("remind.unknown_customer"), t=t)
        return
    now = context.services.reports.now()
    card = await context.services.billing.overview(found.customer, now)
    await reply(update, context, render_card(t, card, now), t=t)


# -- /today ----------------------------------------------------------------------------------


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

    await _office_button(update, context, cut, edit=False)


def cut_day(text: str, today: date, t: Texts) -> date:
    """The day /today asks for: empty or "hoy" is today, "ayer" yesterday, else a date.

    Raises:
        DateError: not a date.
    """
    word = text.strip().casefold()
    if not word or word in _TODAY:
        return today
    if word in _YESTERDAY:
        return today - timedelta(days=1)
    return parse_date(text, t.tz)


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


# -- the office's buttons --------------------------------------------------------------------


async def _office_button(
    update: Update,
    context: BotContext,
    render: Callable[[Texts, str], Awaitable[Report]],
    *,
    edit: bool,
) -> None:
    """A report button: checks on every press that the presser is staff; in a private chat
    the report edits the message (``edit``) or follows it, elsewhere (the office group) it
    goes to the presser's private chat."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and query.data is not None
    t = await texts_for(update, context)
    if await role_of(context, user.id if user else None) < Role.STAFF:
        await query.answer(plain(t("gate.staff_only")), show_alert=True)
        return
    private = is_private(update)
    note = None if private else plain(t("office.sent_private"))
    await query.answer(note, show_alert=note is not None)
    try:
        text, markup = await render(t, query.data)
    except ValueError:  # data the bot never built (not a real day)
        return
    if not private:
        await _to_presser(update, context, t, text, markup)
    elif edit:
        await edit_or_reply(update, context, text, t=t, reply_markup=markup)
    else:
        await reply(update, context, text, t=t, reply_markup=markup)


async def _to_presser(
    update: Update,
    context: BotContext,
    t: Texts,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """Send a report to the private chat of the staff member who pressed in a group."""
    user = update.effective_user
    assert user is not None
    text += await sandbox_suffix(update, context, t)
    try:
        await context.bot.send_message(user.id, text, reply_markup=markup)
    except TelegramError as exc:  # they never opened a private chat with the bot
        log.info("could not send a report privately: %s", exc)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/overdue (/vencidos), /today (/corte) and their buttons."""
    return [
        CommandHandler(names("overdue"), overdue),
        CommandHandler(names("today"), today),
        CallbackQueryHandler(overdue_page, pattern=OVERDUE_PATTERN),
        CallbackQueryHandler(open_card, pattern=CARD_PATTERN),
        CallbackQueryHandler(cut_button, pattern=CUT_PATTERN),
    ]
