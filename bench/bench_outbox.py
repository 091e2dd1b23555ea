"""Benchmark: the outbox's CPU per message with an empty table and with 1,000,000 sent rows.

    uv run python -m bench.bench_outbox

The hot path of every receipt and notice, through the real pieces: ``OutboxRepo.enqueue`` (with
its dedupe key), then the real ``OutboxWorker`` (refill with ``due``, re-read with ``get``, send,
``mark_sent``) over a stub bot whose ``send_message`` returns at once, so only the bot's own
work is counted. CPU is ``time.process_time()`` (this process, every thread: aiosqlite's too)
from the first enqueue to the last mark, divided by the messages.

Two databases on disk: one empty, one holding 1,000,000 sent messages of the last 29 days
(inside the retention period, so the pruner keeps them: the history a busy school accumulates).
After one warm-up round each (not counted), rounds alternate between them and the best round
of each is kept (the machine is shared).
One prune round on each database (the pruner's hourly work when nothing is old enough) is also
timed.

Bound: CPU per message at 1,000,000 rows <= 1.1 x the empty table's. Exit code 1 when missed.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.pacing import Pacing
from bot.ptb.outbox import RETENTION, OutboxWorker
from bot.store import Database, Repositories, utc_now
from bot.store.db import to_db_time

HISTORY = 1_000_000
MESSAGES = 2_000
ROUNDS = 4
BOUND = 1.1
TEXT = (
    "✅ <b>Pago recibido</b>\nAlumno: <b>Alumno 0421</b>\nConcepto: Colegiatura marzo\n"
    "Monto: $4,850.00 MXN\nPagado el 12 de marzo de 2026 con tarjeta.\nGracias."
)
PACING = Pacing(outbox_per_chat=0.0, outbox_refresh=0.0, outbox_idle_check=1.0)


class _Bot:
    """Accepts every message at once and says when ``expected`` arrived."""

    rate_limiter = None

    def __init__(self) -> None:
        self.sent = 0
        self.expected = 0
        self.done = asyncio.Event()

    async def send_message(self, chat_id: int, text: str, **_kwargs: Any) -> None:
        self.sent += 1
        if self.sent >= self.expected:
            self.done.set()


def _fill(path: Path, rows: int) -> None:
    """``rows`` sent messages over the last 29 days, in one transaction."""
    now = utc_now()
    span = (RETENTION - timedelta(days=1)).total_seconds()

    def row(n: int) -> tuple[Any, ...]:
        at = to_db_time(now - timedelta(seconds=span * (rows - n) / rows))
        return (700_000 + n % 5000, TEXT, f"paid:inv_{n:08d}:{700_000 + n % 5000}", at, at, at)

    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO outbox (chat_id, text, dedupe_key, created_at, attempts,"
            " next_attempt_at, sent_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
            (row(n) for n in range(rows)),
        )
    conn.close()


async def _round(repos: Repositories, tag: str) -> float:
    """CPU seconds per message for MESSAGES enqueued and sent."""
    bot = _Bot()
    bot.expected = MESSAGES
    worker = OutboxWorker(bot, repos, pacing=PACING, batch=500)
    worker.start()
    await asyncio.sleep(0.2)  # the pruner's first round ran: not part of a message's cost
    worker.pause()
    cpu = time.process_time()
    for n in range(MESSAGES):
        await repos.outbox.enqueue(800_000 + n, TEXT, dedupe_key=f"paid:{tag}:{n}")
    worker.resume()
    await bot.done.wait()
    await worker.stop()
    return (time.process_time() - cpu) / MESSAGES


async def _prune_cpu(repos: Repositories) -> float:
    cpu = time.process_time()
    await repos.outbox.prune(utc_now() - RETENTION)
    return time.process_time() - cpu


async def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"empty": Path(tmp) / "empty.sqlite3", "history": Path(tmp) / "history.sqlite3"}
        for path in paths.values():
            await (await Database.open(path)).close()  # the schema
        t0 = time.monotonic()
        _fill(paths["history"], HISTORY)
        size = paths["history"].stat().st_size / 1e6
        print(
            f"history: {HISTORY:,} sent messages written in {time.monotonic() - t0:.1f} s "
            f"({size:.0f} MB); {MESSAGES} messages a round, {ROUNDS} rounds each, alternating"
        )
        dbs = {name: await Database.open(path) for name, path in paths.items()}
        try:
            repos = {name: Repositories.build(db) for name, db in dbs.items()}
            best = {name: float("inf") for name in dbs}
            for name in dbs:  # a warm-up round each, not counted (the file's first reads)
                await _round(repos[name], f"{name}-warm")
            for r in range(ROUNDS):
                for name in dbs:
                    best[name] = min(best[name], await _round(repos[name], f"{name}{r}"))
            prune = {name: await _prune_cpu(repos[name]) for name in dbs}
        finally:
            for db in dbs.values():
                await db.close()
    ratio = best["history"] / best["empty"]
    ok = ratio <= BOUND
    print(f"CPU per message, empty table: {best['empty'] * 1000:.3f} ms")
    print(f"CPU per message, {HISTORY:,} rows of history: {best['history'] * 1000:.3f} ms")
    print(f"ratio: {ratio:.3f} (bound {BOUND}) {'OK' if ok else 'MISSED'}")
    print(
        f"one prune round (nothing old enough): empty {prune['empty'] * 1000:.1f} ms CPU, "
        f"{HISTORY:,} rows {prune['history'] * 1000:.1f} ms CPU"
    )
    print("ALL OK" if ok else "SOME BOUNDS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
