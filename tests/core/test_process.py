"""`python -m bot` as a real process against the fake Telegram and the sandbox over HTTP."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxState
from tests.core.helpers import token_of
from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

PARENT = 5001
ROOT = Path(__file__).resolve().parents[2]


def bot_env(tmp_path: Path, telegram: FakeTelegram, **extra: str) -> dict[str, str]:
    """A clean environment: nothing inherited that configures the bot."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUENTLI_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        BOT_ADMIN_IDS=str(ADMIN_ID),
        DATABASE_PATH=str(tmp_path / "data" / "bot.sqlite3"),
        HTTP_PORT="0",
        PYTHONPATH=str(ROOT),
        REMINDER_DAYS="",  # no reminder or office summary at start-up, whatever the hour
        DIGEST_HOUR="",
        **extra,
    )
    return env


async def start_bot(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,  # no .env there: only the environment configures it
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, then the exit code must be 0; returns what it logged."""
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log, log
    return log


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=BOT_TOKEN) as fake:
        yield fake


async def test_a_link_made_through_the_process_survives_its_restart(
    tmp_path: Path, telegram: FakeTelegram
) -> None:
    state = SandboxState(path=None)
    state.add_customer("Lucía García López", "A-1029")
    sandbox = SandboxServer(state, API_KEY)
    await sandbox.start()
    env = bot_env(tmp_path, telegram, QUENTLI_API_KEY=API_KEY, QUENTLI_API_URL=sandbox.url)
    try:
        process = await start_bot(tmp_path, env)
        telegram.send_command(telegram.user(ADMIN_ID), "/invitar A-1029")
        token = token_of(await telegram.next_reply(ADMIN_ID, timeout=30))
        parent = telegram.user(PARENT, "Marta")
        telegram.send_command(parent, f"/start {token}")
        assert "Lucía García López" in (await telegram.next_reply(PARENT)).text
        log = await stop_bot(process)
        assert BOT_TOKEN not in log and API_KEY not in log

        process = await start_bot(tmp_path, env)
        telegram.send_command(parent, "/start")
        welcome = await telegram.next_reply(PARENT, timeout=30)
        assert "vinculado con: <b>Lucía García López</b>" in (
            welcome.message.get("text") or ""
        ) or ("Lucía García López" in welcome.text)
        await stop_bot(process)
    finally:
        await sandbox.stop()


async def test_sandbox_mode_process_says_so_to_staff(
    tmp_path: Path, telegram: FakeTelegram
) -> None:
    process = await start_bot(tmp_path, bot_env(tmp_path, telegram))
    try:
        telegram.send_command(telegram.user(ADMIN_ID), "/ayuda")
        assert "sandbox" in (await telegram.next_reply(ADMIN_ID, timeout=30)).text.lower()
        telegram.send_command(telegram.user(PARENT), "/ayuda")
        assert "sandbox" not in (await telegram.next_reply(PARENT)).text.lower()
    finally:
        await stop_bot(process)
    # The demo school's state is kept beside the database, so a restart keeps it, and the
    # sandbox comes back on the same port, so checkout links handed out before still open.
    assert (tmp_path / "data" / "bot.sandbox.json").exists()
    port = (tmp_path / "data" / "bot.sandbox.port").read_text()
    process = await start_bot(tmp_path, bot_env(tmp_path, telegram))
    try:
        telegram.send_command(telegram.user(ADMIN_ID), "/alumno A-1030")
        assert "Mateo" in (await telegram.next_reply(ADMIN_ID, timeout=30)).text
    finally:
        await stop_bot(process)
    assert (tmp_path / "data" / "bot.sandbox.port").read_text() == port


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TELEGRAM_BOT_TOKEN", "bad", "TELEGRAM_BOT_TOKEN"),
        ("BOT_ADMIN_IDS", "ana,luis", "BOT_ADMIN_IDS"),
        ("BOT_TIMEZONE", "Mars/Olympus", "BOT_TIMEZONE"),
    ],
)
async def test_a_bad_setting_exits_2_with_one_readable_line(
    tmp_path: Path, telegram: FakeTelegram, variable: str, value: str, expected: str
) -> None:
    env = bot_env(tmp_path, telegram)
    env[variable] = value
    process = await start_bot(tmp_path, env)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = stderr.decode().strip().splitlines()
    assert process.returncode == 2
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in lines[0]
    assert value not in lines[0] or variable != "TELEGRAM_BOT_TOKEN"
