"""Telegram's flood limits, for every Bot API call of the bot: replies and the outbox alike.

Why not PTB's AIORateLimiter as is: its overall limit is a leaky bucket (aiolimiter). A bucket
that lets 25 parents' replies out at once (burst) also lets ~30 more out in the next second, and
Telegram counts any sliding second: 429. This limiter keeps Telegram's own rule instead, a
sliding window of 30 calls per second, where a call occupies its slot from the moment it is sent
until one second after its answer arrived. Counting from the answer (not from the send) makes
the window hold whatever the network delay, so the bot never exceeds the limit, while a burst of
up to 30 still leaves at once.

One limiter for everything means the outbox worker and the replies cannot fight: they share one
budget, and replies (priority 0) always go before background messages (``BACKGROUND``).

Groups: 20 calls per minute per group (as AIORateLimiter). Private chats: Telegram allows about
one message per second per chat with short bursts; replies are paced at 3 messages in any 3
seconds per chat, so a user who types fast slows only their own chat instead of earning a 429
(which pauses everyone). The outbox worker keeps its own 1/s per chat. A ``RetryAfter`` pauses
every call for the time Telegram asked; a reply is retried up to ``max_retries`` times, a
background call is not (the worker reschedules it).

Transient failures (Telegram answered 5xx, or the connection could not be made: the request
never reached it) are retried the same way after a short, doubling backoff, and logged without
a traceback; only the last failure reaches the error handler. A timeout while waiting for the
answer is not retried: the message may have been sent, and a second copy (or an edit that
Telegram then refuses as "not modified") is worse than the apology.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter

from bot.pacing import Pacing

__all__ = ["BACKGROUND", "FloodLimiter", "SlidingWindow", "is_transient", "retry_after_seconds"]

log = logging.getLogger(__name__)

BACKGROUND = -1
"""``rate_limit_args`` of the outbox worker's calls: after replies, and never retried here."""

MESSAGES_PER_SECOND = 30
GROUP_MESSAGES_PER_MINUTE = 20
PRIVATE_BURST = 3
# What Telegram counts against a chat's pace (edits and callback answers are not messages).
_SENDS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendVideo", "sendAnimation"}
)


def retry_after_seconds(exc: RetryAfter) -> float:
    """The seconds Telegram asked to wait (a timedelta: ``PTB_TIMEDELTA`` is set in bot/)."""
    wait = exc.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


def is_transient(exc: BaseException) -> bool:
    """True for a failure worth another try that cannot send anything twice: Telegram
    answered with a server error (5xx), or the connection was never made."""
    if not isinstance(exc, NetworkError) or isinstance(exc, BadRequest):
        return False
    cause = exc.__cause__
    if cause is None or isinstance(cause, TelegramError):
        # No transport error below: Telegram answered, with a status PTB calls a network error.
        return not isinstance(exc, TimedOut)
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


class SlidingWindow:
    """At most ``limit`` calls whose slot is taken in any ``period`` seconds, by priority.

    A slot is taken by :meth:`acquire` and counts as busy until ``period`` seconds after
    :meth:`release` (called when the answer arrived).
    """

    def __init__(
        self,
        limit: int,
        period: float,
        *,
        margin: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.period = period + margin
        self._clock = clock
        self._released: deque[float] = deque()
        self._busy = 0
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._wake = asyncio.Event()
        self._dispatcher: asyncio.Task[None] | None = None

    def _wait_time(self) -> float:
        now = self._clock()
        while self._released and self._released[0] <= now - self.period:
            self._released.popleft()
        used = len(self._released) + self._busy
        if used < self.limit:
            return 0.0
        over = used - self.limit  # this many released slots must expire first
        if over < len(self._released):
            return max(self._released[over] + self.period - now, 0.0001)
        return math.inf  # every slot is busy: wait for a release

    async def acquire(self, priority: int = 0) -> None:
        """Wait for a slot; lower ``priority`` values go first, then arrival order."""
        if not self._waiters and self._wait_time() == 0.0:
            self._busy += 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._seq), future))
        self._kick()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self._busy -= 1  # granted, but the caller is gone: give the slot back
                self._kick()
            raise

    def release(self) -> None:
        """The call's answer arrived: its slot frees ``period`` seconds from now."""
        self._busy -= 1
        self._released.append(self._clock())
        self._kick()

    def _kick(self) -> None:
        if not self._waiters:
            return
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.get_running_loop().create_task(self._dispatch())
        else:
            self._wake.set()

    async def _dispatch(self) -> None:
        while self._waiters:
            _priority, _seq, future = self._waiters[0]
            if future.done():  # the waiter was cancelled
                heapq.heappop(self._waiters)
                continue
            wait = self._wait_time()
            if wait == 0.0:
                heapq.heappop(self._waiters)
                self._busy += 1
                future.set_result(None)
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), None if wait == math.inf else wait)


class FloodLimiter(BaseRateLimiter[int]):
    """The bot's rate limiter (see the module docstring).

    Args:
        pacing: the windows (production's by default).
        max_retries: retries of a reply after a ``RetryAfter``.
    """

    def __init__(self, pacing: Pacing | None = None, max_retries: int = 3) -> None:
        self._pacing = pacing = pacing or Pacing()
        self._overall: SlidingWindow | None = None
        self._group_period = pacing.group_period + pacing.margin
        self._private_period = pacing.private_period + pacing.margin
        self._groups: dict[int | str, deque[float]] = {}
        self._group_locks: dict[int | str, asyncio.Lock] = {}
        self._privates: dict[int | str, deque[float]] = {}
        self._private_locks: dict[int | str, asyncio.Lock] = {}
        self._max_retries = max_retries
        self._paused_until = 0.0

    async def initialize(self) -> None:
        """Create the window in the running loop."""
        self._overall = self._new_window()

    async def shutdown(self) -> None:
        """Nothing to close."""

    def _new_window(self) -> SlidingWindow:
        pacing = self._pacing
        return SlidingWindow(MESSAGES_PER_SECOND, pacing.overall_period, margin=pacing.margin)

    def _window(self) -> SlidingWindow:
        if self._overall is None:
            self._overall = self._new_window()
        return self._overall

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Run one Bot API call inside the limits (see the module docstring)."""
        background = rate_limit_args == BACKGROUND
        retries = 0 if background else self._max_retries
        chat_id = data.get("chat_id")
        group = _group_key(chat_id)
        for attempt in range(retries + 1):
            await self._wait_pause()
            window: SlidingWindow | None = None
            if chat_id is not None:  # a call without a chat (getMe, setWebhook...) is not counted
                if group is not None:
                    await self._slot(
                        self._groups,
                        self._group_locks,
                        group,
                        GROUP_MESSAGES_PER_MINUTE,
                        self._group_period,
                    )
                elif not background and endpoint in _SENDS:
                    await self._slot(
                        self._privates,
                        self._private_locks,
                        chat_id,
                        PRIVATE_BURST,
                        self._private_period,
                    )
                window = self._window()
                await window.acquire(1 if background else 0)
            transient = False
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self._pause(exc)
                if attempt == retries:
                    raise
                log.info("Telegram asked to slow down (%s); retrying", endpoint)
            except NetworkError as exc:
                if attempt == retries or not is_transient(exc):
                    raise
                # No traceback: when the next try works, nothing went wrong for the user.
                log.warning("Telegram failed (%s: %s); retrying", endpoint, exc.message)
                transient = True
            finally:
                if window is not None:
                    window.release()
            if transient:
                await asyncio.sleep(self._pacing.telegram_backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _pause(self, exc: RetryAfter) -> None:
        wait = retry_after_seconds(exc) + self._pacing.retry_after_margin
        self._paused_until = max(self._paused_until, time.monotonic() + wait)

    async def _wait_pause(self) -> None:
        # A deadline that may move later while we sleep, so a loop (not an Event).
        while (left := self._paused_until - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(left)

    @staticmethod
    async def _slot(
        chats: dict[int | str, deque[float]],
        locks: dict[int | str, asyncio.Lock],
        chat: int | str,
        limit: int,
        period: float,
    ) -> None:
        """Wait until ``chat`` had fewer than ``limit`` sends in the last ``period`` seconds."""
        lock = locks.setdefault(chat, asyncio.Lock())
        async with lock:
            stamps = chats.setdefault(chat, deque())
            while True:
                now = time.monotonic()
                while stamps and stamps[0] <= now - period:
                    stamps.popleft()
                if len(stamps) < limit:
                    stamps.append(now)
                    break
                await asyncio.sleep(stamps[0] + period - now)
        if len(chats) > 512:
            old = time.monotonic() - period
            for key in [k for k, v in chats.items() if (not v or v[-1] < old)]:
                if not locks[key].locked():
                    chats.pop(key, None)
                    locks.pop(key, None)


def _group_key(chat_id: object) -> int | str | None:
    number: int | None = chat_id if isinstance(chat_id, int) else None
    if isinstance(chat_id, str):
        try:
            number = int(chat_id)
        except ValueError:
            return chat_id  # @channelusername
    if number is not None and number < 0:
        return number
    return None
