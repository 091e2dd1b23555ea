"""Benchmark: the product's cost per update against a bare python-telegram-bot echo bot.

    uv run python -m bench.bench_updates

Both bots run as their own processes (``python -m bot``, ``python -m bench.echo_bot``) against
the same fake Telegram; the fakes (Telegram, the Quentli sandbox) run in this process, so their
work is never counted as a bot's. CPU and memory are read from /proc for the bot's process.
Measured in one run, one bot after the other, and printed as ratios:

1. start-up: from spawning the process to its first ``getUpdates`` (goal <= 1 s for the
   product; the echo bot's is printed beside it), with the modules compiled to bytecode first
   as the Docker image has them (``compile_bytecode``);
2. CPU per update: 400 users each send ``/ayuda`` (the product answers its help, the echo bot
   echoes), 20 updates a second for both, so both run equally long; CPU seconds of the bot's
   process from the first update to the last answer, divided by 400 (goal <= 1.2 x the echo
   bot's);
3. the product only: 1,000 linked parents press ``/pagar`` at once, with Telegram's flood
   limits ENFORCED (30/s overall) and Quentli answering every call after 100 ms: every parent
   answered within 1.1 x Telegram's own bound (1,000 / 30 s), and the process's peak resident
   memory (VmHWM, the whole run) <= 90 MB.

Exit code 1 when a bound is missed. The machine may be shared: the figures are noisy, the ratios
less so.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.botprocess import (
    compile_bytecode,
    cpu_seconds,
    environment,
    first_poll,
    peak_rss_mb,
    spawn,
    stop,
)
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.store import Database, LinkRepo
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

UPDATES = 400
PER_TICK = 10
TICK = 0.5
PARENTS = 1000
RATE = 30.0
LATENCY = 0.1
START_BOUND = 1.0
CPU_BOUND = 1.2
PAY_BOUND = 1.1 * PARENTS / RATE
RSS_BOUND = 90.0


async def _start(telegram: FakeTelegram, module: str, env: dict[str, str], cwd: Path) -> tuple:
    polls = telegram.state.poll_generation
    t0 = time.monotonic()
    process = await spawn(module, env, cwd)
    if not await first_poll(telegram, polls, 120):
        raise RuntimeError(f"{module} never polled: {await stop(process)}")
    return process, time.monotonic() - t0


async def _answered(telegram: FakeTelegram, chats: list[int], limit: float) -> list[float]:
    """When each chat got its first bot message (monotonic), in arrival order."""
    deadline = time.monotonic() + limit
    waiting = set(chats)
    arrivals: list[float] = []
    log = telegram.state.bot_log
    while waiting and time.monotonic() < deadline:
        arrived = waiting & log.keys()
        arrivals += [time.monotonic()] * len(arrived)
        waiting -= arrived
        if waiting:
            await telegram.state.wait_change(0.01)
    return arrivals


async def _cpu_per_update(telegram: FakeTelegram, pid: int, first: int) -> float:
    users = []
    for n in range(UPDATES):
        user = telegram.user(first + n, first_name=f"Usuario {n}")
        telegram.private_chat(user)
        users.append(user)
    cpu = cpu_seconds(pid)
    for i in range(0, UPDATES, PER_TICK):
        for user in users[i : i + PER_TICK]:
            telegram.send_command(user, "/ayuda")
        await asyncio.sleep(TICK)
    arrivals = await _answered(telegram, [u["id"] for u in users], 60)
    if len(arrivals) != UPDATES:
        raise RuntimeError(f"only {len(arrivals)} of {UPDATES} updates answered")
    await telegram.settle(quiet=0.3, timeout=30)
    return (cpu_seconds(pid) - cpu) / UPDATES


async def _link_parents(state: SandboxState, telegram: FakeTelegram, database: Path) -> list[int]:
    await (await Database.open(database)).close()
    db = await Database.open(database)
    links = LinkRepo(db)
    due = date.today() + timedelta(days=10)
    chats = []
    try:
        for n in range(PARENTS):
            chat_id = 810_000 + n
            telegram.private_chat(telegram.user(chat_id, first_name=f"Papá {n}"))
            customer = state.add_customer(f"Alumno {n:04d}", f"U-{n:04d}")
            state.add_invoice(customer["id"], 150_000, "Colegiatura", due, emit=False)
            state.add_invoice(customer["id"], 35_000, "Transporte", due, emit=False)
            await links.link(chat_id, customer["id"], customer["name"], "staff", ADMIN_ID)
            chats.append(chat_id)
    finally:
        await db.close()
    return chats


async def _pay_burst(
    telegram: FakeTelegram, state: SandboxState, chats: list[int]
) -> tuple[float, float, int]:
    """Seconds to the first and the last answer, and how many parents were answered."""
    telegram.enforce_rate_limits = True
    state.latency = LATENCY
    t0 = time.monotonic()
    for chat_id in chats:
        telegram.send_command(telegram.state.users[chat_id], "/pagar")
    arrivals = await _answered(telegram, chats, PAY_BOUND * 3)
    telegram.enforce_rate_limits = False
    state.latency = 0.0
    if not arrivals:
        return float("inf"), float("inf"), 0
    return arrivals[0] - t0, arrivals[-1] - t0, len(arrivals)


async def main() -> int:
    compile_bytecode()
    state = SandboxState(path=None)
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        database = cwd / "data" / "bot.sqlite3"
        database.parent.mkdir()
        async with FakeTelegram(token=BOT_TOKEN) as telegram:
            sandbox = SandboxServer(state, API_KEY)
            await sandbox.start()
            try:
                env = environment(telegram, sandbox.url, database)
                chats = await _link_parents(state, telegram, database)
                product, product_start = await _start(telegram, "bot", env, cwd)
                try:
                    rss_started = peak_rss_mb(product.pid)
                    product_cpu = await _cpu_per_update(telegram, product.pid, 600_000)
                    first, last, answered = await _pay_burst(telegram, state, chats)
                    rss = peak_rss_mb(product.pid)
                finally:
                    failed = await stop(product)
                if failed:
                    print(failed)
                    print("the bot did not stop cleanly")
                    return 1
                echo, echo_start = await _start(telegram, "bench.echo_bot", env, cwd)
                try:
                    echo_cpu = await _cpu_per_update(telegram, echo.pid, 650_000)
                    echo_rss = peak_rss_mb(echo.pid)
                finally:
                    await stop(echo)
            finally:
                await sandbox.stop()
    cpu_ratio = product_cpu / echo_cpu
    results = [
        product_start <= START_BOUND,
        cpu_ratio <= CPU_BOUND,
        answered == PARENTS and last <= PAY_BOUND,
        rss <= RSS_BOUND,
    ]
    verdict = ["OK" if ok else "MISSED" for ok in results]
    print(
        f"start-up to the first getUpdates: product {product_start:.2f} s, echo bot "
        f"{echo_start:.2f} s (ratio {product_start / echo_start:.2f}); bound {START_BOUND:g} s: "
        f"ratio {product_start / START_BOUND:.2f} {verdict[0]}"
    )
    print(
        f"CPU per update ({UPDATES} x /ayuda at {PER_TICK / TICK:g}/s): product "
        f"{product_cpu * 1000:.2f} ms, echo bot {echo_cpu * 1000:.2f} ms: ratio "
        f"{cpu_ratio:.2f} (bound {CPU_BOUND}) {verdict[1]}"
    )
    print(
        f"{PARENTS} x /pagar at once (Quentli at {LATENCY * 1000:.0f} ms, 30 msg/s enforced): "
        f"{answered} answered, first after {first:.2f} s, last after {last:.2f} s; bound "
        f"{PAY_BOUND:.1f} s (1.1 x {PARENTS}/30 s): ratio {last / PAY_BOUND:.3f} {verdict[2]}"
    )
    print(
        f"peak RSS: product {rss:.1f} MB (bound {RSS_BOUND:g} MB: ratio {rss / RSS_BOUND:.2f}) "
        f"{verdict[3]} ({rss_started:.1f} MB once started); echo bot {echo_rss:.1f} MB"
    )
    ok = all(results)
    print("ALL OK" if ok else "SOME BOUNDS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
