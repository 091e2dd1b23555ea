"""The bot under test: the real Application, the fake Telegram, and the sandbox over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.pacing import Pacing
from bot.runtime import BotRunner
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.faketelegram import FakeTelegram

API_KEY = "sk_test_0123456789abcdefghij"
BOT_TOKEN = "123456789:AAHtestTokenForTheFakeTelegram0123"
ADMIN_ID = 900_001
STAFF_ID = 900_002

#: Quentli's read timeout in tests (production: 20 s): long enough for a loaded machine.
READ_TIMEOUT = 2.0
#: The read timeout of `fast_bot`, for the tests that wait on timeouts.
SHORT_READ_TIMEOUT = 0.5

#: The bot's pacing in ordinary tests: the fake Telegram enforces no flood limit unless a test
#: asks, so the windows and intervals shrink about a hundredfold. Tests about pacing itself run
#: on production's ``Pacing()`` (the ``paced_bot`` fixture).
FAST = Pacing(
    overall_period=0.01,
    group_period=0.6,
    private_period=0.03,
    outbox_per_chat=0.05,
    outbox_idle_check=0.1,
    outbox_refresh=0.01,
    outbox_backoff=0.02,
    quentli_backoff=0.01,
    telegram_backoff=0.01,
)


def make_settings(
    tmp_path: Path, telegram: FakeTelegram, sandbox: SandboxServer | None, **overrides: Any
) -> Settings:
    """Settings pointing at the fakes; the database lives in the test's tmp_path."""
    values: dict[str, Any] = {
        "telegram_bot_token": telegram.token,
        "telegram_api_base_url": telegram.base_url,
        "quentli_api_key": API_KEY if sandbox is not None else None,
        "quentli_api_url": sandbox.url if sandbox is not None else "https://api.quentli.com",
        "bot_admin_ids": frozenset({ADMIN_ID}),
        "database_path": tmp_path / "bot.sqlite3",
        "quentli_read_timeout": READ_TIMEOUT,
        "http_port": 0,
        # Off unless a test turns them on: a start-up check must not depend on the hour.
        "reminder_days": (),
        "digest_hour": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class BotUnderTest:
    """A running bot and the two fakes around it, with restart for persistence tests."""

    settings: Settings
    telegram: FakeTelegram
    sandbox: SandboxServer
    state: SandboxState
    pacing: Pacing
    #: Run after every start (the first and each restart), e.g. to point the sandbox at the bot.
    on_start: Callable[[BotUnderTest], None] | None = None
    # The collections' clock (reminder window, summary hour); None: the real one.
    clock: Callable[[], datetime] | None = None
    runner: BotRunner = field(init=False)

    async def start(self) -> None:
        """Start the bot (a fresh Application over the same database file).

        In polling mode it is ready once its first long poll reached Telegram: a stop before
        that would cancel the poll while it connects, and PTB's last getUpdates on stop would
        then wait its pool timeout (1 s) for the connection the cancelled poll still holds.
        """
        polls = self.telegram.state.poll_generation
        if self.clock is None:
            self.runner = BotRunner(self.settings, pacing=self.pacing)
        else:
            self.runner = BotRunner(self.settings, pacing=self.pacing, clock=self.clock)
        await self.runner.start()
        if not self.settings.webhook_url:
            await self.telegram.wait_for(lambda: self.telegram.state.poll_generation > polls)
        if self.runner.menus is not None:  # set beside the updates: tests read them at once
            await self.runner.menus
        if self.on_start is not None:
            self.on_start(self)

    async def stop(self) -> None:
        """Stop the bot cleanly."""
        await self.runner.stop()

    async def restart(self) -> None:
        """Stop, then start again on the same database: what a deploy or a crash does."""
        await self.telegram.settle()
        await self.stop()
        await self.start()

    @property
    def services(self) -> Any:
        """The running services (what handlers reach)."""
        return self.runner.services

    @property
    def infra(self) -> Any:
        """What the services are built on (database, store repos, Quentli client, sandbox)."""
        return self.runner.infra

    def quentli_requests(self, method: str | None = None, path_prefix: str = "") -> list[Any]:
        """What Quentli received, optionally by method and path prefix."""
        return [
            r
            for r in self.state.requests
            if (method is None or r.method == method) and r.path.startswith(path_prefix)
        ]

    async def make_staff(self, user_id: int = STAFF_ID) -> None:
        """Add a staff member straight in the store (as /staff add would)."""
        await self.infra.repos.staff.add(user_id, ADMIN_ID, "command")


async def bot_under_test(
    tmp_path: Path,
    pacing: Pacing = FAST,
    on_start: Callable[[BotUnderTest], None] | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    **overrides: Any,
) -> AsyncIterator[BotUnderTest]:
    """Start fake Telegram, the sandbox (empty state) and the bot; stop all three after.

    ``overrides`` are settings; ``pacing`` the bot's (short ones unless a test is about them);
    ``on_start`` runs after each start of the bot; ``clock`` (optional) is the sandbox's and
    the collections' "now".
    """
    state = SandboxState(path=None, clock=clock)
    async with FakeTelegram(token=BOT_TOKEN) as telegram:
        sandbox = SandboxServer(state, API_KEY)
        await sandbox.start()
        try:
            settings = make_settings(tmp_path, telegram, sandbox, **overrides)
            bot = BotUnderTest(settings, telegram, sandbox, state, pacing, on_start, clock)
            await bot.start()
            try:
                yield bot
            finally:
                await bot.stop()
        finally:
            await sandbox.stop()
