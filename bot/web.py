"""The bot's own web app (Starlette), served by uvicorn inside the bot's event loop.

Routes come from route providers, each ``(services, application) -> list[BaseRoute]``; add a
provider to ``ROUTE_PROVIDERS`` to add routes (Quentli webhooks here; the Telegram webhook and
/healthz join the same way). Access logs are off: some paths hold secrets.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import uvicorn
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from bot.health import health_routes
from bot.webhooks_quentli import quentli_routes
from bot.webhooks_telegram import telegram_routes

if TYPE_CHECKING:
    from bot.context import AppServices, BotApplication

RouteProvider = Callable[["AppServices", "BotApplication"], Sequence[BaseRoute]]

ROUTE_PROVIDERS: tuple[RouteProvider, ...] = (quentli_routes, telegram_routes, health_routes)


def create_web_app(
    services: AppServices,
    application: BotApplication,
    providers: Sequence[RouteProvider] = ROUTE_PROVIDERS,
) -> Starlette:
    """The Starlette app with the routes of every provider."""
    routes: list[BaseRoute] = []
    for provider in providers:
        routes.extend(provider(services, application))
    return Starlette(routes=routes)


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handlers: the bot owns SIGINT/SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebServer:
    """Serve ``app`` on ``host:port`` (port 0: a free one) as a task of the running loop."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._server: _EmbeddedServer | None = None
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """``http://host:port`` (a wildcard listen address reads as 127.0.0.1)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host  # noqa: S104
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Start serving; returns once the socket accepts connections.

        Raises:
            RuntimeError: the server could not listen (e.g. the port is taken).
        """
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            ws="none",
            timeout_graceful_shutdown=3,
        )
        server = _EmbeddedServer(config)
        self._server = server
        self._task = asyncio.create_task(self._serve(server), name="bot-web")
        while not server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the web server stopped while starting")
            await asyncio.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]

    async def _serve(self, server: uvicorn.Server) -> None:
        try:
            await server.serve()
        except SystemExit:  # uvicorn exits the process when it cannot bind
            raise RuntimeError(
                f"the web server could not listen on {self.host}:{self.port}"
            ) from None

    async def stop(self) -> None:
        """Stop serving (requests in flight get a few seconds to finish)."""
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        try:
            await self._task
        finally:
            self._task = None
            self._server = None
