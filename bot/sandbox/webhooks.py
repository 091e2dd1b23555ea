"""Posting Quentli-shaped webhook events to the bot, fire and forget, in order.

The URL is never logged: the bot's receiver has a secret path segment.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from bot.background import finish_or_cancel

__all__ = ["WebhookSender"]

logger = logging.getLogger("bot.sandbox.webhooks")


class WebhookSender:
    """Sends each event in its own task; a task waits for the previous one, so order holds."""

    def __init__(self, url: str, timeout: float = 5.0) -> None:
        self._url = url
        self._timeout = timeout
        self._tasks: set[asyncio.Task[None]] = set()
        self._last: asyncio.Task[None] | None = None

    def __call__(self, event: dict[str, Any]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            logger.warning("sandbox: no event loop, webhook %s not sent", event["eventType"])
            return
        task = loop.create_task(self._deliver(event, self._last))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        self._last = task

    async def _deliver(self, event: dict[str, Any], previous: asyncio.Task[None] | None) -> None:
        if previous is not None and not previous.done():
            await asyncio.wait([previous])
        try:
            async with httpx.AsyncClient(timeout=self._timeout) as client:
                response = await client.post(self._url, json=event)
        except httpx.HTTPError as exc:
            logger.warning(
                "sandbox: webhook %s %s not delivered: %s",
                event["eventType"],
                event["eventId"],
                type(exc).__name__,
            )
            return
        if response.status_code >= 300:
            logger.warning(
                "sandbox: webhook %s %s answered HTTP %s",
                event["eventType"],
                event["eventId"],
                response.status_code,
            )

    async def drain(self, grace: float = 5.0) -> None:
        """Wait for pending deliveries (at most ``grace`` seconds), then cancel the rest."""
        await finish_or_cancel(self._tasks, grace)
