"""build_application(): the PTB Application with its lifecycle and every handler, in order."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults

from bot.config import Settings
from bot.context import SERVICES_KEY, AppServices, BotApplication, BotContext
from bot.handlers import (
    billing_flows,
    bulk,
    cancel,
    charge,
    confirm,
    customer_view,
    cut,
    edits,
    errors,
    fallback,
    family_invites,
    help,
    invites,
    invoice_actions,
    language,
    markpaid,
    overdue,
    parents,
    paylink,
    people,
    portal,
    presence,
    proof_review,
    proofs,
    reminders,
    shop_confirm,
    staff,
    start,
    unlink,
    void,
    words,
)
from bot.handlers.ui import menus
from bot.handlers.ui.common import Role
from bot.handlers.ui.profile import set_profile
from bot.pacing import Pacing
from bot.ptb.flood import FloodLimiter
from bot.ptb.persistence import SQLitePersistence
from bot.ptb.updates import PerChatUpdateProcessor

if TYPE_CHECKING:
    from bot.runtime import Infrastructure
    from bot.store import OperationRepo

log = logging.getLogger(__name__)

# PTB runs the first matching handler of each group; everything lives in one group so that the
# fallback at its end answers only what no other handler took. Edits are stopped before it.
#: Connections to the Bot API for the bot's calls (getUpdates has its own).
TELEGRAM_CONNECTIONS = 64

PRESENCE_GROUP = -3
# People first: every update's sender is kept (name, language), without holding the update up.
PEOPLE_GROUP = -2
GUARD_GROUP = -1
MAIN_GROUP = 0


def build_application(
    settings: Settings,
    services: AppServices,
    infra: Infrastructure,
    pacing: Pacing | None = None,
) -> BotApplication:
    """The Application, wired to built services; the caller runs and stops it.

    Handlers reach ``services`` only; of ``infra``, PTB's persistence gets the key-value store
    and the start-up the operations ledger. ``pacing``: the flood limiter's windows
    (production's by default).
    """
    builder: Any = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
        .context_types(ContextTypes(context=BotContext))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .persistence(SQLitePersistence(infra.repos.kv))
        .concurrent_updates(PerChatUpdateProcessor())
        .rate_limiter(FloodLimiter(pacing, max_retries=3))
        # The limiter lets about 30 calls a second through: PTB's 256 connections would only
        # be opened in a burst and then re-checked on every call (httpcore scans its pool).
        .connection_pool_size(TELEGRAM_CONNECTIONS)
        .post_init(functools.partial(on_startup, operations=infra.repos.operations))
    )
    if settings.webhook_url:
        builder = builder.updater(None)
    application: BotApplication = builder.build()
    application.bot_data[SERVICES_KEY] = services

    application.add_handlers(presence.build_handlers(), group=PRESENCE_GROUP)
    application.add_handlers(people.build_handlers(), group=PEOPLE_GROUP)
    application.add_handlers(edits.build_handlers(), group=GUARD_GROUP)
    # A date typed for a /markpaid summary waiting for one; any other text goes on.
    application.add_handlers(markpaid.build_guard_handlers(), group=GUARD_GROUP)
    # A staff member's spreadsheet is taken for /bulk before any other handler sees it.
    application.add_handlers(bulk.document_handlers(), group=GUARD_GROUP)
    # Order matters: guided flows first (they own the chat while open), then the commands,
    # then /cancel outside a flow, then words (text, stickers…) nobody else took, and last the
    # fallback for unknown commands and stale buttons.
    for module in (
        invites,
        family_invites,
        billing_flows,
        start,
        staff,
        markpaid,
        charge,
        void,
        paylink,
        customer_view,
        invoice_actions,
        confirm,
        shop_confirm,
        unlink,
        language,
        help,
        parents,
        proofs,
        proof_review,
        portal,
        overdue,
        cut,
        reminders,
        bulk,
        cancel,
    ):
        application.add_handlers(module.build_handlers(), group=MAIN_GROUP)
    application.add_handlers(words.build_handlers(), group=MAIN_GROUP)
    application.add_handlers(fallback.build_handlers(), group=MAIN_GROUP)
    application.add_error_handler(errors.on_error)
    return application


async def on_startup(application: BotApplication, *, operations: OperationRepo) -> None:
    """Settle writes a restart interrupted (the menus follow once polling runs: set_menus)."""
    # A Confirm whose Quentli call was in flight when the bot stopped may or may not have
    # landed: mark it unknown so a later press says so instead of sending it again.
    interrupted = await operations.recover_interrupted()
    if interrupted:
        log.warning("%d money operation(s) were interrupted by a restart", interrupted)
    await bulk.resume(application)  # batches a stop interrupted go on where they were


async def set_menus(application: BotApplication) -> None:
    """Set the menus (everyone's, and staff's own); run beside the updates once polling has
    started, since the menus are cosmetic and four or more Bot API calls would delay it."""
    services: AppServices = application.bot_data[SERVICES_KEY]
    settings = services.settings
    bot = application.bot
    try:
        await menus.set_default_menus(bot, settings.bot_language, settings.tz)
    except TelegramError as exc:
        log.warning("the command menus were not set: %s", exc)
    await set_profile(bot, services.school_name, settings.bot_language, settings.tz)
    staff_ids = {m.user_id for m in await services.staff.members()}
    for user_id in sorted(staff_ids | settings.bot_admin_ids):
        lang = await services.languages.for_chat(user_id)
        role = Role.ADMIN if user_id in settings.bot_admin_ids else Role.STAFF
        await menus.set_chat_menu(bot, user_id, role, lang, settings.tz)
