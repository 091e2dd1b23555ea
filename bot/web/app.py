"""The bot's own web app (Starlette), served by uvicorn inside the bot's event loop.

Routes come from route providers, each ``(services, application) -> list[BaseRoute]``; add a
provider to ``ROUTE_PROVIDERS`` to add routes (Quentli webhooks here; the Telegram webhook joins
the same way). /healthz probes the infrastructure itself, so it is given that. Access logs are
off: some paths hold secrets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from bot.web.health import health_routes
from bot.web.quentli_webhook import quentli_routes
from bot.web.server import EmbeddedServer
from bot.web.telegram_webhook import telegram_routes

if TYPE_CHECKING:
    from bot.context import AppServices, BotApplication
    from bot.runtime import Infrastructure

RouteProvider = Callable[["AppServices", "BotApplication"], Sequence[BaseRoute]]

ROUTE_PROVIDERS: tuple[RouteProvider, ...] = (quentli_routes, telegram_routes)


def create_web_app(
    services: AppServices,
    application: BotApplication,
    infra: Infrastructure,
    providers: Sequence[RouteProvider] = ROUTE_PROVIDERS,
) -> Starlette:
    """The Starlette app with the routes of every provider, and /healthz."""
    routes: list[BaseRoute] = []
    for provider in providers:
        routes.extend(provider(services, application))
    routes.extend(health_routes(services.settings, infra.db, infra.quentli))
    return Starlette(routes=routes)


class WebServer(EmbeddedServer):
    """Serve ``app`` on ``host:port`` (port 0: a free one) as a task of the running loop."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        super().__init__(
            app, host, port, label="web server", task_name="bot-web", graceful_shutdown=3
        )

    @property
    def url(self) -> str:
        """``http://host:port`` (a wildcard listen address reads as 127.0.0.1)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "", "::") else self.host  # noqa: S104
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"
