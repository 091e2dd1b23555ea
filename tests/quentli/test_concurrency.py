"""A burst of calls: at most MAX_CONCURRENT_CALLS in flight, the others served in arrival order."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from bot.quentli import QuentliClient, QuentliError
from bot.quentli.client import MAX_CONCURRENT_CALLS
from tests.quentli.fakequentli import API_KEY, BASE_URL


async def test_a_burst_waits_its_turn_in_arrival_order() -> None:
    in_flight = peak = 0
    served: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        served.append(request.url.path.rsplit("/", 1)[1])
        return httpx.Response(404, json={"message": "not found"})

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with QuentliClient(http, api_key=API_KEY, base_url=BASE_URL) as client:
        names = [f"inv_{n:03d}" for n in range(3 * MAX_CONCURRENT_CALLS)]
        results = await asyncio.gather(
            *(client.get_invoice(name) for name in names), return_exceptions=True
        )
    assert all(isinstance(r, QuentliError) for r in results)
    assert peak == MAX_CONCURRENT_CALLS
    # the first calls made are the first answered: a burst serves its head first
    assert set(served[:MAX_CONCURRENT_CALLS]) == set(names[:MAX_CONCURRENT_CALLS])


async def test_no_slot_within_the_pool_timeout_is_a_transport_error() -> None:
    release = asyncio.Event()

    async def handler(_request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(404, json={"message": "not found"})

    http = httpx.AsyncClient(
        transport=httpx.MockTransport(handler), timeout=httpx.Timeout(5.0, pool=0.05)
    )
    async with QuentliClient(
        http, api_key=API_KEY, base_url=BASE_URL, max_read_retries=0
    ) as client:
        held = [
            asyncio.create_task(client.get_invoice(f"inv_{n}"))
            for n in range(MAX_CONCURRENT_CALLS)
        ]
        await asyncio.sleep(0.01)
        with pytest.raises(QuentliError):
            await client.get_invoice("inv_late")
        release.set()
        await asyncio.gather(*held, return_exceptions=True)
