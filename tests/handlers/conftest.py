"""A bot whose Quentli read timeout is short, for the tests where Quentli hangs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness import BotUnderTest, bot_under_test

#: Quentli read timeout of `fast_bot`; a hang longer than this is a timeout.
READ_TIMEOUT = 0.5


@pytest.fixture
async def fast_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """Like `bot`, with a 0.5 s Quentli read timeout."""
    async for running in bot_under_test(tmp_path, quentli_read_timeout=READ_TIMEOUT):
        yield running
