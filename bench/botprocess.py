"""The bot (or the bare echo bot) as its own process against the fakes run by a benchmark.

The fakes (Telegram, the Quentli sandbox) stay in the benchmark's process, so their work never
counts as the bot's, and the bot process is read from /proc (CPU seconds, resident memory).
"""

from __future__ import annotations

import asyncio
import compileall
import os
import signal
import sys
import sysconfig
from pathlib import Path

from tests.faketelegram import FakeTelegram
from tests.harness import ADMIN_ID, API_KEY, BOT_TOKEN

ROOT = Path(__file__).resolve().parents[1]
_TICK = os.sysconf("SC_CLK_TCK")


def compile_bytecode() -> None:
    """Compile the bot's and its dependencies' modules to bytecode, as the image does when it is
    built (``UV_COMPILE_BYTECODE=1`` in the Dockerfile), so that start-up is measured as
    deployed. Without it, a checkout run with ``PYTHONDONTWRITEBYTECODE=1`` compiles every
    module from source on every start (about 0.5-0.7 s for either bot). Up-to-date files are
    skipped, so only the first benchmark after a change pays.
    """
    for path in (sysconfig.get_paths()["purelib"], ROOT / "bot", ROOT / "bench"):
        compileall.compile_dir(path, quiet=2, workers=0)


def environment(telegram: FakeTelegram, quentli_url: str, database: Path) -> dict[str, str]:
    """The bot's settings: the fakes, a fresh database, no collections at start-up."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUENTLI_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=BOT_TOKEN,
        TELEGRAM_API_BASE_URL=telegram.base_url,
        QUENTLI_API_KEY=API_KEY,
        QUENTLI_API_URL=quentli_url,
        BOT_ADMIN_IDS=str(ADMIN_ID),
        DATABASE_PATH=str(database),
        HTTP_PORT="0",
        LOG_LEVEL="WARNING",
        REMINDER_DAYS="",
        DIGEST_HOUR="",
    )
    return env


async def spawn(module: str, env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """``python -m module`` with ``env``, in ``cwd`` (no .env there).

    With BENCH_PROFILE=DIR in the environment, the process runs under cProfile and writes
    DIR/<module>.prof when it stops (read it with ``python -m pstats``).
    """
    args = _profiled(["-m", module], module)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> str | None:
    """SIGTERM, then the error output if the process did not stop cleanly (else None)."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    text = stderr.decode()
    if process.returncode != 0 or "Traceback" in text:
        return text[-3000:]
    return None


def _profiled(args: list[str], module: str) -> list[str]:
    profile = os.environ.get("BENCH_PROFILE")
    if not profile:
        return args
    return ["-m", "cProfile", "-o", str(Path(profile).resolve() / f"{module}.prof"), *args]


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def first_poll(telegram: FakeTelegram, polls: int, limit: float) -> bool:
    """Wait until a getUpdates beyond the ``polls`` seen reached Telegram."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while telegram.state.poll_generation <= polls and loop.time() < deadline:
        await telegram.state.wait_change(0.005)
    return telegram.state.poll_generation > polls
