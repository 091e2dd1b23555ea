"""Pick-one buttons for a customer search that matched several."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.handlers.ui.callbacks import CallbackKind
from bot.handlers.ui.commands import COMMANDS
from bot.handlers.ui.common import reply
from bot.quentli.models import Customer
from bot.services.customers import Ambiguous, Found, NoMatch
from bot.texts import Texts


def customer_label(customer: Customer) -> str:
    """How a customer reads on a button: name, then the student number when there is one."""
    if customer.username:
        return f"{customer.name} · {customer.username}"
    return customer.name


def pick_keyboard(
    candidates: list[Customer], kind: CallbackKind, *parts: str
) -> InlineKeyboardMarkup:
    """One button per candidate; the callback data is ``<prefix>:[<part>:…]<customer id>``
    (short: ``parts`` say what the pick is for, e.g. an invoice action)."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(customer_label(c), callback_data=kind.data(*parts, c.id))]
            for c in candidates
        ]
    )


def pick_question(t: Texts, query: str, found: Ambiguous, command: str | None = None) -> str:
    """The text above the pick buttons. When more matched than there are buttons, it says so
    and how to narrow the search: type more (a flow waiting for the customer, ``command`` None)
    or send the command again (``command``: its English name, shown in the user's language).
    """
    text = t("customer.pick", query=query)
    if not found.more:
        return text
    if command is None:
        return text + "\n" + t("customer.pick_more")
    name = "/" + COMMANDS[command].name(t.lang)
    return text + "\n" + t("customer.pick_more_command", command=name)


async def no_match(
    update: Update,
    context: BotContext,
    t: Texts,
    query: str,
    found: NoMatch,
    kind: CallbackKind,
    *parts: str,
) -> None:
    """The answer to a search that matched nobody: "¿Quisiste decir…?" with pick buttons of
    ``kind`` for the close names (typos), or a plain "no match" when there are none."""
    if not found.close:
        await reply(update, context, t("customer.no_match", query=query), t=t)
        return
    keyboard = pick_keyboard(list(found.close), kind, *parts)
    await reply(
        update, context, t("customer.did_you_mean", query=query), t=t, reply_markup=keyboard
    )


async def resolve_or_pick(
    update: Update,
    context: BotContext,
    t: Texts,
    query: str,
    kind: CallbackKind,
    command: str,
    *parts: str,
) -> Customer | None:
    """The one customer ``query`` names; when several match, pick buttons of ``kind`` are
    sent (None; their data carry ``parts`` before the customer id), and when none does, the
    close names as the same buttons, or a plain "no match" answer (None)."""
    resolution = await context.services.resolver.resolve(query)
    if isinstance(resolution, Found):
        return resolution.customer
    if isinstance(resolution, Ambiguous):
        keyboard = pick_keyboard(resolution.candidates, kind, *parts)
        text = pick_question(t, query, resolution, command)
        await reply(update, context, text, t=t, reply_markup=keyboard)
    else:
        await no_match(update, context, t, query, resolution, kind, *parts)
    return None
