"""A sliding window of attempts per key: how invite guessing from one chat is slowed down."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

__all__ = ["AttemptWindow", "Verdict"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """``allowed``: go on. Refused: ``first_refusal`` says whether to answer (once a window)."""

    allowed: bool
    first_refusal: bool = False


class AttemptWindow:
    """At most ``limit`` attempts per key in any ``seconds`` (in memory; a restart forgets).

    Args:
        limit: attempts allowed per window.
        seconds: the window's length.
        clock: monotonic seconds (tests pass their own).
        max_keys: keys kept at most; the oldest are forgotten beyond it.
    """

    def __init__(
        self,
        limit: int,
        seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self._limit = limit
        self._seconds = seconds
        self._clock = clock
        self._max_keys = max_keys
        self._seen: dict[Hashable, deque[float]] = {}
        self._told: dict[Hashable, float] = {}

    def attempt(self, key: Hashable) -> Verdict:
        """Count an attempt for ``key`` and say whether it may go on."""
        now = self._clock()
        times = self._seen.pop(key, None) or deque()
        while times and now - times[0] >= self._seconds:
            times.popleft()
        self._seen[key] = times  # re-inserted: the dict keeps keys by last use
        if len(self._seen) > self._max_keys:
            oldest = next(iter(self._seen))
            self._seen.pop(oldest)
            self._told.pop(oldest, None)
        if len(times) < self._limit:
            times.append(now)
            return Verdict(allowed=True)
        told_at = self._told.get(key)
        first = told_at is None or now - told_at >= self._seconds
        if first:
            self._told[key] = now
        return Verdict(allowed=False, first_refusal=first)
