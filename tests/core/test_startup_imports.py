"""Start-up imports only what every run needs; features load their heavy libraries when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import sys
from bot.__main__ import _skip_unused_imports
_skip_unused_imports()
import bot.app, bot.runtime, bot.logs, bot.ptb.outbox, bot.ptb.jobs, bot.web.app
import telegram.ext._updater as updater
import httpx
heavy = ["phonenumbers", "segno", "PIL", "openpyxl", "tornado", "rich", "pygments"]
print(" ".join(name for name in heavy if sys.modules.get(name) is not None))
print(updater.WEBHOOKS_AVAILABLE, callable(httpx.main))
"""


def test_start_up_leaves_the_heavy_libraries_to_the_features_that_use_them() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded, flags = done.stdout.splitlines()
    assert loaded == ""
    assert flags == "False True"  # PTB without its webhook server; httpx.main a stub


_HTTPCORE_PROBE = """
import asyncio, sys
from bot.__main__ import _skip_unused_imports
_skip_unused_imports()
from httpcore._synchronization import current_async_library
paths = []
sys.meta_path.insert(0, type("Spy", (), {"find_spec": lambda name, *a: paths.append(name)}))
async def main():
    return [current_async_library() for _ in range(3)]
print(asyncio.run(main()), [name for name in paths if name == "sniffio"])
"""


def test_httpcore_does_not_search_for_sniffio_on_every_call() -> None:
    """httpcore imports sniffio (not installed) for each lock it makes; a failed import is not
    remembered, so without the mark each call searched the whole ``sys.path``."""
    done = subprocess.run(
        [sys.executable, "-c", _HTTPCORE_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['asyncio', 'asyncio', 'asyncio'] []"
