"""Benchmark: parents' /pay under load and an outbox burst, within Telegram's flood limits.

    uv run python -m bench.bench_parents

The bot runs as its own process (``python -m bot``, as in production, with production's pacing)
against the fake Telegram with its flood limits ENFORCED (30/s overall, ~1/s per private chat)
and the Quentli sandbox answering every call after 100 ms; both fakes run in this process, so
their work never slows the bot's (an earlier version ran them in the bot's process and missed
its own bound because of it). Scenarios and bounds (a benchmark, not a timed test):

1. 25 linked parents send /pay at once: all answered within 0.6 s wall.
2. 200 linked parents send /pay at once: all answered within 1.15 x (200 / 30) s, no 429.
3. 1,000 outbox notifications (1,000 chats), queued while the bot is stopped and sent when it
   starts again: delivered at >= 90 % of 30 msg/s (from the first delivery to the last), no 429.

Prints p50 / p95 / max latency, wall time and the ratio of each to its bound (<= 1 passes for
times, >= 1 for the rate). Exit code 1 when a bound is missed.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.botprocess import environment, first_poll, spawn, stop
from bot.handlers.ui.notices import TelegramNotices
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.services.notifications import Money, Notifier
from bot.store import Database, Repositories
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

LATENCY = 0.1
RATE = 30.0


async def _arrivals(
    telegram: FakeTelegram, chats: list[int], t0: float, limit: float
) -> dict[int, float]:
    """Seconds from t0 until each chat got its first bot message."""
    seen: dict[int, float] = {}
    deadline = t0 + limit
    while len(seen) < len(chats) and time.monotonic() < deadline:
        now = time.monotonic()
        for chat in chats:
            if chat not in seen and telegram.bot_messages(chat):
                seen[chat] = now - t0
        await telegram.state.wait_change(0.005)
    return seen


def _report(name: str, latencies: list[float], wall: float, bound: float) -> bool:
    ordered = sorted(latencies)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")
    ok = wall <= bound
    print(
        f"{name}: n={len(latencies)} p50={statistics.median(ordered):.3f}s p95={p95:.3f}s "
        f"max={max(ordered):.3f}s wall={wall:.3f}s bound={bound:.3f}s "
        f"ratio={wall / bound:.3f} {'OK' if ok else 'MISSED'}"
    )
    return ok


async def _parents(
    state: SandboxState, telegram: FakeTelegram, repos: Repositories, first_id: int, count: int
) -> list[int]:
    """Linked parents, each owing two invoices; their chat ids."""
    due = date.today() + timedelta(days=10)
    chats = []
    for n in range(count):
        user_id = first_id + n
        telegram.private_chat(telegram.user(user_id, first_name=f"Papá {n}"))
        customer = state.add_customer(f"Alumno {n}", f"B-{user_id}")
        state.add_invoice(customer["id"], 150_000, "Colegiatura", due, emit=False)
        state.add_invoice(customer["id"], 35_000, "Transporte", due, emit=False)
        await repos.links.link(user_id, customer["id"], customer["name"], "staff", ADMIN_ID)
        chats.append(user_id)
    return chats


async def _pay_burst(telegram: FakeTelegram, name: str, chats: list[int], bound: float) -> bool:
    calls_before = len(telegram.calls)
    t0 = time.monotonic()
    for chat_id in chats:
        telegram.send_command(telegram.state.users[chat_id], "/pagar")
    arrivals = await _arrivals(telegram, chats, t0, limit=bound * 3)
    wall = max(arrivals.values()) if len(arrivals) == len(chats) else float("inf")
    throttled = [c for c in telegram.calls[calls_before:] if c.status == 429]
    ok = _report(name, list(arrivals.values()), wall, bound)
    print(f"  answered {len(arrivals)}/{len(chats)}; 429 answers: {len(throttled)}")
    await telegram.settle(quiet=0.5, timeout=30)
    return ok and not throttled and len(arrivals) == len(chats)


async def _queue_notifications(
    telegram: FakeTelegram, repos: Repositories, chats: list[int]
) -> None:
    notifier = Notifier(repos, "es", ZoneInfo("America/Mexico_City"), renderer=TelegramNotices())
    for chat_id in chats:
        telegram.private_chat(telegram.user(chat_id))
        await notifier.to_user(
            chat_id,
            "notify.paid_staff",
            dedupe_key="bench",
            name="Alumno",
            concept="Colegiatura",
            amount=Money(150_000),
            paid_on=date.today(),
            invoice_id="inv_bench",
        )


async def _outbox_burst(telegram: FakeTelegram, chats: list[int]) -> bool:
    """The queued notifications, from the first delivery (the bot just started) to the last."""
    calls_before = len(telegram.calls)
    started = time.monotonic()
    arrivals = await _arrivals(telegram, chats, started, limit=60 + len(chats) / RATE * 3)
    count = len(chats)
    ordered = sorted(arrivals.values())
    complete = len(arrivals) == count
    wall = ordered[-1] - ordered[0] if complete else float("inf")
    rate = (count - 1) / wall
    throttled = [c for c in telegram.calls[calls_before:] if c.status == 429]
    floor = 0.9 * RATE
    ok = rate >= floor and not throttled and complete
    print(
        f"outbox burst: n={count} first delivery {ordered[0]:.2f}s after the start; "
        f"wall={wall:.3f}s from the first delivery to the last: rate={rate:.2f}/s "
        f"floor={floor:.1f}/s ratio={rate / floor:.3f} ({rate / RATE:.1%} of 30/s) "
        f"{'OK' if ok else 'MISSED'}"
    )
    print(f"  delivered {len(arrivals)}/{count}; 429 answers: {len(throttled)}")
    return ok


async def _run_bot(telegram: FakeTelegram, env: dict[str, str], cwd: Path) -> Any:
    polls = telegram.state.poll_generation
    process = await spawn("bot", env, cwd)
    if not await first_poll(telegram, polls, 120):
        raise RuntimeError(f"the bot never polled: {await stop(process)}")
    await asyncio.sleep(1.1)  # the start-up's own calls (menus) leave the flood windows
    return process


async def main() -> int:
    state = SandboxState(path=None)
    results: list[bool] = []
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        database = cwd / "bot.sqlite3"
        async with FakeTelegram(token=BOT_TOKEN) as telegram:
            telegram.enforce_rate_limits = True
            sandbox = SandboxServer(state, API_KEY)
            await sandbox.start()
            try:
                env = environment(telegram, sandbox.url, database)
                db = await Database.open(database)
                try:
                    repos = Repositories.build(db)
                    few = await _parents(state, telegram, repos, 800_000, 25)
                    many = await _parents(state, telegram, repos, 810_000, 200)
                finally:
                    await db.close()
                state.latency = LATENCY
                process = await _run_bot(telegram, env, cwd)
                try:
                    results.append(await _pay_burst(telegram, "25 x /pay", few, 0.6))
                    await asyncio.sleep(1.1)  # let the flood windows empty
                    results.append(
                        await _pay_burst(telegram, "200 x /pay", many, 1.15 * 200 / RATE)
                    )
                finally:
                    failed = await stop(process)
                chats = list(range(900_000, 901_000))
                db = await Database.open(database)
                try:
                    await _queue_notifications(telegram, Repositories.build(db), chats)
                finally:
                    await db.close()
                await asyncio.sleep(1.1)
                process = await spawn("bot", env, cwd)
                try:
                    results.append(await _outbox_burst(telegram, chats))
                finally:
                    failed = failed or await stop(process)
                if failed:
                    print(failed)
                    print("the bot did not stop cleanly")
                    results.append(False)
            finally:
                await sandbox.stop()
    print("ALL OK" if all(results) else "SOME BOUNDS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
