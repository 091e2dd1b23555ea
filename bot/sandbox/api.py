"""What every ``/v1`` endpoint does around its handler: auth, recording, test hooks, JSON.

Order per request: check ``Authorization: Bearer <key>`` (401), record it in ``state.requests``,
wait ``state.latency``, answer a ``fail_next`` failure if one matches (nothing is processed), run
the handler, then hold the answer for a matching ``hang_next`` (the write has landed).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.sandbox.errors import ApiError, error_response
from bot.sandbox.state import RecordedRequest, SandboxState

__all__ = ["Handler", "Sandbox", "endpoint", "sandbox_of"]

_INVALID_JSON = object()


@dataclass
class Sandbox:
    """Per-app settings the handlers need."""

    state: SandboxState
    api_key: str
    public_url: str = ""
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    def base_url(self, request: Request) -> str:
        """Where pages are served: ``public_url``, else this server's own address."""
        return (self.public_url or str(request.base_url)).rstrip("/")


# A handler gets the request, the sandbox and the parsed JSON body (None when empty); it returns
# the JSON answer. Handlers are synchronous on purpose: each runs without yielding, so every
# change to the state is atomic with respect to other requests.
Handler = Callable[[Request, Sandbox, Any], Any]


def sandbox_of(request: Request) -> Sandbox:
    """The :class:`Sandbox` of the app serving ``request``."""
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


def _authorized(request: Request, api_key: str) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return False
    return hmac.compare_digest(token.strip().encode(), api_key.encode())


async def _read_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return _INVALID_JSON


async def _hold(sandbox: Sandbox, seconds: float) -> None:
    # Waits on ``closing`` so a stopping server does not sit out a long hang.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(sandbox.closing.wait(), timeout=seconds)


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler into a Starlette endpoint (see the module docstring)."""

    async def run(request: Request) -> Response:
        sandbox = sandbox_of(request)
        if not _authorized(request, sandbox.api_key):
            return error_response(401, "Unauthorized: send Authorization: Bearer <API key>")
        state = sandbox.state
        path = request.url.path
        body = await _read_body(request)
        recorded = None if body is _INVALID_JSON else body
        query = dict(request.query_params)
        state.requests.append(RecordedRequest(request.method, path, query, recorded))
        if state.latency > 0:
            await asyncio.sleep(state.latency)
        status = state.take_failure(path)
        if status is not None:
            return error_response(status, "Simulated failure (sandbox fail_next)")
        response: Response
        try:
            if body is _INVALID_JSON:
                raise ApiError(400, "The request body is not valid JSON")
            response = JSONResponse(handler(request, sandbox, body))
        except ApiError as exc:
            response = error_response(exc.status_code, exc.message)
        hang = state.take_hang(path)
        if hang:
            await _hold(sandbox, hang)
        return response

    return run
