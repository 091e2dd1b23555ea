"""The one SQLite connection of the bot: pragmas, migrations, transactions.

Every statement goes through one ``aiosqlite`` connection. Because a connection has a single
transaction state, everything that touches it (explicit transactions and single statements) is
serialised by one ``asyncio.Lock``; otherwise a read issued by one task could land inside another
task's open transaction.

Times are stored as fixed-width UTC text (``2025-02-01T06:00:00.000000Z``) so that SQL can compare
them as strings, and read back as aware UTC datetimes. JSON columns hold ``json.dumps`` text.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import aiosqlite

if TYPE_CHECKING:
    from bot.store.migrations import Migration

__all__ = [
    "Clock",
    "Database",
    "DatabaseClosedError",
    "DatabaseTooNewError",
    "Params",
    "Row",
    "TableCopy",
    "dump_json",
    "execute_in",
    "fetchall_in",
    "fetchone_in",
    "from_db_time",
    "insert_in",
    "load_json",
    "to_db_time",
    "utc_now",
]

_LOG = logging.getLogger("bot.store")

Row = sqlite3.Row
Params = Sequence[Any]
Clock = Callable[[], datetime]

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer version of the bot than this code.

    Attributes:
        found: the schema version recorded in the database.
        supported: the newest schema version this code knows.
    """

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"database {path} has schema version {found}, but this version of the bot only "
            f"knows versions up to {supported}; run a newer bot or restore a matching backup"
        )
        self.path = path
        self.found = found
        self.supported = supported


class DatabaseClosedError(RuntimeError):
    """The database was used after ``close()`` (or before ``open()``)."""


_T = TypeVar("_T")


class TableCopy(Generic[_T]):
    """A small table's in-memory copy, read by ``load`` on first use (once, however many ask at
    the same time). The repository that holds it is the table's only writer and keeps it exact.
    """

    def __init__(self, load: Callable[[], Awaitable[_T]]) -> None:
        self._load = load
        self._value: _T | None = None
        self._loading = asyncio.Lock()

    async def get(self) -> _T:
        """The copy, loaded first if it is not yet."""
        if self._value is None:
            async with self._loading:
                if self._value is None:
                    self._value = await self._load()
        return self._value


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime (the default clock of every repo)."""
    return datetime.now(UTC)


def to_db_time(value: datetime) -> str:
    """Encode an aware datetime as fixed-width UTC text.

    Raises:
        ValueError: when ``value`` is naive (its meaning would depend on the host's zone).
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime given to the store; pass an aware datetime")
    return value.astimezone(UTC).strftime(_TIME_FORMAT)


def from_db_time(value: str) -> datetime:
    """Decode text written by :func:`to_db_time` into an aware UTC datetime."""
    return datetime.strptime(value, _TIME_FORMAT).replace(tzinfo=UTC)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return to_db_time(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"value of type {type(value).__name__} is not JSON serialisable")


def dump_json(value: object, *, strict: bool = False) -> str:
    """Serialise ``value`` for a JSON column.

    Args:
        value: JSON-serialisable data.
        strict: when False, dates and aware datetimes become ISO text (one-way: they are read
            back as strings); when True they raise like any other non-JSON value.

    Raises:
        TypeError: a value cannot be serialised.
        ValueError: NaN or infinity (not valid JSON).
    """
    return json.dumps(
        value,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
        default=None if strict else _json_default,
    )


def load_json(value: str) -> Any:
    """Parse a JSON column."""
    return json.loads(value)


class Database:
    """One aiosqlite connection with WAL, foreign keys, a busy timeout and migrations applied.

    Build it with :meth:`open`; close it with :meth:`close`. Single statements go through
    :meth:`execute`, :meth:`fetchone` and :meth:`fetchall`; several statements that must succeed
    or fail together go through ``async with db.transaction() as conn``.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        """Wrap an open connection; use :meth:`open` instead of calling this directly."""
        self._conn: aiosqlite.Connection | None = conn
        self.path = path
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    @classmethod
    async def open(
        cls, path: Path | str, *, migrations: Sequence[Migration] | None = None
    ) -> Database:
        """Open (or create) the database file and bring its schema up to date.

        Args:
            path: the SQLite file; its folder is created when missing.
            migrations: the numbered migrations to apply (default: the bot's own list;
                tests pass their own).

        Returns:
            The open database.

        Raises:
            DatabaseTooNewError: the file's recorded schema version is newer than ``migrations``.
            sqlite3.Error: the file could not be opened or a migration failed (nothing of that
                migration is kept).
        """
        from bot.store.migrations import MIGRATIONS, apply_migrations

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: sqlite3 opens no implicit transactions; we issue BEGIN ourselves.
        conn = await aiosqlite.connect(path, isolation_level=None, timeout=5.0)
        try:
            conn.row_factory = sqlite3.Row
            mode_row = await _fetchone(conn, "PRAGMA journal_mode=WAL", ())
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA synchronous=NORMAL")
            if mode_row is None or str(mode_row[0]).lower() != "wal":
                _LOG.warning("SQLite refused WAL mode for %s", path)
            db = cls(conn, path)
            await apply_migrations(db, MIGRATIONS if migrations is None else migrations)
        except BaseException:
            await conn.close()
            raise
        return db

    @property
    def is_open(self) -> bool:
        """True until :meth:`close` was called."""
        return self._conn is not None

    async def close(self) -> None:
        """Close the connection after any running transaction; calling it twice is harmless."""
        self._refuse_reentry()
        async with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                await conn.close()

    def _require_conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise DatabaseClosedError("the database is closed")
        return self._conn

    def _refuse_reentry(self) -> None:
        # asyncio.Lock is not reentrant: a task that calls db.execute() inside its own
        # transaction would wait for itself forever. Fail loudly instead.
        if self._owner is not None and self._owner is asyncio.current_task():
            raise RuntimeError(
                "the database is already in a transaction of this task; "
                "use the connection given by transaction()"
            )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run statements in one ``BEGIN IMMEDIATE`` transaction.

        The write lock is taken at ``BEGIN`` so that a read-then-write inside the block cannot
        be interleaved with another writer. The block commits when it ends normally and rolls
        back on any exception (including cancellation).

        Yields:
            The connection; use it (not ``db.execute``) for every statement of the block.

        Raises:
            RuntimeError: when called inside a transaction of the same task.
            DatabaseClosedError: after :meth:`close`.
        """
        self._refuse_reentry()
        async with self._lock:
            conn = self._require_conn()
            self._owner = asyncio.current_task()
            try:
                await conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        await conn.execute("ROLLBACK")
                    raise
                try:
                    await conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        await conn.execute("ROLLBACK")
                    raise
            finally:
                self._owner = None

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement in its own (implicit) transaction.

        Args:
            sql: one SQL statement with ``?`` placeholders.
            params: the values for the placeholders.

        Returns:
            The number of rows the statement changed (``-1``/``0`` for statements that change
            none).
        """
        self._refuse_reentry()
        async with self._lock:
            conn = self._require_conn()
            async with conn.execute(sql, params) as cursor:
                return cursor.rowcount

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Run one query and return its first row, or ``None`` when it returns none."""
        self._refuse_reentry()
        async with self._lock:
            return await _fetchone(self._require_conn(), sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Run one query and return all its rows."""
        self._refuse_reentry()
        async with self._lock:
            return await _fetchall(self._require_conn(), sql, params)


# One trip to aiosqlite's thread per query (execute, fetch and close there), not three: each
# trip wakes the event loop, and an update makes several queries.
async def _fetchone(conn: aiosqlite.Connection, sql: str, params: Params) -> Row | None:
    rows = await _fetchall(conn, sql, params)
    return rows[0] if rows else None


async def _fetchall(conn: aiosqlite.Connection, sql: str, params: Params) -> list[Row]:
    return list(await conn.execute_fetchall(sql, params))


async def fetchone_in(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> Row | None:
    """Inside a transaction: run one query and return its first row or ``None``."""
    return await _fetchone(conn, sql, params)


async def fetchall_in(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> list[Row]:
    """Inside a transaction: run one query and return all its rows."""
    return await _fetchall(conn, sql, params)


async def execute_in(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> int:
    """Inside a transaction: run one statement and return the number of rows it changed."""
    async with conn.execute(sql, params) as cursor:
        return cursor.rowcount


async def insert_in(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> int:
    """Inside a transaction: run one INSERT and return the new row's id."""
    async with conn.execute(sql, params) as cursor:
        rowid = cursor.lastrowid
    if rowid is None:  # pragma: no cover - sqlite always reports one after an INSERT
        raise RuntimeError("INSERT reported no row id")
    return rowid
