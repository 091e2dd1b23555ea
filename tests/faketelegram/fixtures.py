"""Pytest fixture: ``from tests.faketelegram.fixtures import fake_telegram`` in a conftest."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .server import FakeTelegram


@pytest_asyncio.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A started FakeTelegram for one test, stopped afterwards."""
    async with FakeTelegram() as fake:
        yield fake
