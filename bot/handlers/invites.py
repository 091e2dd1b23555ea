"""/invite: a one-time link (and its QR code) that links a parent's chat to a customer.

```mermaid
stateDiagram-v2
    [*] --> AskCustomer: /invite (no argument)
    [*] --> Resolve: /invite <customer>
    AskCustomer --> Resolve: typed name, number or id
    Resolve --> Sent: one match
    Resolve --> Pick: several matches (buttons)
    Resolve --> AskCustomer: no match
    Pick --> Sent: button pressed
    AskCustomer --> [*]: /cancel
    Sent --> [*]
```
"""

from __future__ import annotations

import io
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
from telegram.helpers import create_deep_linked_url

from bot.context import BotContext
from bot.handlers.ui import callbacks
from bot.handlers.ui.commands import names
from bot.handlers.ui.common import reply, texts_for
from bot.handlers.ui.gates import staff_only
from bot.handlers.ui.picking import pick_keyboard, pick_question
from bot.quentli.models import Customer
from bot.services.customers import Ambiguous, Found
from bot.texts import Texts

# States live in the one conversation of guided flows (bot/handlers/billing_flows.py).
ASK_CUSTOMER = 30


@staff_only
async def invite(update: Update, context: BotContext) -> int:
    """/invite [<customer>]: resolve the customer, or ask for one."""
    t = await texts_for(update, context)
    if not context.args:
        await reply(update, context, t("invite.ask_customer"), t=t)
        return ASK_CUSTOMER
    return await _resolve(update, context, " ".join(context.args), t)


@staff_only
async def invite_answer(update: Update, context: BotContext) -> int:
    """The typed customer of the guided /invite: resolve it or ask again."""
    t = await texts_for(update, context)
    message = update.effective_message
    assert message is not None and message.text is not None
    return await _resolve(update, context, message.text.strip(), t)


async def _resolve(update: Update, context: BotContext, query: str, t: Texts) -> int:
    resolution = await context.services.resolver.resolve(query)
    if isinstance(resolution, Found):
        await send_invite(update, context, resolution.customer, t)
        return ConversationHandler.END
    if isinstance(resolution, Ambiguous):
        keyboard = pick_keyboard(resolution.candidates, callbacks.INVITE_PICK)
        text = pick_question(t, query, resolution, "invite")
        await reply(update, context, text, t=t, reply_markup=keyboard)
        return ConversationHandler.END
    await reply(update, context, t("customer.no_match", query=query), t=t)
    return ASK_CUSTOMER


@staff_only
async def picked(update: Update, context: BotContext) -> None:
    """A pick button of /invite: make the invite for that customer."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    t = await texts_for(update, context)
    customer = await context.services.resolver.get(callbacks.value(query.data))
    await send_invite(update, context, customer, t)


async def send_invite(update: Update, context: BotContext, customer: Customer, t: Texts) -> None:
    """Create the token and send the deep link, then its QR code for the printed letter."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    token = await context.services.linking.create_parent_invite(customer, user.id)
    url = create_deep_linked_url(context.bot.username, token)
    days = context.services.linking.invite_ttl.days
    await reply(
        update,
        context,
        t("invite.created", name=customer.name, url=url, count=days),
        t=t,
        link_preview_options=None,
    )
    import segno  # only invites draw a QR code: not paid at start-up

    picture = io.BytesIO()
    segno.make(url, error="m").save(picture, kind="png", scale=8, border=3)
    picture.seek(0)
    await context.bot.send_photo(
        chat.id, picture, caption=t("invite.qr_caption", name=customer.name, count=days)
    )


ENTRY_POINTS: list[BaseHandler[Update, BotContext, Any]] = [
    CommandHandler(names("invite"), invite)
]
STATES: dict[object, list[BaseHandler[Update, BotContext, Any]]] = {
    ASK_CUSTOMER: [MessageHandler(filters.TEXT & ~filters.COMMAND, invite_answer)],
}


def build_handlers() -> list[BaseHandler[Update, BotContext, Any]]:
    """The pick buttons; the guided flow itself joins the shared conversation of flows."""
    return [CallbackQueryHandler(picked, pattern=callbacks.INVITE_PICK.pattern)]
