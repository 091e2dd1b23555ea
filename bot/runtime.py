"""Opening what the bot needs (database, Quentli or its sandbox), running it, and closing it."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from bot.config import Settings
from bot.context import AppServices, BotApplication
from bot.quentli import QuentliClient
from bot.services.customers import CustomerResolver
from bot.services.linking import LinkingService
from bot.store import Database, Repositories

log = logging.getLogger(__name__)


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[AppServices]:
    """Open the database and Quentli (the in-process sandbox when no key is set)."""
    async with AsyncExitStack() as stack:
        db = await Database.open(settings.database_path)
        stack.push_async_callback(db.close)
        repos = Repositories.build(db)
        if settings.quentli_api_key is None:
            api_url, api_key = await _start_sandbox(settings, stack)
        else:
            api_url, api_key = settings.quentli_api_url, settings.quentli_api_key.get_secret_value()
        quentli = QuentliClient.create(
            api_url,
            api_key,
            connect_timeout=settings.quentli_connect_timeout,
            read_timeout=settings.quentli_read_timeout,
        )
        await stack.enter_async_context(quentli)
        yield AppServices(
            settings=settings,
            db=db,
            repos=repos,
            quentli=quentli,
            resolver=CustomerResolver(quentli),
            linking=LinkingService(repos, quentli),
        )


async def _start_sandbox(settings: Settings, stack: AsyncExitStack) -> tuple[str, str]:
    """Start the Quentli sandbox on a loopback port, its state kept beside the database."""
    from bot.sandbox.server import SandboxServer
    from bot.sandbox.state import SandboxState, seed_demo

    state = SandboxState(path=settings.sandbox_state_path)
    seed_demo(state)
    api_key = "sk_sandbox_" + secrets.token_urlsafe(18)
    server = SandboxServer(state, api_key)
    await server.start()
    stack.push_async_callback(server.stop)
    log.info("sandbox mode: the Quentli sandbox serves at %s", server.url)
    return server.url, api_key


async def run(settings: Settings) -> None:
    """Run until SIGINT or SIGTERM: polling (or webhook), then a clean, ordered stop."""
    from bot.app import build_application

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with open_services(settings) as services:
        application = build_application(settings, services)
        async with application:
            await _serve(application, stop)


async def _serve(application: BotApplication, stop: asyncio.Event) -> None:
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(drop_pending_updates=False)
    log.info("bot @%s is running (long polling)", application.bot.username)
    try:
        await stop.wait()
    finally:
        log.info("stopping: finishing the updates in flight")
        if application.updater.running:
            await application.updater.stop()
        await application.stop()
