"""/overdue (/vencidos): the school's overdue invoices, and the office summary's "see overdue".

/overdue lists the school's overdue invoices by age, then the families (most days late first),
paged, each with buttons to open the card or send a reminder. It is read fresh from Quentli on
every command and page. The summary's button may be pressed in the office group: each press
re-checks that the person is staff, and the answer goes to their private chat.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.handlers.customer_view import card as render_card
from bot.handlers.ui.billing_errors import quentli_reads
from bot.handlers.ui.callbacks import (
    CARD_PATTERN,
    OVERDUE_NEW,
    OVERDUE_PATTERN,
    card_data,
    customer_of,
    overdue_data,
    page_of,
    remind_data,
)
from bot.handlers.ui.collection_notices import short
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import plain, reply, telegram_length, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.office import (
    CONCEPT_CHARS,
    MESSAGE_BUDGET,
    NAME_CHARS,
    Report,
    office_button,
)
from bot.services.customers import Found
from bot.services.reports import AgeBucket, OverdueFamily, OverdueReport
from bot.texts import Texts
from bot.texts.durations import format_days

FAMILIES_PER_PAGE = 6
INVOICES_PER_FAMILY = 3
BUTTON_NAME_CHARS = 24


@staff_only
@quentli_reads
async def overdue(update: Update, context: BotContext) -> None:
    """/overdue: the first page of the school's overdue invoices (buttons page on)."""
    t = await texts_for(update, context)
    if context.args:  # it takes nothing: say so instead of silently ignoring it
        await reply(update, context, t("overdue.usage", given=" ".join(context.args)), t=t)
        return
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

    await office_button(update, context, page, edit=query.data != OVERDUE_NEW)


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
    overview = await context.services.billing.overview(found.customer, now)
    text, markup = render_card(t, overview, now)
    await reply(update, context, text, t=t, reply_markup=markup)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """/overdue (/vencidos), its pages and the families' card buttons."""
    return [
        CommandHandler(names("overdue"), overdue),
        CallbackQueryHandler(overdue_page, pattern=OVERDUE_PATTERN),
        CallbackQueryHandler(open_card, pattern=CARD_PATTERN),
    ]
