"""Fixtures: a running SandboxServer, an authenticated httpx client, a webhook receiver."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.sandbox import SandboxServer, SandboxState

API_KEY = "sk_test_sandbox_key"


@pytest.fixture
def state() -> SandboxState:
    return SandboxState()


@pytest.fixture
async def server(state: SandboxState) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(state, API_KEY) as running:
        yield running


@pytest.fixture
async def api(server: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"Authorization": f"Bearer {API_KEY}"}
    async with httpx.AsyncClient(base_url=server.url, headers=headers) as client:
        yield client


@pytest.fixture
def customer(state: SandboxState) -> dict[str, Any]:
    return state.add_customer(
        "Sofía García López", "A-1029", phone_number="+525512345678", email="sofia@example.com"
    )


@pytest.fixture
def invoice(state: SandboxState, customer: dict[str, Any]) -> dict[str, Any]:
    return state.add_invoice(customer["id"], 150000, "Colegiatura Marzo", date(2025, 3, 1))


def inv_input(customer_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid create-invoice body."""
    body: dict[str, Any] = {
        "customerId": customer_id,
        "dueDate": "2025-06-01T06:00:00.000Z",
        "items": [
            {"concept": {"displayName": "Colegiatura Junio", "amount": 150000, "currency": "MXN"}}
        ],
    }
    body.update(overrides)
    return {"input": body}


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebhookReceiver:
    """A tiny Starlette app on its own free port that stores every JSON body posted to it."""

    def __init__(self, status: int = 200) -> None:
        self.events: list[dict[str, Any]] = []
        self.status = status
        self._changed = asyncio.Event()
        app = Starlette(routes=[Route("/hooks/secret", self._receive, methods=["POST"])])
        config = uvicorn.Config(app, port=0, log_level="warning", lifespan="off", ws="none")
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None
        self.url = ""

    async def _receive(self, request: Request) -> JSONResponse:
        self.events.append(await request.json())
        self._changed.set()
        return JSONResponse({"ok": True}, status_code=self.status)

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            await asyncio.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/hooks/secret"

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            await self._task

    async def wait_for(self, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until ``count`` events arrived; return them."""
        async with asyncio.timeout(timeout):
            while len(self.events) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.events


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    hooks = WebhookReceiver()
    await hooks.start()
    yield hooks
    await hooks.stop()
