"""Start-up and the web app's port (SPEC "Running it"): a taken HTTP_PORT is one clear line and
exit code 2, never a traceback, and `check` says so; with HTTP_PORT=0 the log says which port."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.ops.check import run_check
from tests.core.test_process import bot_env, start_bot, stop_bot
from tests.faketelegram import FakeTelegram
from tests.harness import BOT_TOKEN, make_settings

LISTENING = re.compile(r"the web app listens on (http://127\.0\.0\.1:(\d+))")


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A loopback port something else is listening on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.fixture
async def telegram() -> FakeTelegram:  # type: ignore[misc]
    async with FakeTelegram(token=BOT_TOKEN) as fake:
        yield fake


async def test_a_taken_port_is_one_clear_line_and_exit_code_2(
    tmp_path: Path, telegram: FakeTelegram, taken_port: int
) -> None:
    env = bot_env(tmp_path, telegram)
    env["HTTP_PORT"] = str(taken_port)
    process = await start_bot(tmp_path, env)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    log = stderr.decode()
    assert process.returncode == 2, log
    assert "Traceback" not in log, log
    errors = [line for line in log.splitlines() if str(taken_port) in line]
    assert len(errors) == 1, log
    assert "already in use" in errors[0] and "HTTP_PORT" in errors[0]


async def test_check_reports_a_taken_port(
    tmp_path: Path, telegram: FakeTelegram, taken_port: int
) -> None:
    settings = make_settings(tmp_path, telegram, None, http_port=taken_port)
    lines: list[str] = []
    code = await run_check(settings, lines.append, setup_logging=False)
    report = "\n".join(lines)
    assert code == 1, report
    assert f"✘ Web app: could not listen on 127.0.0.1:{taken_port}" in report
    assert "All good" not in report


async def test_port_zero_is_logged_with_the_port_it_got(
    tmp_path: Path, telegram: FakeTelegram
) -> None:
    process = await start_bot(tmp_path, bot_env(tmp_path, telegram))
    try:
        assert process.stderr is not None
        seen: list[str] = []
        while not (found := LISTENING.search("".join(seen))):
            line = await asyncio.wait_for(process.stderr.readline(), timeout=60)
            assert line, "".join(seen)
            seen.append(line.decode())
        url, port = found.group(1), int(found.group(2))
        assert port != 0
        async with httpx.AsyncClient() as http:
            assert (await http.get(url + "/healthz")).status_code == 200
    finally:
        await stop_bot(process)
