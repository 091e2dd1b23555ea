"""Timeouts and refused connections against real sockets on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.quentli import (
    CustomerInput,
    QuentliClient,
    QuentliConnectionError,
    QuentliTimeoutError,
)
from tests.quentli.fakequentli import API_KEY, FakeQuentli


class SilentServer:
    """Accepts connections, reads the request, never answers."""

    def __init__(self) -> None:
        self.requests: list[bytes] = []
        self._writers: list[asyncio.StreamWriter] = []
        self._server: asyncio.Server | None = None
        self.url = ""

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        head = await reader.readuntil(b"\r\n\r\n")
        self.requests.append(head)
        await reader.read()  # until the client gives up and closes

    async def __aenter__(self) -> SilentServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.close()
        await self._server.wait_closed()


@pytest.fixture
async def silent() -> AsyncIterator[SilentServer]:
    async with SilentServer() as server:
        yield server


async def test_mock_transport_read_timeout(fake: FakeQuentli, client: QuentliClient) -> None:
    for _ in range(4):
        fake.fail(httpx.ReadTimeout)
    with pytest.raises(QuentliTimeoutError) as caught:
        await client.get_payment_link("inv_1")
    assert caught.value.write_may_have_landed is False


async def test_a_silent_server_times_out_a_read(silent: SilentServer) -> None:
    async with QuentliClient.create(
        silent.url, API_KEY, read_timeout=0.2, max_read_retries=1, backoff_base=0
    ) as quentli:
        with pytest.raises(QuentliTimeoutError, match="ReadTimeout") as caught:
            await quentli.get_invoice("inv_1")
    assert caught.value.write_may_have_landed is False
    assert len(silent.requests) == 2  # tried, then retried once
    assert all(r.startswith(b"GET /v1/invoices/inv_1 HTTP/1.1") for r in silent.requests)


async def test_a_silent_server_times_out_a_write_once(silent: SilentServer) -> None:
    async with QuentliClient.create(silent.url, API_KEY, read_timeout=0.2) as quentli:
        with pytest.raises(QuentliTimeoutError) as caught:
            await quentli.create_customer(CustomerInput(name="Ana"))
    assert caught.value.write_may_have_landed is True
    assert len(silent.requests) == 1
    assert silent.requests[0].startswith(b"POST /v1/customers HTTP/1.1")


async def test_a_refused_connection_cannot_have_landed() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and is closed now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with QuentliClient.create(
        f"http://127.0.0.1:{port}", API_KEY, max_read_retries=0
    ) as quentli:
        with pytest.raises(QuentliConnectionError) as caught:
            await quentli.create_customer(CustomerInput(name="Ana"))
    assert caught.value.write_may_have_landed is False
