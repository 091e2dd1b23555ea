"""`python -m bot` as a deployment runs it: SIGTERM finishes the work in flight, exit code 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bot.config import Settings
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY
from tests.ops.conftest import TOKEN

ROOT = Path(__file__).resolve().parents[2]


def _environment(telegram: FakeTelegram, sandbox: SandboxServer, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in Settings.model_fields}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        QUENTLI_API_KEY=API_KEY,
        QUENTLI_API_URL=sandbox.url,
        BOT_ADMIN_IDS=str(ADMIN_ID),
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        HTTP_PORT="0",
        LOG_FORMAT="json",
        LOG_LEVEL="DEBUG",
        REMINDER_DAYS="",  # no reminder or office summary at start-up, whatever the hour
        DIGEST_HOUR="",
    )
    return env


async def test_sigterm_finishes_in_flight_updates_and_exits_cleanly(tmp_path: Path):
    state = SandboxState(path=None)
    state.add_customer("Ana López", "A-1029")
    async with FakeTelegram(token=TOKEN) as telegram:
        sandbox = SandboxServer(state, API_KEY)
        await sandbox.start()
        stderr_path = tmp_path / "stderr.log"
        try:
            with stderr_path.open("wb") as stderr:
                process = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bot",
                    cwd=tmp_path,  # no .env there
                    env=_environment(telegram, sandbox, tmp_path),
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=stderr,
                )
                try:
                    # Polling starts right after deleteWebhook (PTB's bootstrap).
                    await telegram.wait_for(lambda: telegram.calls_to("deleteWebhook"), timeout=60)
                    # Every Quentli answer is slow, so the command is mid-way when SIGTERM comes.
                    state.latency = 0.5
                    admin = telegram.user(ADMIN_ID, first_name="Directora")
                    telegram.send_command(admin, "/invite A-1029")
                    await telegram.wait_for(lambda: state.requests, timeout=30)
                    assert telegram.bot_messages(ADMIN_ID) == []

                    process.send_signal(signal.SIGTERM)
                    code = await asyncio.wait_for(process.wait(), timeout=60)
                finally:
                    if process.returncode is None:
                        process.kill()
                        await process.wait()
        finally:
            await sandbox.stop()

    log = stderr_path.read_text()
    assert code == 0, log[-3000:]
    assert "Traceback" not in log
    # The update in flight was finished: the staff member got the invite.
    replies = telegram.bot_messages(ADMIN_ID)
    assert replies, log[-3000:]
    # JSON lines, and no secret anywhere even at DEBUG.
    entries = [json.loads(line) for line in log.splitlines() if line.strip()]
    assert any("stopping" in e["message"] for e in entries)
    assert TOKEN not in log and API_KEY not in log
    # The database was closed cleanly: the WAL was checkpointed and removed.
    database = tmp_path / "data" / "bot.sqlite3"
    assert not Path(f"{database}-wal").exists()
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
