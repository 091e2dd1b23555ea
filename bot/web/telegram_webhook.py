"""The Telegram webhook: updates POSTed by Telegram go on the Application's update queue.

Only in webhook mode (``WEBHOOK_URL`` set): the route is the path of ``WEBHOOK_URL`` (a reverse
proxy on 443 forwards it to ``HTTP_LISTEN:HTTP_PORT``). Telegram sends ``WEBHOOK_SECRET`` in the
``X-Telegram-Bot-Api-Secret-Token`` header with every update; anything without it gets 403, so
a stranger who learns the URL cannot inject updates.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

if TYPE_CHECKING:
    from bot.context import AppServices, BotApplication

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates are a few KB; refuse to buffer anything absurd.
MAX_BODY_BYTES = 1_000_000


def webhook_path(webhook_url: str) -> str:
    """The local path Telegram's POSTs arrive at: the path of WEBHOOK_URL ("/" when empty)."""
    return urlsplit(webhook_url).path or "/"


def telegram_routes(services: AppServices, application: BotApplication) -> list[Route]:
    """The webhook route in webhook mode; no route at all in polling mode."""
    settings = services.settings
    if not settings.webhook_url or settings.webhook_secret is None:
        return []
    secret = settings.webhook_secret.get_secret_value().encode()

    async def receive_update(request: Request) -> Response:
        """Check the secret, parse the update, queue it for PTB and answer 200 at once."""
        given = request.headers.get(SECRET_HEADER, "").encode("latin-1", errors="replace")
        if not hmac.compare_digest(given, secret):
            log.warning("telegram webhook: a POST without the right secret was refused")
            return PlainTextResponse("Forbidden", status_code=403)
        if not application.running:
            # Shutting down: Telegram keeps the update and retries it after the restart.
            return PlainTextResponse("Service Unavailable", status_code=503)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return PlainTextResponse("Payload Too Large", status_code=413)
        update = _parse_update(body, application)
        if update is None:
            log.warning("telegram webhook: a body that is not an update was refused")
            return PlainTextResponse("Bad Request", status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    return [Route(webhook_path(settings.webhook_url), receive_update, methods=["POST"])]


def _parse_update(body: bytes, application: BotApplication) -> Update | None:
    try:
        data: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    try:
        return Update.de_json(data, application.bot)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
