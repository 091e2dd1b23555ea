"""A scripted Quentli behind ``httpx.MockTransport``: queued answers, every request kept."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from typing import Any

import httpx

API_KEY = "sk_test_Zq8rT3cret0123456789"
BASE_URL = "https://api.quentli.test"
FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> Any:
    """A JSON body copied from Quentli's docs (see fixtures/README.md)."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


class FakeQuentli:
    """Answers each request with the next queued reply; fails the test when none is left."""

    def __init__(self) -> None:
        self._replies: deque[httpx.Response | type[httpx.RequestError]] = deque()
        self.requests: list[httpx.Request] = []
        self.delays: list[float] = []  # the client's backoff sleeps, recorded instead of slept

    def reply(
        self,
        status: int = 200,
        body: Any = None,
        *,
        text: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Queue an answer: ``body`` as JSON (``None`` -> JSON ``null``) or raw ``text``."""
        if text is not None:
            self._replies.append(httpx.Response(status, text=text, headers=headers))
        else:
            self._replies.append(
                httpx.Response(status, content=json.dumps(body).encode(), headers=headers)
            )

    def fail(self, exc_type: type[httpx.RequestError]) -> None:
        """Queue a transport failure (e.g. ``httpx.ReadTimeout``)."""
        self._replies.append(exc_type)

    async def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert self._replies, f"unexpected request {request.method} {request.url}"
        reply = self._replies.popleft()
        if isinstance(reply, httpx.Response):
            return reply
        raise reply("simulated by the test", request=request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def sent(self, index: int = -1) -> tuple[str, str, str, Any]:
        """(method, path, query string, JSON body or None) of a request."""
        request = self.requests[index]
        body = json.loads(request.content) if request.content else None
        return request.method, request.url.path, request.url.query.decode(), body
