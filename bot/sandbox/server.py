"""``SandboxServer``: the sandbox app served by uvicorn inside the current event loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from types import TracebackType

import uvicorn

from bot.sandbox.api import Sandbox
from bot.sandbox.app import create_app
from bot.sandbox.state import SandboxState
from bot.sandbox.webhooks import WebhookSender

__all__ = ["SandboxServer"]


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handlers (the embedding program owns SIGINT/SIGTERM), and
    with a main loop that wakes at once on ``exit()`` instead of polling every 0.1 s."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._exit = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def main_loop(self) -> None:
        # on_tick(0) refreshes the Date header and reports whether to exit.
        while not await self.on_tick(0):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._exit.wait(), timeout=1.0)

    def exit(self) -> None:
        """Ask the server to shut down."""
        self.should_exit = True
        self._exit.set()


class SandboxServer:
    """Serve the sandbox on ``host:port`` (port 0: a free port) as a task of the running loop.

    Use ``async with SandboxServer(state, key) as server:`` or ``await start()`` /
    ``await stop()``; ``url`` (e.g. ``http://127.0.0.1:54321``) is known once started.
    """

    def __init__(
        self,
        state: SandboxState,
        api_key: str,
        host: str = "127.0.0.1",
        port: int = 0,
        webhook_url: str | None = None,
        *,
        public_url: str = "",
    ) -> None:
        self.state = state
        self.host = host
        self.port = port
        self.app = create_app(state, api_key, webhook_url=webhook_url, public_url=public_url)
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None
        self._retired: list[WebhookSender] = []

    def set_webhook_url(self, url: str | None) -> None:
        """Send webhooks to ``url`` from now on (None: stop sending).

        For a receiver that only knows its address after the sandbox started.
        """
        sender = WebhookSender(url) if url else None
        previous: WebhookSender | None = self.app.state.webhooks
        if previous is not None:
            self._retired.append(previous)
        self.state.on_event = sender
        self.app.state.webhooks = sender

    @property
    def url(self) -> str:
        """The server's base URL (``http://host:port``)."""
        if self._server is None or not self._server.started:
            raise RuntimeError("the sandbox server is not running")
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Start serving; returns once the socket is bound and accepting connections.

        Raises:
            RuntimeError: the server could not start (e.g. the port is taken).
        """
        if self._task is not None:
            raise RuntimeError("the sandbox server was already started")
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=2,
        )
        server = _EmbeddedServer(config)
        self._server = server
        sandbox: Sandbox = self.app.state.sandbox
        sandbox.closing = asyncio.Event()
        self._task = asyncio.create_task(self._serve(server), name="quentli-sandbox")
        while not server.started:
            if self._task.done():
                self._task.result()  # raises the start-up error
                raise RuntimeError("the sandbox server stopped while starting")
            await asyncio.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]

    async def _serve(self, server: uvicorn.Server) -> None:
        try:
            await server.serve()
        except SystemExit:  # uvicorn exits the process when it cannot bind; we must not
            raise RuntimeError(
                f"the sandbox could not listen on {self.host}:{self.port}"
            ) from None

    async def stop(self) -> None:
        """Stop serving: close connections, end pending hangs, deliver queued webhooks."""
        if self._server is None or self._task is None:
            return
        sandbox: Sandbox = self.app.state.sandbox
        sandbox.closing.set()
        self._server.exit()
        try:
            await self._task
        finally:
            self._task = None
            self._server = None
            current: WebhookSender | None = self.app.state.webhooks
            for sender in [*self._retired, *([current] if current else [])]:
                await sender.drain()
            self._retired.clear()

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
