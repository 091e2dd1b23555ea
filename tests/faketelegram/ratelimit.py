"""Telegram's flood limits for message sends (off unless ``enforce_rate_limits`` is set).

Rules (Bot API FAQ "My bot is hitting limits"; telegram.constants.FloodLimit):
- overall: at most 30 sends in any sliding 1 s window (exact: the 31st within 1 s is refused);
- private chat: about one message per second, "short bursts" allowed. Modelled as a token bucket
  of capacity 3 refilled at 1 token/s, so a reply made of 3 messages passes but a sustained rate
  above 1/s is refused. Telegram does not publish the burst size; 3 is our choice;
- group chat: at most 20 sends in any sliding 60 s window.
A refused send does not consume capacity. ``retry_after`` is the whole seconds (at least 1)
until the send would pass.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

OVERALL_PER_SECOND = 30
PRIVATE_BURST = 3
PRIVATE_PER_SECOND = 1.0
GROUP_PER_MINUTE = 20


class RateLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._overall: deque[float] = deque()
        self._groups: dict[int, deque[float]] = {}
        self._buckets: dict[int, tuple[float, float]] = {}

    def check(self, chat_id: int, private: bool) -> int | None:
        """Record a send to ``chat_id``; return None if allowed, else retry_after seconds."""
        now = self._clock()
        waits = [_window_wait(self._overall, now, 1.0, OVERALL_PER_SECOND)]
        if private:
            tokens = self._tokens(chat_id, now)
            waits.append(0.0 if tokens >= 1 else (1 - tokens) / PRIVATE_PER_SECOND)
        else:
            group = self._groups.setdefault(chat_id, deque())
            waits.append(_window_wait(group, now, 60.0, GROUP_PER_MINUTE))
        wait = max(waits)
        if wait > 0:
            return max(1, math.ceil(wait))
        self._overall.append(now)
        if private:
            self._buckets[chat_id] = (self._tokens(chat_id, now) - 1, now)
        else:
            self._groups[chat_id].append(now)
        return None

    def _tokens(self, chat_id: int, now: float) -> float:
        tokens, since = self._buckets.get(chat_id, (float(PRIVATE_BURST), now))
        return min(float(PRIVATE_BURST), tokens + (now - since) * PRIVATE_PER_SECOND)


def _window_wait(stamps: deque[float], now: float, window: float, limit: int) -> float:
    while stamps and stamps[0] <= now - window:
        stamps.popleft()
    if len(stamps) < limit:
        return 0.0
    return stamps[len(stamps) - limit] + window - now
