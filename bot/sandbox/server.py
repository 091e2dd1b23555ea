"""``SandboxServer``: the sandbox app served by uvicorn inside the current event loop."""

from __future__ import annotations

import asyncio
from types import TracebackType

from bot.sandbox.api import Sandbox
from bot.sandbox.app import create_app
from bot.sandbox.state import SandboxState
from bot.sandbox.webhooks import WebhookSender
from bot.web.server import EmbeddedServer

__all__ = ["SandboxServer"]


class SandboxServer(EmbeddedServer):
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
        super().__init__(
            create_app(state, api_key, webhook_url=webhook_url, public_url=public_url),
            host,
            port,
            label="sandbox server",
            task_name="quentli-sandbox",
            graceful_shutdown=2,
        )
        self.state = state
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
        if not self.started:
            raise RuntimeError("the sandbox server is not running")
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Start serving; returns once the socket is bound and accepting connections.

        Raises:
            RuntimeError: the server could not start (e.g. the port is taken).
        """
        if self.launched:
            raise RuntimeError("the sandbox server was already started")
        sandbox: Sandbox = self.app.state.sandbox
        sandbox.closing = asyncio.Event()
        await super().start()

    async def stop(self) -> None:
        """Stop serving: close connections, end pending hangs, deliver queued webhooks."""
        if not self.launched:
            return
        sandbox: Sandbox = self.app.state.sandbox
        sandbox.closing.set()
        try:
            await super().stop()
        finally:
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
