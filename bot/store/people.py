"""People: each Telegram user's display name and Telegram language, from their last update."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Clock, Database, Row, from_db_time, to_db_time, utc_now

__all__ = ["PeopleRepo", "Person"]

# SQLite's default limit on the ``?`` of one statement is 999 (older builds): stay well below.
_IDS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class Person:
    """A Telegram user as their last update showed them.

    Attributes:
        user_id: the Telegram user id (for a private chat, also the chat id).
        name: first and last name, else ``@username``.
        username: the ``@username`` without the ``@`` (None: they have none).
        language_code: Telegram's ``language_code`` as sent (``"en"``, ``"es-MX"``), or None.
        updated_at: when the row last changed.
    """

    user_id: int
    name: str
    username: str | None
    language_code: str | None
    updated_at: datetime


def _person(row: Row) -> Person:
    return Person(
        user_id=row["user_id"],
        name=row["name"],
        username=row["username"],
        language_code=row["language_code"],
        updated_at=from_db_time(row["updated_at"]),
    )


class PeopleRepo:
    """The ``people`` table."""

    def __init__(self, db: Database, *, now: Clock = utc_now) -> None:
        self._db = db
        self._now = now

    async def get(self, user_id: int) -> Person | None:
        """The profile of ``user_id``, or ``None`` when the bot never saw them."""
        row = await self._db.fetchone("SELECT * FROM people WHERE user_id = ?", (user_id,))
        return None if row is None else _person(row)

    async def save(
        self, user_id: int, name: str, username: str | None, language_code: str | None
    ) -> None:
        """Create or replace the profile of ``user_id``.

        Raises:
            ValueError: ``name`` is empty.
        """
        if not name:
            raise ValueError("a person's name must not be empty")
        await self._db.execute(
            "INSERT INTO people (user_id, name, username, language_code, updated_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,"
            " username = excluded.username, language_code = excluded.language_code,"
            " updated_at = excluded.updated_at",
            (user_id, name, username, language_code, to_db_time(self._now())),
        )

    async def keep(
        self, user_id: int, name: str, username: str | None, language_code: str | None
    ) -> Person | None:
        """Write the profile of ``user_id`` when it is new or differs from the stored one, in
        one statement (one trip to the database, however it turns out).

        A ``language_code`` of None keeps the stored one (it says nothing about the language).

        Returns:
            The profile as written, or None when the stored one already said so (unchanged).

        Raises:
            ValueError: ``name`` is empty.
        """
        if not name:
            raise ValueError("a person's name must not be empty")
        rows = await self._db.fetchall(
            "INSERT INTO people (user_id, name, username, language_code, updated_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,"
            " username = excluded.username,"
            " language_code = COALESCE(excluded.language_code, people.language_code),"
            " updated_at = excluded.updated_at"
            " WHERE people.name IS NOT excluded.name OR people.username IS NOT excluded.username"
            " OR (excluded.language_code IS NOT NULL"
            " AND people.language_code IS NOT excluded.language_code)"
            " RETURNING *",
            (user_id, name, username, language_code, to_db_time(self._now())),
        )
        return _person(rows[0]) if rows else None

    async def names(self, user_ids: Iterable[int]) -> dict[int, str]:
        """The names of those of ``user_ids`` the bot has seen (the others are left out)."""
        wanted = sorted(set(user_ids))
        found: dict[int, str] = {}
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = await self._db.fetchall(
                f"SELECT user_id, name FROM people WHERE user_id IN ({marks})",  # noqa: S608
                chunk,
            )
            found.update({int(row["user_id"]): str(row["name"]) for row in rows})
        return found
