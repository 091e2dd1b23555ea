"""Benchmark: a 500-row bulk invoicing file with Quentli answering every call after 150 ms.

    uv run python -m bench.bench_bulk

The bot runs as its own process (``python -m bot``) against the fake Telegram (flood limits
enforced) and the Quentli sandbox, both in this process, every sandbox call answered after
150 ms. A staff member sends a 500-row CSV, reads the preview and presses Confirm once.

Reports (a benchmark, not a timed test):
- the check: its wall time and its Quentli calls (students looked up 100 per call);
- the writing, from the Confirm to the report file: wall time against the sequential bound
  (500 x 150 ms = 75 s); the goal is under 15 s (5x faster);
- the progress edits of that message (at most one per 2 s) and the invoices created (500, each
  once);
- the CPU time of the bot process and of this one (on a busy machine the wall time grows).
Exit code 1 when a bound is missed.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import botprocess
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

ROWS = 500
LATENCY = 0.15
GOAL = 15.0
TZ = ZoneInfo("America/Mexico_City")


def _file(state: SandboxState) -> bytes:
    due = datetime.now(TZ).date() + timedelta(days=30)
    lines = ["alumno,concepto,monto,vence"]
    for n in range(ROWS):
        customer = state.add_customer(f"Alumno {n:04d}", f"M-{n:04d}")
        lines.append(f'{customer["username"]},Inscripción 2027,"4,850.00",{due:%d/%m/%Y}')
    return ("\n".join(lines) + "\n").encode()


async def _run(state: SandboxState, telegram: FakeTelegram) -> bool:
    admin = telegram.user(ADMIN_ID, "Sofía")
    telegram.private_chat(admin)
    content = _file(state)
    state.latency = LATENCY
    state.requests.clear()
    checked = time.monotonic()
    telegram.send_document(admin, "inscripciones.csv", content, mime_type="text/csv")
    await telegram.next_reply(ADMIN_ID, timeout=60)  # checking…
    preview = await telegram.next_reply(ADMIN_ID, timeout=120)
    check_wall = time.monotonic() - checked
    check_calls = len(state.requests)
    if f"Filas válidas: {ROWS}" not in (preview.text or ""):
        print(preview.text)
        return False
    edits_before = len(telegram.calls_to("editMessageText"))
    started = time.monotonic()
    telegram.press_button(admin, preview, telegram.find_button(preview, "Crear").value)

    def reported() -> bool:
        return any(m.document for m in telegram.bot_messages(ADMIN_ID))

    await telegram.wait_for(reported, timeout=300)
    wall = time.monotonic() - started
    progress = [
        c
        for c in telegram.calls_to("editMessageText")[edits_before:]
        if "Creando" in str(c.params.get("text", ""))
    ]
    keys = Counter((i.get("meta") or {}).get("bulkRow") for i in state.invoices.values())
    posts = sum(1 for r in state.requests if r.method == "POST")
    sequential = ROWS * LATENCY
    print(f"rows: {ROWS}; Quentli latency: {LATENCY * 1000:.0f} ms per call")
    print(f"check: {check_wall:.2f} s, {check_calls} Quentli calls (students 100 per list call)")
    print(
        f"writing: {wall:.2f} s from Confirm to the report; sequential bound {sequential:.0f} s "
        f"(ratio {sequential / wall:.1f}x faster); goal < {GOAL:g} s"
    )
    # the 0/500 shown at the Confirm, then at most one edit per 2 s
    bound = int(wall // 2) + 2
    print(
        f"progress edits: {len(progress)} (the first at Confirm, then at most one per 2 s: "
        f"<= {bound})"
    )
    print(
        f"invoices created: {len(keys)} distinct rows, {posts} POSTs, doubles: "
        f"{sum(1 for n in keys.values() if n > 1)}"
    )
    ok = (
        wall < GOAL
        and len(keys) == ROWS
        and all(n == 1 for n in keys.values())
        and 0 < len(progress) <= bound
    )
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
                telegram.enforce_rate_limits = True
                env = botprocess.environment(telegram, sandbox.url, database)
                process = await botprocess.spawn("bot", env, Path(tmp))  # no .env there
                try:
                    await telegram.wait_for(lambda: telegram.calls_to("getUpdates"), timeout=60)
                    ok = await _run(state, telegram)
                    print(
                        f"CPU: the bot process {botprocess.cpu_seconds(process.pid):.2f} s "
                        f"(start-up included), this process (sandbox, fake Telegram) "
                        f"{time.process_time():.2f} s"
                    )
                finally:
                    failure = await botprocess.stop(process)
                if failure is not None:
                    print(failure[-2000:])
                    print("the bot did not stop cleanly")
                    return 1
            finally:
                await sandbox.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
