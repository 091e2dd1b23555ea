"""Opening what the bot needs (database, Quentli or its sandbox), running it, and closing it.

Two bundles: the :class:`Infrastructure` (database, repositories, Quentli client, sandbox),
kept here and given only to what is not a handler (PTB persistence, /healthz, start-up), and
the services built over it (:class:`~bot.context.AppServices`), which handlers reach.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.background import finish_or_cancel
from bot.config import Settings
from bot.context import AppServices, BotApplication
from bot.handlers.ui.notices import TelegramNotices
from bot.pacing import Pacing
from bot.quentli import QuentliClient
from bot.services.billing import BillingService
from bot.services.bulk import BulkService
from bot.services.checkout_lookup import CheckoutLookup
from bot.services.customers import CustomerResolver
from bot.services.languages import LanguagePrefs
from bot.services.linking import LinkingService
from bot.services.notifications import Notifier
from bot.services.office import Office
from bot.services.parents import ParentService
from bot.services.payment_events import PaymentEvents
from bot.services.people import PeopleService
from bot.services.proofs import ProofService
from bot.services.receipts import Receipts
from bot.services.reminders import ReminderService
from bot.services.reports import ReportService
from bot.services.roles import Roles
from bot.services.shop import ShopService
from bot.services.staff import StaffService
from bot.store import Database, LinkRepo, Repositories, utc_now
from bot.store.bulk import BulkRepo
from bot.store.office import OfficeRepo
from bot.store.proofs import ProofRepo
from bot.store.reminders import ReminderRepo
from bot.store.shop import ShopRepo
from bot.texts import pick_language

Clock = Callable[[], datetime]

if TYPE_CHECKING:
    from bot.sandbox.server import SandboxServer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Infrastructure:
    """What the services are built on; handlers never reach it."""

    db: Database
    repos: Repositories
    quentli: QuentliClient
    # The in-process Quentli sandbox in sandbox mode (no QUENTLI_API_KEY), else None.
    sandbox: SandboxServer | None = None


@asynccontextmanager
async def open_infrastructure(
    settings: Settings, pacing: Pacing | None = None
) -> AsyncIterator[Infrastructure]:
    """Open the database and Quentli (the in-process sandbox when no key is set)."""
    async with AsyncExitStack() as stack:
        db = await Database.open(settings.database_path)
        stack.push_async_callback(db.close)
        repos = Repositories.build(db)
        sandbox = None
        if settings.quentli_api_key is None:
            sandbox, api_key = await _start_sandbox(settings, stack)
            api_url = sandbox.url
        else:
            api_url, api_key = (
                settings.quentli_api_url,
                settings.quentli_api_key.get_secret_value(),
            )
        quentli = QuentliClient.create(
            api_url,
            api_key,
            connect_timeout=settings.quentli_connect_timeout,
            read_timeout=settings.quentli_read_timeout,
            backoff_base=(pacing or Pacing()).quentli_backoff,
        )
        await stack.enter_async_context(quentli)
        yield Infrastructure(db=db, repos=repos, quentli=quentli, sandbox=sandbox)


def build_services(
    settings: Settings, infra: Infrastructure, *, clock: Clock = utc_now
) -> AppServices:
    """The services over opened infrastructure; notices are put in words by the Telegram layer.

    ``clock`` is the collections' "now" (reminder windows, the summary's hour); tests move it.
    """
    repos, quentli = infra.repos, infra.quentli
    # SPEC rule 9: one rule for replies and pushed messages alike (bot.texts.pick_language)
    languages = LanguagePrefs(
        repos.prefs, repos.people, default=settings.bot_language, pick=pick_language
    )
    notifier = Notifier(
        repos, settings.bot_language, settings.tz, renderer=TelegramNotices(), languages=languages
    )
    # SCHOOL_NAME, else (sandbox mode) the demo school's
    school = settings.school_name
    if school is None and infra.sandbox is not None:
        school = infra.sandbox.state.organization.get("name")
    receipts = Receipts(notifier, school)
    reminders, reports = _collections(
        settings, infra.db, repos.links, quentli, notifier, clock, school
    )
    office = Office(notifier, _office_chats(settings), sorted(settings.bot_admin_ids))
    billing = BillingService(
        quentli, repos, settings.tz, notifier=notifier, receipts=receipts, office=office
    )
    parents = ParentService(quentli, repos)
    return AppServices(
        settings=settings,
        roles=Roles(repos.staff, repos.links, settings.bot_admin_ids),
        languages=languages,
        resolver=CustomerResolver(quentli),
        linking=LinkingService(repos, quentli),
        checkout_lookup=CheckoutLookup(quentli),
        staff=StaffService(repos),
        billing=billing,
        notifier=notifier,
        parents=parents,
        payment_events=PaymentEvents(
            quentli,
            repos,
            notifier,
            webhook_secret=_quentli_webhook_secret(settings),
            admin_ids=settings.bot_admin_ids,
            receipts=receipts,
            office=office,
        ),
        reminders=reminders,
        reports=reports,
        shop=ShopService(quentli, repos, ShopRepo(infra.db), notifier=notifier, tz=settings.tz),
        school_name=school,
        people=PeopleService(repos.people, notifier),
        office=office,
        proofs=ProofService(ProofRepo(infra.db), parents, billing, notifier, settings.tz),
        bulk=BulkService(
            quentli,
            repos,
            BulkRepo(infra.db),
            CustomerResolver(quentli),
            settings.tz,
            lambda: clock().astimezone(settings.tz).date(),
        ),
    )


def _collections(
    settings: Settings,
    db: Database,
    links: LinkRepo,
    quentli: QuentliClient,
    notifier: Notifier,
    clock: Clock,
    school: str | None,
) -> tuple[ReminderService, ReportService]:
    """The reminders and the office's reports, each with the notices that render them."""
    from bot.handlers.ui.collection_notices import OfficeNotices, ReminderNotices

    reminders = ReminderService(
        quentli,
        ReminderRepo(db),
        links,
        ReminderNotices(notifier, school),
        days=settings.reminder_days,
        window=settings.reminder_window,
        tz=settings.tz,
        now=clock,
    )
    reports = ReportService(
        quentli,
        OfficeRepo(db),
        OfficeNotices(notifier, school),
        tz=settings.tz,
        digest_hour=settings.digest_hour,
        office_chats=_office_chats(settings),
        now=clock,
    )
    return reminders, reports


def _office_chats(settings: Settings) -> list[int]:
    """STAFF_CHAT_ID, else each admin's private chat."""
    if settings.staff_chat_id is not None:
        return [settings.staff_chat_id]
    return sorted(settings.bot_admin_ids)


def _quentli_webhook_secret(settings: Settings) -> str | None:
    """QUENTLI_WEBHOOK_SECRET; in sandbox mode a generated one (the sandbox posts to the bot)."""
    if settings.quentli_webhook_secret is not None:
        return settings.quentli_webhook_secret.get_secret_value()
    return secrets.token_urlsafe(24) if settings.sandbox_mode else None


def _sandbox_webhooks_to(sandbox: SandboxServer, url: str) -> None:
    """Point the running in-process sandbox's webhooks at the bot's receiver."""
    from bot.sandbox.webhooks import WebhookSender

    sender = WebhookSender(url)
    sandbox.state.on_event = sender
    sandbox.app.state.webhooks = sender  # drained when the sandbox stops


async def _start_sandbox(settings: Settings, stack: AsyncExitStack) -> tuple[SandboxServer, str]:
    """Start the Quentli sandbox on a loopback port, its state kept beside the database."""
    from bot.sandbox.server import SandboxServer
    from bot.sandbox.state import SandboxState, seed_demo

    state = SandboxState(path=settings.sandbox_state_path)
    seed_demo(state)
    api_key = "sk_sandbox_" + secrets.token_urlsafe(18)
    # Checkout links hold the sandbox's port: reuse the last one so links handed out before a
    # restart keep working; take any free port when it is busy.
    port_file = settings.sandbox_state_path.with_suffix(".port")
    try:
        server = SandboxServer(state, api_key, port=int(port_file.read_text()))
        await server.start()
    except (OSError, ValueError, RuntimeError):
        server = SandboxServer(state, api_key)
        await server.start()
    port_file.write_text(str(server.port))
    stack.push_async_callback(server.stop)
    log.info("sandbox mode: the Quentli sandbox serves at %s", server.url)
    return server, api_key


class WebhookSetupError(RuntimeError):
    """Telegram refused WEBHOOK_URL (a configuration problem: exit code 2)."""


class BotRunner:
    """Starts and stops the whole bot in the running event loop (used by `run` and the tests).

    ``pacing`` holds the real-time waits (flood windows, outbox intervals, Quentli backoff):
    production's by default; the tests pass shorter ones. ``clock`` is the collections' "now".
    """

    def __init__(
        self, settings: Settings, *, pacing: Pacing | None = None, clock: Clock = utc_now
    ) -> None:
        self.settings = settings
        self.pacing = pacing or Pacing()
        self.clock = clock
        self._stack: AsyncExitStack | None = None
        self.infra: Infrastructure | None = None
        self.services: AppServices | None = None
        self.application: BotApplication | None = None
        self.web_url: str | None = None
        self.outbox: Any = None  # the OutboxWorker while running
        # Setting the menus, started once updates are received (tests wait for it).
        self.menus: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Open the infrastructure and build the services, then initialise and start the
        Application and polling."""
        from bot.app import build_application, set_menus

        stack = AsyncExitStack()
        try:
            self.infra = await stack.enter_async_context(
                open_infrastructure(self.settings, self.pacing)
            )
            self.services = build_services(self.settings, self.infra, clock=self.clock)
            application = build_application(self.settings, self.services, self.infra, self.pacing)
            await application.initialize()
            stack.push_async_callback(application.shutdown)
            self.application = application
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
            stack.push_async_callback(self._stop_application)
            await self._start_outbox(application, stack)
            if self.settings.webhook_url:  # Telegram posts to the web app: listen first
                await self._start_web(application, stack)
                await self._receive_updates(application)
            else:  # polling first: the web app (health, Quentli's webhooks) can be a moment late
                await self._receive_updates(application)
                await self._start_web(application, stack)
            self.menus = asyncio.create_task(set_menus(application), name="menus")
            stack.push_async_callback(finish_or_cancel, [self.menus], 0.0)
        except BaseException:
            await stack.aclose()
            raise
        self._stack = stack
        mode = "webhook" if self.settings.webhook_url else "long polling"
        log.info("bot @%s is running (%s)", application.bot.username, mode)

    async def _receive_updates(self, application: BotApplication) -> None:
        """Start polling, or (WEBHOOK_URL set) register the webhook with Telegram.

        In webhook mode bot/web/telegram_webhook.py puts each POSTed update on the update queue,
        which the started Application processes; the web app is already listening.
        """
        from telegram import Update
        from telegram.error import BadRequest

        settings = self.settings
        if not settings.webhook_url:
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            return
        assert settings.webhook_secret is not None  # Settings refuses a webhook without it
        try:
            # Pending updates are kept: Telegram holds them while the bot restarts.
            await application.bot.set_webhook(
                url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
        except BadRequest as exc:
            raise WebhookSetupError(f"Telegram refused WEBHOOK_URL: {exc.message}") from exc

    async def _start_outbox(self, application: BotApplication, stack: AsyncExitStack) -> None:
        """The outbox worker and the jobs (payments poller, collections).

        Stopped in reverse, after the web app (no new events): the events in flight, then the
        worker (unsent rows stay queued for the next start).
        """
        from bot.ptb.collections_jobs import schedule_collections
        from bot.ptb.jobs import schedule_payment_poll
        from bot.ptb.outbox import OutboxWorker

        services, infra = self.services, self.infra
        assert services is not None and infra is not None
        worker = OutboxWorker(
            application.bot,
            infra.repos,
            notifier=services.notifier,
            pacing=self.pacing,
            office=services.office,
        )
        worker.start()
        stack.push_async_callback(worker.stop)
        self.outbox = worker
        stack.push_async_callback(services.payment_events.drain)
        stack.push_async_callback(services.bulk.stop)  # batches resume at the next start
        schedule_payment_poll(application, self.settings.quentli_poll_interval)
        schedule_collections(application)

    async def _start_web(self, application: BotApplication, stack: AsyncExitStack) -> None:
        """The web app (Quentli webhooks, Telegram's in webhook mode, /healthz); stopped first."""
        from bot.web.app import WebServer, create_web_app
        from bot.web.quentli_webhook import quentli_webhook_url

        services, infra = self.services, self.infra
        assert services is not None and infra is not None
        events = services.payment_events
        web = WebServer(
            create_web_app(services, application, infra),
            self.settings.http_listen,
            self.settings.http_port,
        )
        await web.start()
        stack.push_async_callback(web.stop)
        self.web_url = web.url
        log.info("the web app listens on %s", web.url)
        if infra.sandbox is not None and events.webhook_secret:
            _sandbox_webhooks_to(
                infra.sandbox, quentli_webhook_url(web.url, events.webhook_secret)
            )

    async def _stop_application(self) -> None:
        application = self.application
        assert application is not None
        log.info("stopping: finishing the updates in flight")
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()

    async def stop(self) -> None:
        """Stop polling, let updates in flight finish, then close everything, in that order."""
        if self._stack is not None:
            stack, self._stack = self._stack, None
            await stack.aclose()


async def run(settings: Settings) -> None:
    """Run until SIGINT or SIGTERM, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = BotRunner(settings)
    await runner.start()
    try:
        await stop.wait()
    finally:
        await runner.stop()
