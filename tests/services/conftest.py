"""A real SQLite store per test, for the services that keep their state there."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.store import Database, Repositories


@pytest.fixture
async def repos(tmp_path: Path) -> AsyncIterator[Repositories]:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield Repositories.build(db)
    finally:
        await db.close()
