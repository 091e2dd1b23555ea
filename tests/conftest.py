"""Shared fixtures: `bot` is the real Application running against fake Telegram and the sandbox."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.harness import BotUnderTest, bot_under_test

# PTB 22 warns on every RetryAfter unless durations are timedeltas; warnings are errors here, and
# the bot processes started by tests inherit this too.
os.environ["PTB_TIMEDELTA"] = "1"


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot; its sandbox starts empty (tests add the customers they need)."""
    async for running in bot_under_test(tmp_path):
        yield running


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
