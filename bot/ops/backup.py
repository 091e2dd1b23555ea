"""``quentli-bot backup FILE``: a consistent copy of the database, safe while the bot runs.

SQLite's online backup API (``sqlite3.Connection.backup``) copies page by page under a read
transaction, so the copy is a snapshot even while the bot writes (WAL mode). The copy is written
to a temporary file beside the target, checked with ``PRAGMA integrity_check``, then renamed into
place: a failed backup never leaves a half-written file under the chosen name.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path


class BackupError(Exception):
    """The backup could not be made; the message says why and what to do."""


def backup_database(source: Path, target: Path) -> int:
    """Copy the database at ``source`` to ``target`` (which must not exist).

    Returns:
        The number of pages copied.

    Raises:
        BackupError: no database at ``source``, ``target`` exists, or the copy failed.
    """
    if not source.is_file():
        raise BackupError(f"no database at {source} (check DATABASE_PATH)")
    if target.exists():
        raise BackupError(f"{target} already exists: choose a new file name")
    if target.resolve() == source.resolve():
        raise BackupError("the backup must be another file than the database")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        # Opened read-write (not mode=ro) so SQLite can use the WAL index while the bot runs.
        src = sqlite3.connect(source, timeout=10)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                (check,) = dst.execute("PRAGMA integrity_check").fetchone()
                (pages,) = dst.execute("PRAGMA page_count").fetchone()
                # A standalone file: no -wal beside it that a copy could forget.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        if check != "ok":
            raise BackupError(f"the copy failed its integrity check ({check})")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"the copy failed ({exc})") from exc
    finally:
        partial.unlink(missing_ok=True)
    return int(pages)


def run_backup(database_path: Path, target: str) -> int:
    """The subcommand: print what happened; exit code 0 on success, 1 otherwise."""
    try:
        pages = backup_database(database_path, Path(target))
    except BackupError as exc:
        print(f"✘ Backup failed: {exc}", file=sys.stderr)
        return 1
    size = Path(target).stat().st_size
    print(f"✔ Backup of {database_path} written to {target} ({pages} pages, {size} bytes)")
    return 0
