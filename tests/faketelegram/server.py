"""FakeTelegram: a strict fake Bot API server (uvicorn in the current event loop) + harness."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Generator
from types import TracebackType
from typing import Any

import uvicorn

from .api_updates import WebhookDeliverer, cancel_quietly
from .harness import Harness
from .routes import build_app
from .state import TelegramState


class _InLoopServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.exit_event = asyncio.Event()

    # The test process owns signal handling; uvicorn must not replace SIGINT/SIGTERM handlers.
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield

    async def main_loop(self) -> None:
        # uvicorn's loop polls should_exit every 0.1 s; waking on an event makes stop() prompt.
        await self.on_tick(0)
        await self.exit_event.wait()


class FakeTelegram(Harness):
    """Serves ``/bot<token>/<method>`` on 127.0.0.1; use as ``async with FakeTelegram() as fake``.

    Point PTB at it with ``ApplicationBuilder().base_url(fake.base_url)`` or a bot subprocess
    with ``TELEGRAM_API_BASE_URL=fake.base_url``.
    """

    def __init__(
        self,
        token: str = "123456:TEST-token",  # noqa: S107 - a fake token for tests
        bot_username: str = "quentli_test_bot",
        *,
        enforce_rate_limits: bool = False,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.state = TelegramState(token, bot_username)
        self.state.enforce_rate_limits = enforce_rate_limits
        self._host = host
        self._port = port
        self._server: _InLoopServer | None = None
        self._serve_task: asyncio.Task[None] | None = None
        self._deliverer: WebhookDeliverer | None = None
        self._deliver_task: asyncio.Task[None] | None = None

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.state.bot_user

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: PTB appends the token and the method."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    async def start(self) -> None:
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on such sockets; without it every
        # answer waits ~40 ms for a delayed ACK (Nagle), which real Telegram does not add.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind((self._host, self._port))
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(
            build_app(self.state),
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self._server = _InLoopServer(config)
        self._serve_task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._serve_task.done():
                self._serve_task.result()
                raise RuntimeError("FakeTelegram failed to start")
            await asyncio.sleep(0.005)
        self._deliverer = WebhookDeliverer(self.state)
        self._deliver_task = asyncio.create_task(self._deliverer.run())

    async def stop(self) -> None:
        """Answer pending long polls at once, stop webhook delivery, shut the server down."""
        self.state.closing = True
        self.state.notify()
        await cancel_quietly(self._deliver_task)
        if self._deliverer is not None:
            await self._deliverer.aclose()
            self._deliverer = None
        if self._server is not None and self._serve_task is not None:
            self._server.should_exit = True
            self._server.exit_event.set()
            await self._serve_task
        self._server = None
        self._serve_task = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
