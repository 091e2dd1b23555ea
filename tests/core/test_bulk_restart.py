"""A bulk batch survives a SIGKILL of the bot process: the restarted bot finishes it, and no
invoice is created twice (rows whose write may have landed are looked up in Quentli first)."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.parsing.dates import today
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.core.test_process import bot_env, start_bot, stop_bot
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

ROWS = 48
LATENCY = 0.25


async def test_a_batch_killed_midway_completes_after_the_restart_without_doubles(
    tmp_path: Path,
) -> None:
    state = SandboxState(path=None)
    students = [state.add_customer(f"Alumno {n:02d}", f"K-{n:03d}") for n in range(ROWS)]
    due = today(ZoneInfo("America/Mexico_City")) + timedelta(days=30)
    lines = ["alumno,concepto,monto,vence"]
    lines += [f"{s['username']},Excursión,350,{due:%d/%m/%Y}" for s in students]
    content = ("\n".join(lines) + "\n").encode()
    async with FakeTelegram(token=BOT_TOKEN) as telegram:
        sandbox = SandboxServer(state, API_KEY)
        await sandbox.start()
        env = bot_env(tmp_path, telegram, QUENTLI_API_KEY=API_KEY, QUENTLI_API_URL=sandbox.url)
        try:
            process = await start_bot(tmp_path, env)
            admin = telegram.user(ADMIN_ID)
            telegram.send_document(admin, "excursion.csv", content, mime_type="text/csv")
            await telegram.next_reply(ADMIN_ID, timeout=30)  # checking…
            preview = await telegram.next_reply(ADMIN_ID, timeout=30)
            assert f"Filas válidas: {ROWS}" in preview.text
            state.latency = LATENCY  # Quentli slows down
            telegram.press_button(admin, preview, telegram.find_button(preview, "Crear").value)

            def posts() -> int:
                return sum(1 for r in state.requests if r.method == "POST")

            await telegram.wait_for(lambda: posts() >= 12, timeout=30)
            process.send_signal(signal.SIGKILL)
            await process.wait()
            killed_at = posts()
            assert killed_at < ROWS  # it really was midway

            state.latency = 0.05
            process = await start_bot(tmp_path, env)

            def finished() -> bool:
                return any(m.document for m in telegram.bot_messages(ADMIN_ID))

            await telegram.wait_for(finished, timeout=60)
            await asyncio.sleep(0.2)
            await stop_bot(process)
        finally:
            await sandbox.stop()
    keys = Counter(
        (invoice.get("meta") or {}).get("bulkRow") for invoice in state.invoices.values()
    )
    assert None not in keys
    assert len(keys) == ROWS and set(keys.values()) == {1}  # each row once, none twice
    # the rows in flight at the kill were looked up by their metadata before anything was resent
    lookups = [
        r
        for r in state.requests
        if r.method == "GET"
        and r.path == "/v1/invoices"
        and "bulkRow" in r.query.get("filter", "")
    ]
    assert lookups
    texts = [m.text or "" for m in telegram.bot_messages(ADMIN_ID)]
    assert any(f"Creadas: {ROWS}" in t for t in texts), texts[-3:]
