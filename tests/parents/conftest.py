"""Fixtures for the parents' features: a bot whose Quentli sandbox posts webhooks to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.webhooks import WebhookSender
from bot.web.quentli_webhook import quentli_webhook_url
from tests.harness import BotUnderTest, bot_under_test

WEBHOOK_SECRET = "whsec_test_0123456789"


def point_sandbox_webhooks(bot: BotUnderTest) -> str:
    """Make the test sandbox post its webhooks to the running bot; returns that URL."""
    url = quentli_webhook_url(bot.runner.web_url, WEBHOOK_SECRET)
    sender = WebhookSender(url)
    bot.state.on_event = sender
    bot.sandbox.app.state.webhooks = sender
    return url


def _hook(bot: BotUnderTest) -> None:
    point_sandbox_webhooks(bot)
    bot.services.payment_events.created_grace = 0


@pytest.fixture
async def hooked_bot(tmp_path: Path) -> AsyncIterator[BotUnderTest]:
    """A running bot with QUENTLI_WEBHOOK_SECRET set and the sandbox's webhooks pointed at it,
    again after a restart; new invoices are announced without the grace."""
    async for running in bot_under_test(
        tmp_path, on_start=_hook, quentli_webhook_secret=WEBHOOK_SECRET
    ):
        yield running
