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
    cancel,
    charge,
    confirm,
    customer_view,
    cut,
    edits,
    errors,
    fallback,
    help,
    invites,
    language,
    markpaid,
    overdue,
    parents,
    paylink,
    portal,
    presence,
    reminders,
    staff,
    start,
    unlink,
)
from bot.handlers.ui import menus
from bot.handlers.ui.common import Role
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
    application.add_handlers(edits.build_handlers(), group=GUARD_GROUP)
    # Order matters: guided flows first (they own the chat while open), then the commands,
    # then /cancel outside a flow, and last the fallback for whatever nobody else took.
    for module in (
        invites,
        billing_flows,
        start,
        staff,
        markpaid,
        charge,
        paylink,
        customer_view,
        confirm,
        unlink,
        language,
        help,
        parents,
        portal,
        overdue,
        cut,
        reminders,
        cancel,
    ):
        application.add_handlers(module.build_handlers(), group=MAIN_GROUP)
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
    staff_ids = {m.user_id for m in await services.staff.members()}
    for user_id in sorted(staff_ids | settings.bot_admin_ids):
        lang = await services.languages.chosen(user_id) or settings.bot_language
        role = Role.ADMIN if user_id in settings.bot_admin_ids else Role.STAFF
        await menus.set_chat_menu(bot, user_id, role, lang, settings.tz)
