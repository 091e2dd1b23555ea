"""Ending background tasks at shutdown: give them a grace period, then cancel the late ones.

Used by the services, the outbox and the sandbox, so it imports nothing from telegram.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

__all__ = ["finish_or_cancel"]


async def finish_or_cancel(tasks: Iterable[asyncio.Task[Any]], grace: float) -> None:
    """Wait up to ``grace`` seconds for ``tasks``, then cancel those still running.

    Returns once every task is done (the cancelled ones included). ``tasks`` is copied first,
    so a set that tasks remove themselves from may be passed as is.
    """
    pending = set(tasks)
    if not pending:
        return
    _done, late = await asyncio.wait(pending, timeout=grace)
    for task in late:
        task.cancel()
    if late:
        await asyncio.wait(late)
