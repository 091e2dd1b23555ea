"""SandboxServer lifecycle and ``python -m bot.sandbox``."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from pathlib import Path

import httpx
import pytest

from bot.sandbox import SandboxServer, SandboxState


async def test_port_zero_binds_a_real_free_port() -> None:
    async with (
        SandboxServer(SandboxState(), "k") as one,
        SandboxServer(SandboxState(), "k") as two,
    ):
        assert re.match(r"^http://127\.0\.0\.1:\d+$", one.url)
        assert one.url != two.url
        assert not one.url.endswith(":0")
        async with httpx.AsyncClient() as client:
            assert (await client.get(one.url + "/")).status_code == 200


async def test_a_taken_port_fails_to_start() -> None:
    async with SandboxServer(SandboxState(), "k") as running:
        clash = SandboxServer(SandboxState(), "k", port=running.port)
        with pytest.raises(RuntimeError, match="could not listen"):
            await clash.start()


async def test_stop_is_idempotent_and_url_needs_a_running_server() -> None:
    server = SandboxServer(SandboxState(), "k")
    with pytest.raises(RuntimeError):
        _ = server.url
    await server.start()
    await server.stop()
    await server.stop()
    with pytest.raises(RuntimeError):
        _ = server.url


async def test_stop_ends_a_pending_hang() -> None:
    state = SandboxState()
    state.hang_next(600)
    server = SandboxServer(state, "k")
    await server.start()
    async with httpx.AsyncClient(headers={"Authorization": "Bearer k"}) as client:
        request = asyncio.create_task(client.get(server.url + "/v1/customers"))
        while not state.requests:
            await asyncio.sleep(0.01)
        await server.stop()
        response = await request
    assert response.status_code == 200


async def test_command_line_prints_url_and_key(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.sandbox",
        "--port",
        "0",
        "--state",
        str(tmp_path / "state.json"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(20):
            url_line = (await process.stdout.readline()).decode()
            key_line = (await process.stdout.readline()).decode()
        url = re.search(r"(http://127\.0\.0\.1:\d+)/v1", url_line)
        key = re.search(r"API key: (sk_sandbox_\S+)", key_line)
        assert url, url_line
        assert key, key_line
        async with httpx.AsyncClient() as client:
            response = await client.get(
                url.group(1) + "/v1/customers",
                headers={"Authorization": f"Bearer {key.group(1)}"},
            )
        assert response.status_code == 200
        assert len(response.json()) >= 5  # seeded demo school
    finally:
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(20):
            _out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    assert (tmp_path / "state.json").exists()
