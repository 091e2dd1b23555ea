"""Benchmark: parents' /pay under load and an outbox burst, within Telegram's flood limits.

    uv run python -m bench.bench_parents

The real bot (BotRunner) runs against the fake Telegram with its flood limits ENFORCED (30/s
overall, ~1/s per private chat) and the Quentli sandbox answering every call after 100 ms.
Scenarios and bounds (a benchmark, not a timed test):

1. 25 linked parents send /pay at once: all answered within 0.6 s wall.
2. 200 linked parents send /pay at once: all answered within 1.15 x (200 / 30) s, no 429.
3. 1,000 outbox notifications (1,000 chats): delivered at >= 90 % of 30 msg/s, no 429.

Prints p50 / p95 / max latency, wall time and the ratio of each to its bound (<= 1 passes for
times, >= 1 for the rate). Exit code 1 when a bound is missed.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot.pacing import Pacing
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.services.notifications import Money
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN, BotUnderTest, make_settings

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


async def _parents(bot: BotUnderTest, first_id: int, count: int) -> list[dict[str, Any]]:
    users = []
    due = date.today() + timedelta(days=10)
    for n in range(count):
        user_id = first_id + n
        user = bot.telegram.user(user_id, first_name=f"Papá {n}")
        bot.telegram.private_chat(user)
        customer = bot.state.add_customer(f"Alumno {n}", f"B-{user_id}")
        bot.state.add_invoice(customer["id"], 150_000, "Colegiatura", due, emit=False)
        bot.state.add_invoice(customer["id"], 35_000, "Transporte", due, emit=False)
        await bot.infra.repos.links.link(
            user_id, customer["id"], customer["name"], "staff", ADMIN_ID
        )
        users.append(user)
    return users


async def _pay_burst(
    bot: BotUnderTest, name: str, first_id: int, count: int, bound: float
) -> bool:
    users = await _parents(bot, first_id, count)
    calls_before = len(bot.telegram.calls)
    t0 = time.monotonic()
    for user in users:
        bot.telegram.send_command(user, "/pagar")
    arrivals = await _arrivals(bot.telegram, [u["id"] for u in users], t0, limit=bound * 3)
    wall = max(arrivals.values()) if len(arrivals) == count else float("inf")
    throttled = [c for c in bot.telegram.calls[calls_before:] if c.status == 429]
    ok = _report(name, list(arrivals.values()), wall, bound)
    print(f"  answered {len(arrivals)}/{count}; 429 answers: {len(throttled)}")
    await bot.telegram.settle(quiet=0.5, timeout=30)
    return ok and not throttled and len(arrivals) == count


async def _outbox_burst(bot: BotUnderTest, first_id: int, count: int) -> bool:
    chats = list(range(first_id, first_id + count))
    for chat_id in chats:
        bot.telegram.private_chat(bot.telegram.user(chat_id))
    worker = bot.runner.outbox
    worker.pause()
    for chat_id in chats:
        await bot.services.notifier.to_user(
            chat_id,
            "notify.paid_staff",
            dedupe_key="bench",
            name="Alumno",
            concept="Colegiatura",
            amount=Money(150_000),
            paid_on=date.today(),
            invoice_id="inv_bench",
        )
    calls_before = len(bot.telegram.calls)
    t0 = time.monotonic()
    worker.resume()
    arrivals = await _arrivals(bot.telegram, chats, t0, limit=count / RATE * 3)
    wall = max(arrivals.values()) if len(arrivals) == count else float("inf")
    rate = count / wall
    throttled = [c for c in bot.telegram.calls[calls_before:] if c.status == 429]
    floor = 0.9 * RATE
    ok = rate >= floor and not throttled and len(arrivals) == count
    ordered = sorted(arrivals.values())
    print(
        f"outbox burst: n={count} p50={statistics.median(ordered):.3f}s "
        f"p95={ordered[int(len(ordered) * 0.95) - 1]:.3f}s max={ordered[-1]:.3f}s "
        f"wall={wall:.3f}s rate={rate:.2f}/s floor={floor:.1f}/s ratio={rate / floor:.3f} "
        f"({rate / RATE:.1%} of 30/s) {'OK' if ok else 'MISSED'}"
    )
    print(f"  delivered {len(arrivals)}/{count}; 429 answers: {len(throttled)}")
    return ok


async def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    state = SandboxState(path=None)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram(token=BOT_TOKEN) as telegram:
            telegram.enforce_rate_limits = True
            sandbox = SandboxServer(state, API_KEY)
            await sandbox.start()
            try:
                settings = make_settings(Path(tmp), telegram, sandbox)
                # production's pacing: this measures it against Telegram's limits
                bot = BotUnderTest(settings, telegram, sandbox, state, Pacing())
                await bot.start()
                try:
                    state.latency = LATENCY
                    results.append(await _pay_burst(bot, "25 x /pay", 800_000, 25, 0.6))
                    await asyncio.sleep(1.1)  # let the flood windows empty
                    results.append(
                        await _pay_burst(bot, "200 x /pay", 810_000, 200, 1.15 * 200 / RATE)
                    )
                    await asyncio.sleep(1.1)
                    results.append(await _outbox_burst(bot, 900_000, 1000))
                finally:
                    await bot.stop()
            finally:
                await sandbox.stop()
    print("ALL OK" if all(results) else "SOME BOUNDS MISSED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
