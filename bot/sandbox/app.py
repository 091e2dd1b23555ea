"""``create_app``: the sandbox's Starlette app (the ``/v1`` API, checkout and portal pages)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.sandbox import api_customers, api_invoices, api_payments, api_sessions, pages
from bot.sandbox.api import Sandbox
from bot.sandbox.errors import error_response
from bot.sandbox.state import SandboxState
from bot.sandbox.webhooks import WebhookSender

__all__ = ["create_app"]


async def _index(_request: Request) -> Response:
    return PlainTextResponse("Quentli sandbox: a local emulation of https://api.quentli.com/v1\n")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/v1"):
        message = f"Cannot {request.method} {request.url.path}"
        return error_response(exc.status_code, message, headers=exc.headers)
    return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)


def create_app(
    state: SandboxState, api_key: str, *, webhook_url: str | None = None, public_url: str = ""
) -> Starlette:
    """Build the sandbox app over ``state``.

    Args:
        state: the data and test hooks.
        api_key: the only accepted ``Authorization: Bearer`` token.
        webhook_url: where to POST webhook events (none are sent when unset).
        public_url: base of the checkout / portal URLs it hands out; default: its own address.

    The app replaces ``state.on_event``: one state feeds the webhooks of its latest app.
    """
    sender = WebhookSender(webhook_url) if webhook_url else None
    state.on_event = sender
    routes = [
        Route("/", _index, methods=["GET"]),
        *api_customers.routes(),
        *api_invoices.routes(),
        *api_payments.routes(),
        *api_sessions.routes(),
        *pages.routes(),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    app.state.sandbox = Sandbox(state=state, api_key=api_key, public_url=public_url.rstrip("/"))
    app.state.webhooks = sender
    return app
