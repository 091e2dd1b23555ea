"""Fixtures for the going-live tests: a clean environment, a closed port, a webhook-mode bot."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.faketelegram import FakeTelegram
from tests.harness import API_KEY, BOT_TOKEN, BotUnderTest, bot_under_test

TOKEN = BOT_TOKEN
WEBHOOK_URL = "https://bot.example.com/telegram/webhook"
WEBHOOK_SECRET = "whsec_0123456789-abcdef"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No bot variable in the environment and no `.env` in the working directory."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
async def webhook_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot in webhook mode (Telegram's updates come by POST, not getUpdates)."""
    async for running in bot_under_test(
        tmp_path, webhook_url=WEBHOOK_URL, webhook_secret=WEBHOOK_SECRET
    ):
        yield running


@pytest.fixture
async def polling_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot in polling mode."""
    async for running in bot_under_test(tmp_path):
        yield running


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """A fake Telegram alone (no bot), with a token of the real shape."""
    async with FakeTelegram(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    """The Quentli sandbox alone, empty, answering to tests/harness.py's API_KEY."""
    server = SandboxServer(SandboxState(path=None), API_KEY)
    await server.start()
    yield server
    await server.stop()
