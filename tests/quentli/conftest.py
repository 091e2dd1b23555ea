from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.quentli import QuentliClient
from tests.quentli.fakequentli import API_KEY, BASE_URL, FakeQuentli


@pytest.fixture
def fake() -> FakeQuentli:
    return FakeQuentli()


@pytest.fixture
async def client(fake: FakeQuentli) -> AsyncIterator[QuentliClient]:
    http = httpx.AsyncClient(transport=httpx.MockTransport(fake.handler))
    quentli = QuentliClient(http, api_key=API_KEY, base_url=BASE_URL)
    quentli._sleep = fake.sleep
    async with quentli:
        yield quentli
