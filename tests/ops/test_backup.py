"""`quentli-bot backup FILE`: a consistent copy of the database, made while the bot runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.ops.backup import BackupError, backup_database
from bot.store import LATEST_VERSION, Database, Repositories
from tests.ops.conftest import TOKEN


async def test_backup_of_an_open_database(tmp_path: Path):
    source = tmp_path / "data" / "bot.sqlite3"
    db = await Database.open(source)
    try:
        repos = Repositories.build(db)
        await repos.staff.add(4242, 1, "command")
        target = tmp_path / "backups" / "copy.sqlite3"

        pages = backup_database(source, target)  # the bot still holds its connection

        await repos.staff.add(4343, 1, "command")  # later writes are not in the snapshot
    finally:
        await db.close()
    assert pages > 0
    copy = sqlite3.connect(target)
    try:
        staff = [row[0] for row in copy.execute("SELECT user_id FROM staff")]
        (version,) = copy.execute("SELECT MAX(version) FROM schema_version").fetchone()
        (journal,) = copy.execute("PRAGMA journal_mode").fetchone()
    finally:
        copy.close()
    assert staff == [4242]
    assert version == LATEST_VERSION
    assert journal == "delete"  # a standalone file, no -wal needed beside it
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]


def test_backup_refuses_to_overwrite(tmp_path: Path):
    source = tmp_path / "bot.sqlite3"
    sqlite3.connect(source).close()
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"precious")

    with pytest.raises(BackupError, match="already exists"):
        backup_database(source, target)
    assert target.read_bytes() == b"precious"


def test_backup_without_a_database(tmp_path: Path):
    with pytest.raises(BackupError, match="no database at"):
        backup_database(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()  # nothing created on the way


def test_backup_subcommand(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    source = clean_env / "bot.sqlite3"
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.execute("INSERT INTO t VALUES (7)")
    conn.commit()
    conn.close()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(source))

    assert main(["backup", "copy.sqlite3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"✔ Backup of {source} written to copy.sqlite3")
    assert TOKEN not in out
    copy = sqlite3.connect(clean_env / "copy.sqlite3")
    try:
        assert copy.execute("SELECT x FROM t").fetchall() == [(7,)]
    finally:
        copy.close()

    assert main(["backup", "copy.sqlite3"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_unknown_subcommand_shows_usage(clean_env: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["frobnicate"]) == 2
    assert "usage: quentli-bot" in capsys.readouterr().err
