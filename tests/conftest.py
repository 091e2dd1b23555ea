"""Shared fixtures: `bot` is the real Application running against fake Telegram and the sandbox."""

from __future__ import annotations

import functools
import logging
import ssl
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.pacing import Pacing
from tests.harness import SHORT_READ_TIMEOUT, BotUnderTest, bot_under_test


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot; its sandbox starts empty (tests add the customers they need)."""
    async for running in bot_under_test(tmp_path):
        yield running


@pytest.fixture
async def fast_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """Like `bot`, with a short Quentli read timeout: for the tests where Quentli hangs."""
    async for running in bot_under_test(tmp_path, quentli_read_timeout=SHORT_READ_TIMEOUT):
        yield running


@pytest.fixture
async def paced_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """Like `bot`, paced as in production: for the tests about Telegram's limits themselves."""
    async for running in bot_under_test(tmp_path, pacing=Pacing()):
        yield running


@pytest.fixture(scope="session", autouse=True)
def _one_tls_context() -> Iterator[None]:
    """One TLS context for the whole session instead of one per HTTP client.

    Every httpx client loads certifi's CA bundle into a new context (~40 ms of CPU; a bot start
    makes four clients) although the tests speak plain HTTP to loopback only.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ssl, "create_default_context", functools.cache(ssl.create_default_context))
        yield


@pytest.fixture(autouse=True)
def _restore_logging() -> object:
    """configure_logging() changes global logger levels and handlers: undo it after each test."""
    names = ["", "telegram", "aiosqlite", "httpcore", "hpack", "httpx", "apscheduler"]
    levels = {name: logging.getLogger(name).level for name in names}
    handlers = list(logging.getLogger().handlers)
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.getLogger().handlers[:] = handlers
