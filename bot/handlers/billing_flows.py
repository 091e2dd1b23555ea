"""The guided flows, /invoice, /checkout, /invite and /shop, as ONE persistent conversation.

Why one: with several ConversationHandlers, a staff member who leaves /invoice half done and
starts /checkout would have both open, and their next answer would go to the first one
registered (a name read as an amount). Here starting any flow restarts the conversation
(``allow_reentry``), so only the latest flow listens. The states of each flow live in
invoice_flow.py, checkout_flow.py, invites.py and shop.py.
"""

from __future__ import annotations

import warnings

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from bot.context import BotContext
from bot.handlers import checkout_detour, checkout_flow, invites, invoice_flow, shop
from bot.handlers.cancel import cancel_handler
from bot.handlers.ui import callbacks
from bot.handlers.ui.common import plain, texts_for

STALE_PATTERN = callbacks.any_of(
    *invoice_flow.STALE_PREFIXES, *checkout_flow.STALE_PREFIXES, *checkout_detour.STALE_PREFIXES
)


async def stale_step(update: Update, context: BotContext) -> None:
    """A flow button pressed after its flow ended or moved on."""
    query = update.callback_query
    assert query is not None
    t = await texts_for(update, context)
    await query.answer(plain(t("billing.flow.stale")), show_alert=True)


def build_handlers() -> list[BaseHandler[Update, BotContext, object]]:
    """The conversation, then an answer for buttons of flows already over."""
    with warnings.catch_warnings():
        # The quick-pick buttons are tracked per chat and user, not per message, on purpose:
        # the flow is one conversation whatever message its buttons are on.
        warnings.filterwarnings(
            "ignore", message="If 'per_message=False'", category=PTBUserWarning
        )
        conversation: ConversationHandler[BotContext] = ConversationHandler(
            entry_points=[
                *invoice_flow.ENTRY_POINTS,
                *checkout_flow.ENTRY_POINTS,
                *invites.ENTRY_POINTS,
                *shop.ENTRY_POINTS,
            ],
            states={
                **invoice_flow.STATES,
                **checkout_flow.STATES,
                **invites.STATES,
                **checkout_detour.STATES,
                **shop.STATES,
            },
            fallbacks=[cancel_handler()],
            name="flows",
            persistent=True,
            allow_reentry=True,
        )
    return [conversation, CallbackQueryHandler(stale_step, pattern=STALE_PATTERN)]
