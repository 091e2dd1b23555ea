"""Quentli's webhooks: ``POST /quentli/webhook/{secret}`` (the poller behind them: bot.ptb.jobs).

The secret path segment is compared in constant time; a wrong one (or any while
``QUENTLI_WEBHOOK_SECRET`` is unset) gets the same 404 as an unknown path. A good event is
stored in SQLite (its ``eventId`` takes effect once) and answered 200 at once; confirming it
with Quentli and notifying happen in the background (``PaymentEvents``). An event whose handling
fails stays stored unprocessed and the poller job retries it, since Quentli does not redeliver
after a 200; if it cannot even be stored, the answer is 5xx and Quentli redelivers. The path holds
the secret: it is never logged.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.services.payment_events import parse_event

if TYPE_CHECKING:
    from bot.context import AppServices, BotApplication

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/quentli/webhook"
MAX_BODY_BYTES = 1_000_000


def quentli_webhook_url(base_url: str, secret: str) -> str:
    """Where Quentli (or the in-process sandbox) posts events. A credential: never log it."""
    return f"{base_url.rstrip('/')}{WEBHOOK_PATH}/{secret}"


def quentli_routes(services: AppServices, application: BotApplication) -> list[Route]:
    """The Quentli webhook receiver (always routed; 404 while no secret is set)."""
    events = services.payment_events

    async def receive(request: Request) -> Response:
        """Check the secret, store the event, answer 200; the work happens after."""
        if not events.secret_matches(request.path_params["secret"]):
            return PlainTextResponse("Not Found", status_code=404)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return PlainTextResponse("Payload Too Large", status_code=413)
        try:
            event = parse_event(json.loads(body))
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: a body nested thousands deep ("[[[[…"), which json cannot read.
            event = None
        if event is None:
            log.warning("Quentli webhook: a body that is not an event was refused")
            return PlainTextResponse("Bad Request", status_code=400)
        try:
            handling = await events.receive(event)
        except Exception:
            # Not stored: a non-2xx answer makes Quentli deliver it again later.
            log.exception("Quentli webhook %s: could not be stored", event.event_type)
            return PlainTextResponse("Service Unavailable", status_code=503)
        if not handling:
            log.info(
                "Quentli webhook %s %s: already seen or not handled",
                event.event_type,
                event.event_id,
            )
        return JSONResponse({"ok": True})

    return [Route(WEBHOOK_PATH + "/{secret}", receive, methods=["POST"])]
