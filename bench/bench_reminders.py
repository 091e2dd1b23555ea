"""Benchmark: one day's payment reminders for 2,000 linked chats, within Telegram's flood limits.

    uv run python -m bench.bench_reminders

The bot runs as its own process (``python -m bot``, as in production) against the fake Telegram
with its flood limits ENFORCED (30/s overall, ~1/s per private chat) and the Quentli sandbox
answering every call after 100 ms; both fakes run in this process, apart from the bot's event
loop. The school: 2,000 families, each with its own linked chat; 1,900 of them have an unpaid
invoice due on one of today's reminder days (3 days ahead, today, 3 or 10 days late), the other
100 only on other days; every family also owes next month's tuition (not a reminder day). The
bot's start-up check sends the day's reminders (REMINDER_WINDOW is the whole day here, since the
process runs on the real clock).

Reports (a benchmark, not a timed test), with bounds:
- Quentli calls made by the run: list calls <= one per 100 linked customers, no per-invoice call;
- messages sent, and the rate from the check's first Quentli call to the last delivery:
  >= 29/s (97 % of Telegram's 30/s);
- 429 answers: zero.
Exit code 1 when a bound is missed.
"""

from __future__ import annotations

import asyncio
import math
import os
import signal
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from bot.store import Database, LinkRepo
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

LATENCY = 0.1
RATE = 30.0
FLOOR = 29.0
FAMILIES = 2000
FIRST_CHAT = 600_000
# the day offset of each family's invoice: a reminder day for 19 families in 20
OFFSETS = (3, 0, -3, -10)
OFF_DAY = 5
TZ = ZoneInfo("America/Mexico_City")
ROOT = Path(__file__).resolve().parents[1]


async def _school(state: SandboxState, telegram: FakeTelegram, database: Path) -> list[int]:
    """The families, their invoices and their linked chats; returns the chats to remind."""
    today = datetime.now(TZ).date()
    db = await Database.open(database)
    links = LinkRepo(db)
    reminded = []
    try:
        for n in range(FAMILIES):
            chat_id = FIRST_CHAT + n
            telegram.private_chat(telegram.user(chat_id, first_name=f"Papá {n}"))
            customer = state.add_customer(f"Alumno {n:04d}", f"R-{n:04d}")
            days = OFF_DAY if n % 20 == 19 else OFFSETS[n % len(OFFSETS)]
            due = today + timedelta(days=days)
            state.add_invoice(customer["id"], 485_000, "Colegiatura", due, emit=False)
            next_month = today + timedelta(days=30)
            state.add_invoice(customer["id"], 485_000, "Colegiatura", next_month, emit=False)
            await links.link(chat_id, customer["id"], customer["name"], "staff", ADMIN_ID)
            if days != OFF_DAY:
                reminded.append(chat_id)
    finally:
        await db.close()
    return reminded


def _environment(telegram: FakeTelegram, sandbox: SandboxServer, database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUENTLI_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        QUENTLI_API_KEY=API_KEY,
        QUENTLI_API_URL=sandbox.url,
        BOT_ADMIN_IDS=str(ADMIN_ID),
        DATABASE_PATH=str(database),
        HTTP_PORT="0",
        LOG_LEVEL="WARNING",
        REMINDER_DAYS="-3,0,3,10",
        REMINDER_WINDOW="00:00-23:59",
        DIGEST_HOUR="",
    )
    return env


async def _watch(
    state: SandboxState, telegram: FakeTelegram, chats: list[int], limit: float
) -> tuple[float | None, list[float]]:
    """When the check's first list call arrived, and when each chat got its reminder."""
    deadline = time.monotonic() + limit
    started: float | None = None
    waiting = set(chats)
    arrivals: list[float] = []
    log = telegram.state.bot_log  # read directly: the watcher must not load the fakes' loop
    while waiting and time.monotonic() < deadline:
        now = time.monotonic()
        if started is None and state.requests:
            started = now
        arrived = waiting & log.keys()
        arrivals += [now] * len(arrived)
        waiting -= arrived
        if waiting:
            await telegram.state.wait_change(0.02)
    return started, arrivals


def _report(
    state: SandboxState,
    telegram: FakeTelegram,
    reminded: list[int],
    started: float | None,
    arrivals: list[float],
) -> bool:
    lists = [r for r in state.requests if r.method == "GET" and r.path == "/v1/invoices"]
    others = sorted({f"{r.method} {r.path}" for r in state.requests if r not in lists})
    sends = [c for c in telegram.calls if c.method == "sendMessage"]
    delivered = [c for c in sends if c.status == 200]
    throttled = [c for c in telegram.calls if c.status == 429]
    complete = started is not None and len(arrivals) == len(reminded)
    wall = arrivals[-1] - started if complete and started is not None else math.inf
    rate = len(delivered) / wall
    bound = math.ceil(FAMILIES / 100)
    print(f"linked chats: {FAMILIES}; with an invoice due on a reminder day: {len(reminded)}")
    print(
        f"Quentli calls: {len(state.requests)}: {len(lists)} invoice list calls (bound {bound}; "
        f"{len(lists) / FAMILIES * 100:.2f} per 100 linked customers), other calls: "
        f"{others or 'none'}"
    )
    print(
        f"messages sent: {len(delivered)} of {len(reminded)} in {wall:.2f} s from the check's "
        f"first Quentli call to the last delivery"
    )
    print(
        f"rate: {rate:.2f}/s = {rate / RATE:.1%} of 30/s (floor {FLOOR:g}/s: ratio "
        f"{rate / FLOOR:.3f}); 429 answers: {len(throttled)}"
    )
    if started is not None and arrivals:
        print(f"first delivery {arrivals[0] - started:.2f} s after the check's first call")
        windows = [0] * (int((arrivals[-1] - started) // 10) + 1)
        for at in arrivals:
            windows[max(0, int((at - started) // 10))] += 1
        print("deliveries per 10 s: " + " ".join(str(n) for n in windows))
    ok = complete and rate >= FLOOR and not throttled and len(lists) <= bound and not others
    print("ALL OK" if ok else "SOME BOUNDS MISSED")
    return ok


async def main() -> int:
    state = SandboxState(path=None)
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "data" / "bot.sqlite3"
        async with FakeTelegram(token=BOT_TOKEN) as telegram:
            sandbox = SandboxServer(state, API_KEY)
            await sandbox.start()
            try:
                reminded = await _school(state, telegram, database)
                telegram.enforce_rate_limits = True
                state.latency = LATENCY
                state.requests.clear()
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bot",
                    cwd=tmp,  # no .env there
                    env=_environment(telegram, sandbox, database),
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                )
                try:
                    limit = 60 + len(reminded) / RATE * 3
                    started, arrivals = await _watch(state, telegram, reminded, limit)
                finally:
                    process.send_signal(signal.SIGTERM)
                    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
                if process.returncode != 0 or b"Traceback" in stderr:
                    print(stderr.decode()[-2000:])
                    print("the bot did not stop cleanly")
                    return 1
                ok = _report(state, telegram, reminded, started, arrivals)
            finally:
                await sandbox.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
