"""Update processing: different chats in parallel, each chat's updates in order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

#: Updates of one chat that may wait their turn; beyond them the chat is flooding and its new
#: updates are dropped, so that it holds few of the processor's slots and others stay answered.
MAX_CHAT_BACKLOG = 20


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs updates of different chats concurrently and those of one chat one after another.

    A Quentli call takes hundreds of milliseconds; with PTB's default sequential processing one
    slow family would hold up every other. Updates of one chat must stay ordered, though, because
    a guided flow reads its answers in sequence. asyncio locks are FIFO and PTB creates the
    processing tasks in arrival order, so order within a chat is kept.
    """

    # PTB takes a slot of this cap before our per-chat lock, so one chat's backlog holds slots
    # while it waits its turn; a high cap keeps one flooding chat from starving the others.
    # The real concurrency is bounded by the number of chats with something to do.
    def __init__(
        self, max_concurrent_updates: int = 4096, max_chat_backlog: int = MAX_CHAT_BACKLOG
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._max_backlog = max_chat_backlog
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}
        self._dropped: dict[int | None, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        if self._waiting.get(key, 0) > self._max_backlog:
            self._drop(key, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] == 0:
                del self._waiting[key]
                del self._locks[key]
                dropped = self._dropped.pop(key, 0)
                if dropped:
                    log.warning("a chat flooded the bot: %d of its updates were dropped", dropped)

    def _drop(self, key: int | None, coroutine: Awaitable[Any]) -> None:
        if isinstance(coroutine, Coroutine):
            coroutine.close()  # never started: closing it keeps "never awaited" away
        self._dropped[key] = self._dropped.get(key, 0) + 1

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
