"""Database: pragmas, migrations, transactions, the lock, close and reopen."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.store import (
    LATEST_VERSION,
    MIGRATIONS,
    Database,
    DatabaseClosedError,
    DatabaseTooNewError,
    Migration,
    Repositories,
)
from bot.store.db import from_db_time, to_db_time
from bot.store.migrations import apply_migrations, current_version

from .conftest import FakeClock


async def test_open_creates_the_folder_and_records_the_version(db_path: Path) -> None:
    assert not db_path.parent.exists()
    db = await Database.open(db_path)
    try:
        assert db_path.is_file()
        rows = await db.fetchall("SELECT version, name FROM schema_version ORDER BY version")
        assert [(row["version"], row["name"]) for row in rows] == [
            (m.version, m.name) for m in MIGRATIONS
        ]
        assert await current_version(db) == LATEST_VERSION
    finally:
        await db.close()


async def test_pragmas(db: Database) -> None:
    async def pragma(name: str) -> object:
        row = await db.fetchone("PRAGMA " + name)
        assert row is not None
        return row[0]

    assert await pragma("journal_mode") == "wal"
    assert await pragma("foreign_keys") == 1
    assert await pragma("busy_timeout") == 5000
    assert await pragma("synchronous") == 1  # NORMAL


async def test_foreign_keys_are_enforced(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE t_parent (id INTEGER PRIMARY KEY)")
        await conn.execute(
            "CREATE TABLE t_child (id INTEGER PRIMARY KEY,"
            " parent_id INTEGER NOT NULL REFERENCES t_parent (id))"
        )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        await db.execute("INSERT INTO t_child (id, parent_id) VALUES (?, ?)", (1, 42))


async def test_the_schema_has_every_table(db: Database) -> None:
    rows = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    names = {row["name"] for row in rows}
    assert {
        "schema_version",
        "staff",
        "chat_customer_links",
        "invite_tokens",
        "audit_log",
        "operations",
        "outbox",
        "webhook_events",
        "invoice_watches",
        "chat_prefs",
        "kv",
    } <= names


async def test_migrations_are_idempotent(db_path: Path) -> None:
    for _ in range(3):
        db = await Database.open(db_path)
        try:
            assert await apply_migrations(db, MIGRATIONS) == LATEST_VERSION
            rows = await db.fetchall("SELECT version FROM schema_version")
            assert len(rows) == LATEST_VERSION
        finally:
            await db.close()


async def test_a_new_migration_is_applied_once_on_an_existing_database(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.execute("INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (7, "en"))
    await db.close()

    v_next = Migration(
        LATEST_VERSION + 1, "add notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY)",)
    )
    for _ in range(2):
        db = await Database.open(db_path, migrations=(*MIGRATIONS, v_next))
        try:
            assert await current_version(db) == LATEST_VERSION + 1
            assert await db.fetchall("SELECT * FROM notes") == []
            row = await db.fetchone("SELECT language FROM chat_prefs WHERE chat_id = ?", (7,))
            assert row is not None and row["language"] == "en"
        finally:
            await db.close()


async def test_a_failing_migration_leaves_the_previous_version(db_path: Path) -> None:
    broken = Migration(
        LATEST_VERSION + 1,
        "broken",
        ("CREATE TABLE half (id INTEGER PRIMARY KEY)", "THIS IS NOT SQL"),
    )
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(db_path, migrations=(*MIGRATIONS, broken))
    db = await Database.open(db_path)
    try:
        assert await current_version(db) == LATEST_VERSION
        row = await db.fetchone("SELECT name FROM sqlite_master WHERE name = ?", ("half",))
        assert row is None
    finally:
        await db.close()


async def test_a_newer_database_is_refused(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.execute(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
        (LATEST_VERSION + 5, "from the future", to_db_time(datetime.now(UTC))),
    )
    await db.close()

    with pytest.raises(DatabaseTooNewError) as caught:
        await Database.open(db_path)
    assert caught.value.found == LATEST_VERSION + 5
    assert caught.value.supported == LATEST_VERSION
    assert "newer bot" in str(caught.value)

    # nothing was changed by the refused open
    conn = sqlite3.connect(db_path)
    try:
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version")]
    finally:
        conn.close()
    assert max(versions) == LATEST_VERSION + 5


async def test_migrations_must_be_numbered_from_one(db_path: Path) -> None:
    with pytest.raises(ValueError, match="numbered"):
        await Database.open(db_path, migrations=(Migration(2, "two", ()),))


async def test_a_transaction_commits_or_rolls_back(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (1, "es"))
        await conn.execute("INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (2, "en"))

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with db.transaction() as conn:
            await conn.execute("UPDATE chat_prefs SET language = ? WHERE chat_id = ?", ("en", 1))
            await conn.execute(
                "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (3, "es")
            )
            raise Boom

    rows = await db.fetchall("SELECT chat_id, language FROM chat_prefs ORDER BY chat_id")
    assert [(r["chat_id"], r["language"]) for r in rows] == [(1, "es"), (2, "en")]


async def test_a_failing_statement_rolls_back_the_whole_transaction(db: Database) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (1, "es")
            )
            await conn.execute(
                "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (1, "en")
            )
    assert await db.fetchall("SELECT * FROM chat_prefs") == []


async def test_statements_of_other_tasks_wait_for_an_open_transaction(db: Database) -> None:
    inside = asyncio.Event()
    release = asyncio.Event()

    async def writer_that_fails() -> None:
        with pytest.raises(RuntimeError, match="abort"):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO chat_prefs (chat_id, language) VALUES (?, ?)", (1, "es")
                )
                inside.set()
                await release.wait()
                raise RuntimeError("abort")

    async def reader() -> int:
        await inside.wait()
        row = await db.fetchone("SELECT COUNT(*) FROM chat_prefs")
        assert row is not None
        return int(row[0])

    writer_task = asyncio.create_task(writer_that_fails())
    reader_task = asyncio.create_task(reader())
    await inside.wait()
    release.set()
    await writer_task
    # Had the read run on the shared connection inside the writer's transaction, it would
    # have counted the uncommitted row.
    assert await reader_task == 0


async def test_concurrent_read_modify_write_transactions_do_not_lose_updates(
    db: Database,
) -> None:
    await db.execute("INSERT INTO kv (namespace, key, value) VALUES ('t', 'n', '0')")

    async def increment() -> None:
        async with db.transaction() as conn:
            async with conn.execute("SELECT value FROM kv WHERE key = 'n'") as cursor:
                row = await cursor.fetchone()
            assert row is not None
            await asyncio.sleep(0)  # let the other tasks run between read and write
            await conn.execute("UPDATE kv SET value = ? WHERE key = 'n'", (str(int(row[0]) + 1),))

    await asyncio.gather(*(increment() for _ in range(20)))
    row = await db.fetchone("SELECT value FROM kv WHERE key = 'n'")
    assert row is not None and row[0] == "20"


async def test_using_the_database_inside_own_transaction_fails_loudly(db: Database) -> None:
    async with db.transaction():
        with pytest.raises(RuntimeError, match="already in a transaction"):
            await db.fetchone("SELECT 1")
        with pytest.raises(RuntimeError, match="already in a transaction"):
            async with db.transaction():
                pass  # pragma: no cover


async def test_a_closed_database_refuses_work(db_path: Path) -> None:
    db = await Database.open(db_path)
    await db.close()
    await db.close()  # twice is harmless
    assert not db.is_open
    with pytest.raises(DatabaseClosedError):
        await db.fetchone("SELECT 1")
    with pytest.raises(DatabaseClosedError):
        async with db.transaction():
            pass  # pragma: no cover


def test_times_are_stored_as_utc_and_must_be_aware() -> None:
    cdmx = timezone(timedelta(hours=-6))
    local = datetime(2025, 2, 1, 0, 0, tzinfo=cdmx)
    assert to_db_time(local) == "2025-02-01T06:00:00.000000Z"
    back = from_db_time(to_db_time(local))
    assert back == local and back.tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        to_db_time(datetime(2025, 2, 1))


async def test_data_survives_close_and_reopen(db_path: Path, clock: FakeClock) -> None:
    db = await Database.open(db_path)
    repos = Repositories.build(db, now=clock)
    await repos.staff.add(10, 1, "command")
    await repos.links.link(100, "cus_a", "Ana", "token", 100)
    op_id = await repos.operations.create("invoice.create", {"amount": 150000}, 10)
    token = await repos.invites.create("parent", "cus_a", "Ana", 10, timedelta(days=7))
    await repos.kv.set_json("ns", "k", {"a": [1, 2]})
    await repos.prefs.set_language(100, "en")
    await db.close()

    db = await Database.open(db_path)
    try:
        repos = Repositories.build(db, now=clock)
        assert await repos.staff.is_staff(10)
        assert [link.customer_id for link in await repos.links.customers_for_chat(100)] == [
            "cus_a"
        ]
        op = await repos.operations.get(op_id)
        assert op is not None and op.payload == {"amount": 150000}
        invite = await repos.invites.consume(token, 200)
        assert invite.customer_id == "cus_a"
        assert await repos.kv.get_json("ns", "k") == {"a": [1, 2]}
        assert await repos.prefs.get_language(100) == "en"
    finally:
        await db.close()


async def test_links_an_old_version_deactivated_for_a_block_come_back_as_a_block(
    db_path: Path,
) -> None:
    hardening = next(m for m in MIGRATIONS if m.name == "outbox history and blocked chats")
    before = MIGRATIONS[: hardening.version - 1]
    db = await Database.open(db_path, migrations=before)
    await db.execute(
        "INSERT INTO chat_customer_links (chat_id, customer_id, customer_name, how, created_at,"
        " active, deactivated_reason, deactivated_at) VALUES"
        " (7, 'cus_a', 'Sofía', 'token', '2026-01-01T00:00:00.000Z', 0, 'blocked',"
        "  '2026-02-01T00:00:00.000Z'),"
        " (8, 'cus_b', 'Diego', 'token', '2026-01-01T00:00:00.000Z', 0, 'unlinked', NULL)"
    )
    await db.close()

    db = await Database.open(db_path)
    try:
        rows = await db.fetchall("SELECT chat_id, active FROM chat_customer_links ORDER BY 1")
        assert [(r["chat_id"], r["active"]) for r in rows] == [(7, 1), (8, 0)]
        blocks = await db.fetchall("SELECT chat_id, blocked_at FROM chat_blocks")
        assert [(r["chat_id"], r["blocked_at"]) for r in blocks] == [
            (7, "2026-02-01T00:00:00.000Z")
        ]
    finally:
        await db.close()
